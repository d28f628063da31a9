// The desktop app's core (electron-store replaced by an in-memory stand-in, the core real) reads
// the same machine policy file: locks hold against the window, a broken file stops the start.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startDesktopCore } from '../../../main/electron/core/start-core.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { storedDocuments } from '../../unit/electron/fake-electron-store.ts';

vi.mock('electron-store', () => import('../../unit/electron/fake-electron-store.ts'));

describe('the machine policy in the desktop app', () => {
  it('a locked setting is in force and the window cannot change it; the rest stays editable', async () => {
    const dir = await tempDirForSuite('call-courier-desktop-policy-');
    const userData = join(dir, 'user-data');
    const policyFile = join(dir, 'policy.json');
    await writeFile(
      policyFile,
      JSON.stringify({
        settings: { upload: { stableForSeconds: 30 } },
        locked: ['upload.stableForSeconds'],
        reason: 'Recorders on this network write slowly',
      }),
    );
    storedDocuments.set(userData, { upload: { stableForSeconds: 5, concurrency: 1 } });
    const core = await startDesktopCore({ userData, policyFile, secrets: new MemorySecretStore() });
    try {
      const settings = (await core.service.getSettings()) as { upload: Record<string, unknown> };
      expect(settings.upload).toEqual({ stableForSeconds: 30, concurrency: 1 });
      expect(await core.service.policy()).toEqual({
        file: policyFile,
        locked: [
          { path: 'upload.stableForSeconds', reason: 'Recorders on this network write slowly' },
        ],
      });
      const refused = await core.service.putSettings({
        upload: { stableForSeconds: 5, concurrency: 1 },
      });
      expect(refused).toMatchObject({
        ok: false,
        locked: true,
        errors: [{ path: 'upload.stableForSeconds' }],
      });
      expect(storedDocuments.get(userData)).toEqual({
        upload: { stableForSeconds: 5, concurrency: 1 },
      });
      const saved = await core.service.putSettings({
        upload: { stableForSeconds: 30, concurrency: 2 },
      });
      expect(saved).toEqual({ ok: true });
      expect(storedDocuments.get(userData)).toEqual({
        upload: { stableForSeconds: 30, concurrency: 2 },
      });
    } finally {
      await core.stop();
    }
  });

  it('a broken policy file stops the app with a message naming the file', async () => {
    const dir = await tempDirForSuite('call-courier-desktop-policy-broken-');
    const policyFile = join(dir, 'policy.json');
    await writeFile(policyFile, JSON.stringify({ locked: ['profiles'] }));
    await expect(
      startDesktopCore({
        userData: join(dir, 'user-data'),
        policyFile,
        secrets: new MemorySecretStore(),
      }),
    ).rejects.toThrow(`the machine policy file ${policyFile} has problems`);
  });
});
