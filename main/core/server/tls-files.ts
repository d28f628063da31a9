import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** Where the HTTPS certificate and its private key are (PEM files). */
export interface TlsPaths {
  readonly certificate: string;
  readonly key: string;
}

/** A checked certificate and key, ready for node:https. The key is a secret: never log it. */
export interface TlsFiles {
  /** The certificate chain as PEM text. */
  readonly cert: string;
  /** The private key as PEM text: a secret. */
  readonly key: string;
  /** When the certificate stops being valid. */
  readonly validTo: Date;
  /** The names it is valid for (subjectAltName), e.g. "DNS:courier.office.lan, IP Address:192.168.1.20". */
  readonly names: string;
}

/**
 * Reads and checks an HTTPS certificate and its key: both readable, both PEM, the key the
 * certificate's own, the certificate not expired. Throws a plain-words Error saying what to do.
 * The key's content never appears in a message.
 */
export async function readTlsFiles(paths: TlsPaths, now: Date = new Date()): Promise<TlsFiles> {
  const certText = await readPem(paths.certificate, 'certificate');
  const keyText = await readPem(paths.key, 'private key');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certText);
  } catch {
    throw new Error(
      `the HTTPS certificate ${paths.certificate} is not a PEM certificate (it should begin with "-----BEGIN CERTIFICATE-----"): give the certificate file, not the key or a .pfx/.p12 bundle (convert one with "openssl pkcs12 -in FILE -nokeys -out cert.pem")`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyText);
  } catch (error) {
    const encrypted =
      /passphrase|encrypted/i.test((error as Error).message) || /ENCRYPTED/.test(keyText);
    throw new Error(
      encrypted
        ? `the HTTPS private key ${paths.key} is protected by a passphrase: Call Courier cannot type it, so save it without one ("openssl pkey -in FILE -out key.pem") and keep that file readable by this user only`
        : `the HTTPS private key ${paths.key} is not a PEM private key (it should begin with "-----BEGIN PRIVATE KEY-----" or similar): give the key that was made with the certificate`,
      { cause: error },
    );
  }
  if (!certificate.checkPrivateKey(key)) {
    throw new Error(
      `the HTTPS private key ${paths.key} does not belong to the certificate ${paths.certificate}: give the key that was made together with this certificate`,
    );
  }
  const validTo = new Date(certificate.validTo);
  if (validTo.getTime() <= now.getTime()) {
    throw new Error(
      `the HTTPS certificate ${paths.certificate} expired on ${validTo.toISOString().slice(0, 10)}: ask for a new one and replace the file`,
    );
  }
  return {
    cert: certText,
    key: keyText,
    validTo,
    names: certificate.subjectAltName ?? certificate.subject,
  };
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read by the user Call Courier runs as'
          : code === 'EISDIR'
            ? 'is a folder, not a file'
            : `cannot be read (${code ?? 'unknown error'})`;
    throw new Error(
      `the HTTPS ${what} ${path} ${problem}: check the path, or turn HTTPS off by leaving both the certificate and the key out`,
      { cause: error },
    );
  }
}
