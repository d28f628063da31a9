import { getCACertificates } from 'node:tls';
import type { Agent } from 'undici';
import { readCaCertificate } from '../connectors/http/ca-certificate.ts';
import { undici } from '../connectors/http/undici-module.ts';
import type { Workstation } from '../settings/supervisor-schema.ts';
import { WORKSTATION_TIMEOUT_MS } from './check-workstation.ts';

/**
 * The connection pool for asking one workstation: no proxy (workstations are on the office
 * network), short timeouts, and for an https:// address its company CA trusted besides the
 * usual ones. Throws, in plain words, when the CA file cannot be used.
 */
export async function workstationAgent(workstation: Workstation): Promise<Agent> {
  const ca =
    workstation.caCertificate === undefined
      ? undefined
      : [
          ...getCACertificates('default'),
          await readCaCertificate(workstation.caCertificate, `workstation ${workstation.label}`),
        ];
  const { Agent } = await undici();
  return new Agent({
    connectTimeout: WORKSTATION_TIMEOUT_MS,
    headersTimeout: WORKSTATION_TIMEOUT_MS,
    bodyTimeout: WORKSTATION_TIMEOUT_MS,
    keepAliveTimeout: 1_000,
    connect: ca === undefined ? {} : { ca },
  });
}
