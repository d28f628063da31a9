import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../../main/cli/io.ts';
import { secretCommand } from '../../../../main/cli/secret.ts';
import { KeytarSecretStore } from '../../../../main/core/secrets/keytar-secret-store.ts';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-secret-store.ts';
import type { SecretStore } from '../../../../main/core/secrets/secret-store.ts';

/** Runs `call-courier secret …` with the given standard input and store. */
async function run(args: string[], input: string, store: SecretStore) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await secretCommand(
    args,
    { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) },
    Readable.from([input]),
    store,
  );
  return { status, stdout: out.join(''), stderr: err.join('') };
}

describe('call-courier secret', () => {
  it('stores the secret read from standard input and says where, without printing it', async () => {
    const store = new MemorySecretStore();
    const result = await run(['set', 'et', 'password'], 'hunter22\n', store);
    expect(result).toEqual({
      status: EXIT.ok,
      stdout: 'Stored et/password in memory.\n',
      stderr: '',
    });
    expect(await store.get('et', 'password')).toBe('hunter22');
  });

  it('names the system keychain when storing there', async () => {
    const keychain = new KeytarSecretStore({
      load: async () => ({
        getPassword: async () => null,
        setPassword: async () => {},
        deletePassword: async () => true,
      }),
    });
    const result = await run(['set', 'et', 'password'], 'hunter22', keychain);
    expect(result.stdout).toBe('Stored et/password in the system keychain.\n');
  });

  it('refuses an empty secret and keeps the earlier one', async () => {
    const store = new MemorySecretStore({ 'et/password': 'earlier' });
    const result = await run(['set', 'et', 'password'], '\n', store);
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr).toBe(
      'call-courier secret: the secret for et/password is empty; nothing was stored\n',
    );
    expect(await store.get('et', 'password')).toBe('earlier');
  });

  it.each([
    [[], 'say "set" or "delete"'],
    [['show', 'et', 'password'], 'unknown action "show"'],
    [['set', 'et'], 'name the profile and the field'],
    [
      ['set', 'et', 'password', 'hunter22'],
      'give the secret on standard input, not as an argument',
    ],
    [['delete', 'et', 'password', 'x'], 'too many arguments'],
    [
      ['set', 'et/eu', 'password'],
      'the profile id "et/eu" must be 1 to 40 letters, digits, - or _',
    ],
    [
      ['set', 'et', 'pass word'],
      'the field name "pass word" must be 1 to 64 letters, digits, - or _',
    ],
    [['set', '-x', 'et', 'password'], "Unknown option '-x'"],
  ])('refuses %j with a usage error', async (args, message) => {
    const store = new MemorySecretStore();
    const result = await run(args, 'hunter22\n', store);
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: call-courier secret set PROFILE FIELD');
    expect(result.stderr).not.toContain('hunter22\n');
    expect(store.entries().size).toBe(0);
  });

  it('prints its help', async () => {
    const result = await run(['--help'], '', new MemorySecretStore());
    expect(result.status).toBe(EXIT.ok);
    expect(result.stdout).toContain('CALL_COURIER_ET_PASSWORD');
  });

  it('stores a field no connector knows, with a note in case it is a typo', async () => {
    const store = new MemorySecretStore();
    const result = await run(['set', 'et', 'pasword'], 'hunter22', store);
    expect(result.status).toBe(EXIT.ok);
    expect(result.stderr).toMatch(
      /note: no connector has a secret named "pasword" \(known: .*password/,
    );
    expect(await store.get('et', 'pasword')).toBe('hunter22');
  });

  it('reports an unreachable keychain in plain words, exit 1, and never shows the secret', async () => {
    const keychain = new KeytarSecretStore({
      load: async () => {
        throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
      },
    });
    const result = await run(['set', 'et', 'password'], 'hunter22\n', keychain);
    expect(result.status).toBe(EXIT.problems);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'call-courier secret: the system keychain is not reachable (no D-Bus session: Cannot autolaunch D-Bus ' +
        'without X11 $DISPLAY): on a server without a desktop session, give the secret as the environment ' +
        'variable CALL_COURIER_ET_PASSWORD instead\n',
    );
  });

  it('deletes a stored secret, and says so when there was none', async () => {
    const store = new MemorySecretStore({ 'et/password': 'old' });
    expect(await run(['delete', 'et', 'password'], '', store)).toEqual({
      status: EXIT.ok,
      stdout: 'Deleted et/password from memory.\n',
      stderr: '',
    });
    expect(await store.get('et', 'password')).toBeNull();
    expect((await run(['delete', 'et', 'password'], '', store)).stdout).toBe(
      'Nothing was stored for et/password in memory.\n',
    );
  });
});
