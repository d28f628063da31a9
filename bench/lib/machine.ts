import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, release, totalmem, type } from 'node:os';

/** The machine a run's figures came from. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** The first line of `--version` of each baseline tool present, or null when it is absent. */
  readonly tools: Readonly<Record<string, string | null>>;
}

const TOOLS: Readonly<Record<string, readonly string[]>> = {
  curl: ['curl', '--version'],
  inotifywait: ['inotifywait', '--help'],
  rclone: ['rclone', 'version'],
  sshd: ['sshd', '-V'],
};

/** Describes this machine: CPU, cores, memory, OS, Node and the baseline tools' versions. */
export async function machineInfo(): Promise<MachineInfo> {
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osRelease)?.[1];
  const tools: Record<string, string | null> = {};
  for (const [name, command] of Object.entries(TOOLS)) tools[name] = toolVersion(command);
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${pretty ?? type()} (${type()} ${release()})`,
    node: process.version,
    tools,
  };
}

function toolVersion([command, ...args]: readonly string[]): string | null {
  if (command === undefined) return null;
  const answer = spawnSync(command, args, { encoding: 'utf8', timeout: 5000 });
  if (answer.error) return null;
  const text = `${answer.stdout}\n${answer.stderr}`;
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /\d+\.\d+/.test(line))
      ?.split(' ')
      .slice(0, 2)
      .join(' ')
      .replace(/,$/, '') ?? null
  );
}
