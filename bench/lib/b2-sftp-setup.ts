import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SshdServer } from '../../test/fixtures/sshd.ts';

/** The id of the Ender Turing SFTP profile in the bench's settings. */
export const SFTP_PROFILE = 'etsftp';

/** The rclone remote the baseline uploads through, configured by environment variables only. */
export const RCLONE_REMOTE = 'bench';

/** Settings for `call-courier run`: one watched folder dropped on the sshd's `remoteDir`. */
export function sftpSettings(options: {
  readonly server: SshdServer;
  readonly watchDir: string;
  readonly remoteDir: string;
  readonly upload?: Readonly<Record<string, unknown>>;
}): unknown {
  const { server } = options;
  return {
    watch: [{ path: options.watchDir, destinations: [SFTP_PROFILE] }],
    profiles: [
      {
        id: SFTP_PROFILE,
        connector: 'enderturing-sftp',
        options: {
          host: server.host,
          port: server.port,
          username: server.keyUser.username,
          remoteDir: options.remoteDir,
        },
      },
    ],
    upload: options.upload ?? {},
  };
}

/** The environment that gives the service the key user's private key (secretEnvName of etsftp/privateKey). */
export function sftpEnv(server: SshdServer): NodeJS.ProcessEnv {
  return { CALL_COURIER_ETSFTP_PRIVATE_KEY: server.keyUser.privateKey };
}

/**
 * The environment that defines rclone's sftp remote `bench:` for the same server and key
 * (rclone reads RCLONE_CONFIG_<REMOTE>_<OPTION>; no config file). The key is written to
 * `keyFile`. The shell type is `none`, as on Ender Turing's SFTP-only server: rclone runs
 * no remote commands (no md5sum after each upload), which only spares it work.
 */
export async function rcloneEnv(server: SshdServer, keyFile: string): Promise<NodeJS.ProcessEnv> {
  await writeFile(keyFile, server.keyUser.privateKey, { mode: 0o600 });
  const prefix = `RCLONE_CONFIG_${RCLONE_REMOTE.toUpperCase()}`;
  return {
    [`${prefix}_TYPE`]: 'sftp',
    [`${prefix}_HOST`]: server.host,
    [`${prefix}_PORT`]: String(server.port),
    [`${prefix}_USER`]: server.keyUser.username,
    [`${prefix}_KEY_FILE`]: keyFile,
    [`${prefix}_SHELL_TYPE`]: 'none',
    // No config file of the user's may change the baseline.
    RCLONE_CONFIG: join(keyFile, '..', 'rclone.conf'),
  };
}
