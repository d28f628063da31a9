import { readFile } from 'node:fs/promises';
import { ConfigurationError } from '../errors.ts';

/** Above this size a file is no CA certificate (a bundle of every public CA is ~250 KB). */
const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * Reads a profile's extra CA certificate file (PEM); a file that cannot be read or holds no
 * certificate is a ConfigurationError saying which file and what to do.
 */
export async function readCaCertificate(path: string, profileId: string): Promise<string> {
  const fix = `set caCertificate of profile ${profileId} to the PEM file of your company's certificate authority`;
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_CA_FILE_BYTES) {
      throw new ConfigurationError(
        `the CA certificate file ${path} is larger than 1 MB, too large to be one: ${fix}`,
      );
    }
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'may not be read by Call Courier'
          : code === 'EISDIR'
            ? 'is a folder'
            : `could not be read (${code ?? String(error)})`;
    throw new ConfigurationError(`the CA certificate file ${path} ${why}: ${fix}`, {
      cause: error,
    });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigurationError(
      `the CA certificate file ${path} holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block): ${fix}`,
    );
  }
  return text;
}
