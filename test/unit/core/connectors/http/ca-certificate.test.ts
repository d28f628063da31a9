import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../../../main/core/connectors/errors.ts';
import { readCaCertificate } from '../../../../../main/core/connectors/http/ca-certificate.ts';
import { tempDirForSuite } from '../../../../fixtures/temp-dir.ts';

describe("a profile's extra CA certificate file", async () => {
  const dir = await tempDirForSuite('call-courier-ca-file-');
  const fix =
    "set caCertificate of profile et to the PEM file of your company's certificate authority";

  it('is read as PEM text', async () => {
    const path = join(dir, 'ca.pem');
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    await writeFile(path, pem);
    await expect(readCaCertificate(path, 'et')).resolves.toBe(pem);
  });

  it('that holds no certificate is a settings problem saying so', async () => {
    const path = join(dir, 'ca.der');
    await writeFile(path, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    const reading = readCaCertificate(path, 'et');
    await expect(reading).rejects.toThrow(ConfigurationError);
    await expect(reading).rejects.toThrow(
      `the CA certificate file ${path} holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block): ${fix}`,
    );
  });

  it('that is a folder is a settings problem saying so', async () => {
    const path = join(dir, 'certs');
    await mkdir(path);
    await expect(readCaCertificate(path, 'et')).rejects.toThrow(
      `the CA certificate file ${path} is a folder: ${fix}`,
    );
  });
});
