import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Agent, request, type Dispatcher } from 'undici';
import {
  makeTestCertificates,
  type TestCertificates,
} from '../../reliability/network/test-certificates.ts';

/** Certificate and key files made by a private company CA (openssl), as IT would hand them over. */
export interface CertificateFiles {
  readonly certs: TestCertificates;
  /** For localhost and 127.0.0.1. */
  readonly cert: string;
  readonly key: string;
  /** A key that belongs to another certificate. */
  readonly otherKey: string;
  /** A certificate that expired yesterday, and its key. */
  readonly expiredCert: string;
  readonly expiredKey: string;
  /** A client that trusts the company CA. */
  readonly trusting: Dispatcher;
}

/** Makes the CA, the certificates and their files in `dir`. */
export async function makeCertificateFiles(dir: string): Promise<CertificateFiles> {
  const certs = await makeTestCertificates(dir);
  const write = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text, { mode: 0o600 });
    return path;
  };
  return {
    certs,
    cert: await write('server-cert.pem', certs.good.cert),
    key: await write('server-key.pem', certs.good.key),
    otherKey: await write('other-key.pem', certs.wrongName.key),
    expiredCert: await write('expired-cert.pem', certs.expired.cert),
    expiredKey: await write('expired-key.pem', certs.expired.key),
    trusting: new Agent({ connect: { ca: await readFile(certs.caFile, 'utf8') } }),
  };
}

/** An answer read whole. */
export interface Reply {
  readonly status: number;
  readonly text: string;
}

/** One request with a bearer token (and a JSON body when given), read whole. */
export async function call(
  url: string,
  token: string | null,
  options: { method?: Dispatcher.HttpMethod; json?: unknown; dispatcher?: Dispatcher } = {},
): Promise<Reply> {
  const answer = await request(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(options.json !== undefined && { 'content-type': 'application/json' }),
    },
    ...(options.json !== undefined && { body: JSON.stringify(options.json) }),
    ...(options.dispatcher !== undefined && { dispatcher: options.dispatcher }),
  });
  return { status: answer.statusCode, text: await answer.body.text() };
}
