import { arch, hostname, platform, release, type as osType } from 'node:os';
import { join } from 'node:path';
import type { StatusAnswer } from '../../../preload/api.ts';
import { buildInfo } from '../service/build-info.ts';
import { diagnosticsRedactor, localSecrets } from './diagnostics-redactor.ts';
import { readRecentLogs } from './log-files.ts';
import { readQueueFacts } from './queue-facts.ts';
import { runningInstance } from './running-instance.ts';
import { writeZip, type ZipEntry } from './zip-writer.ts';

/** What a diagnostics bundle is made from. */
export interface DiagnosticsSource {
  /** The data dir: queue.sqlite and logs/ are read from it, never written. */
  readonly dataDir: string;
  /** The settings as loaded (null when there are none yet). */
  readonly rawSettings: unknown;
  /** Where the settings came from, for the README (a file path, or "the desktop app's settings"). */
  readonly settingsSource: string;
  /** Whether client phone numbers are masked (settings `privacy.maskPhoneNumbers`). */
  readonly maskPhoneNumbers: boolean;
  /** Secret values known to the caller (the running service's); the data dir's tokens and CALL_COURIER_* values are added. */
  readonly secrets?: Iterable<string>;
  /** The running service's status, when the bundle is made by it. */
  readonly status?: StatusAnswer;
  readonly now?: Date;
}

/** A finished bundle: a zip file to save or send, and the names inside it. */
export interface DiagnosticsBundle {
  /** A name to save it as: call-courier-diagnostics-<host>-<time>.zip. */
  readonly fileName: string;
  readonly bytes: Buffer;
  readonly files: readonly string[];
}

/**
 * Builds the diagnostics bundle a person can attach to an email: README.txt (what, when,
 * versions, host), settings.json, queue.json (statistics and the recordings with problems),
 * status.json and the recent logs, all with secrets redacted and, when the settings say so,
 * phone numbers masked.
 */
export async function buildDiagnosticsBundle(
  source: DiagnosticsSource,
): Promise<DiagnosticsBundle> {
  const now = source.now ?? new Date();
  const secrets = [...(source.secrets ?? []), ...(await localSecrets(source.dataDir))];
  const clean = diagnosticsRedactor(secrets, source.maskPhoneNumbers);
  const build = await buildInfo();
  const queue = await readQueueFacts(source.dataDir, {
    maskPhoneNumbers: source.maskPhoneNumbers,
  }).catch((error: unknown) => ({ unreadable: (error as Error).message }));
  const logs = await readRecentLogs(join(source.dataDir, 'logs'));
  const pid = await runningInstance(source.dataDir);
  const status = {
    service:
      pid === null
        ? 'not running (no live process holds the data folder)'
        : `running as process ${pid}`,
    ...(source.status && { status: source.status }),
  };
  const entries: ZipEntry[] = [
    { name: 'settings.json', content: clean.json(source.rawSettings ?? {}) },
    {
      name: 'queue.json',
      content: clean.json(queue ?? { note: 'there is no queue yet (queue.sqlite is not there)' }),
    },
    { name: 'status.json', content: clean.json(status) },
    ...logs.map((log) => ({ name: `logs/${log.name}`, content: clean.text(log.text) })),
  ];
  const readme = clean.text(
    readmeText({
      now,
      version: build.version,
      node: build.node,
      dataDir: source.dataDir,
      settingsSource: source.settingsSource,
      masked: source.maskPhoneNumbers,
      files: entries.map((e) => e.name),
      cutLogs: logs.filter((l) => l.cut).map((l) => l.name),
    }),
  );
  const all = [{ name: 'README.txt', content: readme }, ...entries];
  return {
    fileName: `call-courier-diagnostics-${safeHost()}-${stamp(now)}.zip`,
    bytes: await writeZip(all, now),
    files: all.map((e) => e.name),
  };
}

function readmeText(facts: {
  readonly now: Date;
  readonly version: string;
  readonly node: string;
  readonly dataDir: string;
  readonly settingsSource: string;
  readonly masked: boolean;
  readonly files: readonly string[];
  readonly cutLogs: readonly string[];
}): string {
  return [
    'Call Courier diagnostics',
    '',
    'What Call Courier knew about itself when this was made, for whoever helps with a problem.',
    'Secrets (passwords, API keys, access tokens) are not in it: settings never hold them, and',
    'every file was searched for the known secrets and credential fields, which read "***".',
    facts.masked
      ? 'Client phone numbers are masked: only their last four digits are shown.'
      : 'Client phone numbers are shown whole (Settings > privacy.maskPhoneNumbers masks them).',
    '',
    `Made:            ${facts.now.toISOString()}`,
    `Call Courier:    ${facts.version}`,
    `Node.js:         ${facts.node}`,
    `System:          ${osType()} ${release()} (${platform()}, ${arch()})`,
    `Host:            ${hostname()}`,
    `Data folder:     ${facts.dataDir}`,
    `Settings from:   ${facts.settingsSource}`,
    '',
    'Files:',
    '  settings.json  the settings as loaded',
    '  queue.json     recordings per destination and state, the oldest waiting, and the',
    '                 recordings that failed or are being retried, with the reason in words',
    '  status.json    whether the service was running, and its status when it made this',
    '  logs/          the recent log files (JSON lines), newest first',
    ...(facts.cutLogs.length > 0
      ? [`                 (only the last 2 MB of: ${facts.cutLogs.join(', ')})`]
      : []),
    '',
    `In this bundle: ${facts.files.join(', ')}`,
    '',
  ].join('\n');
}

/** The host's name as a file name part. */
function safeHost(): string {
  return (
    hostname()
      .replace(/[^A-Za-z0-9-]+/g, '-')
      .slice(0, 40) || 'host'
  );
}

/** 2024-01-24T08:19:05Z → 20240124-081905 (UTC). */
function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}
