import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  bareEnvironment,
  freshHome,
  jsonLines,
  runInUnlockedKeyring,
  runShell,
} from './keyring-session.ts';

const keyringAvailable = hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon');

/** A secret unlike any other run's, with the characters that break naive quoting. */
const newSecret = () => `pä ss'"$\\ ${randomBytes(6).toString('hex')}`;

const unreachable = (reason: string, envName: string) =>
  new RegExp(
    `^the system keychain is not reachable \\(${reason}: .+\\): on a server without a desktop ` +
      `session, give the secret as the environment variable ${envName} instead$`,
  );

describe.skipIf(!keyringAvailable)(
  'the system keychain, gnome-keyring in a D-Bus session',
  async () => {
    const parent = await tempDirForSuite('call-courier-keyring-');

    it('gives back the secret that was stored, and nothing after it is deleted', async () => {
      const secret = newSecret();
      const env = bareEnvironment(await freshHome(parent), { SECRET_VALUE: secret });
      const run = await runInUnlockedKeyring(
        '"$NODE" "$CLIENT" round-trip it-round-trip password',
        env,
      );
      expect(jsonLines(run.stdout), run.stderr).toEqual([{ readBack: secret, afterDelete: null }]);
      expect(run.status).toBe(0);
    });

    it('keeps what `call-courier secret set` read from standard input, where the service finds it', async () => {
      const secret = newSecret();
      const env = bareEnvironment(await freshHome(parent), { SECRET_VALUE: secret });
      const run = await runInUnlockedKeyring(
        [
          `printf '%s\\n' "$SECRET_VALUE" | "$NODE" "$CLI" secret set it-cli password`,
          '"$NODE" "$CLIENT" get it-cli password',
          '"$NODE" "$CLI" secret delete it-cli password',
          '"$NODE" "$CLIENT" get it-cli password',
        ].join('\n'),
        env,
      );
      expect(run.stdout, run.stderr).toContain('Stored it-cli/password in the system keychain.\n');
      expect(jsonLines(run.stdout)).toEqual([{ value: secret }, { value: null }]);
      expect(run.stdout).toContain('Deleted it-cli/password from the system keychain.\n');
      expect(run.stdout + run.stderr).not.toContain(secret);
      expect(run.status).toBe(0);
    });

    it('explains a keyring that was never unlocked in plain words', async () => {
      const env = bareEnvironment(await freshHome(parent), { SECRET_VALUE: newSecret() });
      const run = await runShell(
        'exec dbus-run-session -- "$NODE" "$CLIENT" round-trip it-locked password',
        env,
      );
      const [result] = jsonLines(run.stdout) as { error?: { name: string; message: string } }[];
      expect(result?.error?.name, run.stderr).toBe('KeychainUnavailableError');
      expect(result?.error?.message).toMatch(
        unreachable(
          'the keyring is locked or has not been set up',
          'CALL_COURIER_IT_LOCKED_PASSWORD',
        ),
      );
    });
  },
);

describe('the system keychain where there is no D-Bus session (a server)', async () => {
  const parent = await tempDirForSuite('call-courier-keyring-');

  it('is reported in plain words that name the environment variable to use instead', async () => {
    const run = await runShell(
      '"$NODE" "$CLIENT" get office-et clientSecret',
      bareEnvironment(await freshHome(parent)),
    );
    expect(jsonLines(run.stdout), run.stderr).toEqual([
      {
        error: {
          name: 'KeychainUnavailableError',
          message: expect.stringMatching(
            unreachable('no D-Bus session', 'CALL_COURIER_OFFICE_ET_CLIENT_SECRET'),
          ),
        },
      },
    ]);
  });

  it('is not needed by the headless service when the environment gives the secret', async () => {
    const home = await freshHome(parent);
    const given = await runShell(
      '"$NODE" "$CLIENT" headless-get et password',
      bareEnvironment(home, { CALL_COURIER_ET_PASSWORD: 'from the unit file' }),
    );
    expect(jsonLines(given.stdout), given.stderr).toEqual([{ value: 'from the unit file' }]);

    const missing = await runShell(
      '"$NODE" "$CLIENT" headless-get et password',
      bareEnvironment(home),
    );
    expect(jsonLines(missing.stdout), missing.stderr).toEqual([
      {
        error: {
          name: 'KeychainUnavailableError',
          message: expect.stringMatching(
            unreachable('no D-Bus session', 'CALL_COURIER_ET_PASSWORD'),
          ),
        },
      },
    ]);
  });

  it('makes `call-courier secret set` exit 1 with that message, no stack trace and no secret', async () => {
    const secret = newSecret();
    const run = await runShell(
      `printf '%s\\n' "$SECRET_VALUE" | "$NODE" "$CLI" secret set et password`,
      bareEnvironment(await freshHome(parent), { SECRET_VALUE: secret }),
    );
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^call-courier secret: the system keychain is not reachable \(no D-Bus session: /,
    );
    expect(run.stderr).toContain('CALL_COURIER_ET_PASSWORD instead\n');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain(secret);
  });
});
