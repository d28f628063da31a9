import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A server key and certificate (PEM text). */
export interface ServerCertificate {
  readonly key: string;
  readonly cert: string;
}

/** A private certificate authority and the server certificates it signed, made with openssl. */
export interface TestCertificates {
  /** Path of the CA certificate (PEM), as a profile's caCertificate names it. */
  readonly caFile: string;
  /** For localhost and 127.0.0.1, valid for two days. */
  readonly good: ServerCertificate;
  /** For other.example only. */
  readonly wrongName: ServerCertificate;
  /** For localhost, expired yesterday. */
  readonly expired: ServerCertificate;
}

/** Makes a private CA and three server certificates in `dir` with the openssl command. */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'company-ca.pem');
  await run('openssl', [
    'req',
    '-x509',
    ...newEcKey(caKey),
    '-out',
    caFile,
    '-days',
    '2',
    '-subj',
    '/CN=Call Courier test company CA',
  ]);
  const sign = async (name: string, altNames: string, days: number) => {
    const key = join(dir, `${name}.key`);
    const csr = join(dir, `${name}.csr`);
    const cert = join(dir, `${name}.pem`);
    const ext = join(dir, `${name}.ext`);
    await run('openssl', ['req', ...newEcKey(key), '-out', csr, '-subj', `/CN=${name}`]);
    await writeFile(ext, `subjectAltName=${altNames}\n`);
    // A negative -days puts the end of validity in the past: an expired certificate.
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      caFile,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      String(days),
      '-extfile',
      ext,
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  };
  return {
    caFile,
    good: await sign('localhost', 'DNS:localhost,IP:127.0.0.1', 2),
    wrongName: await sign('other.example', 'DNS:other.example', 2),
    expired: await sign('expired', 'DNS:localhost,IP:127.0.0.1', -1),
  };
}

function newEcKey(keyFile: string): string[] {
  return [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
  ];
}
