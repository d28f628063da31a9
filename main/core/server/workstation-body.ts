import type { NewWorkstation } from '../../../preload/api.ts';
import { HttpError } from './http-answers.ts';

const EXAMPLE =
  'send {"label": "Agent 7", "address": "http://192.168.1.20:8490", "monitorToken": "…"} (and "caCertificate": "/path/ca.pem" for an https address signed by your company)';

/** The workstation to add, from a POST /api/v1/supervisor/workstations body; messages never quote the token. */
export function readNewWorkstation(body: unknown): NewWorkstation {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { label, address, monitorToken, caCertificate } = fields;
  const unknown = Object.keys(fields).filter(
    (key) => !['label', 'address', 'monitorToken', 'caCertificate'].includes(key),
  );
  if (unknown.length > 0) {
    throw new HttpError(400, `${unknown.join(', ')} is not a field of a workstation: ${EXAMPLE}`);
  }
  if (typeof label !== 'string' || label.trim() === '') {
    throw new HttpError(400, `the workstation needs a label: ${EXAMPLE}`);
  }
  if (typeof address !== 'string' || address.trim() === '') {
    throw new HttpError(400, `the workstation needs its address: ${EXAMPLE}`);
  }
  if (typeof monitorToken !== 'string' || monitorToken.trim() === '') {
    throw new HttpError(400, `the workstation needs its monitor token: ${EXAMPLE}`);
  }
  if (caCertificate !== undefined && typeof caCertificate !== 'string') {
    throw new HttpError(400, 'caCertificate must be the path of a PEM file, as text');
  }
  return {
    label,
    address,
    monitorToken,
    ...(typeof caCertificate === 'string' && caCertificate.trim() !== '' && { caCertificate }),
  };
}
