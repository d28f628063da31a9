import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** One log file's text, or its end when it is long. */
export interface LogText {
  readonly name: string;
  readonly text: string;
  /** Whether only the end of the file is here. */
  readonly cut: boolean;
}

/** How much of each log file a bundle takes: the end, where the recent lines are. */
export const LOG_BYTES_PER_FILE = 2 * 1024 * 1024;

/** The current log and the rotated ones (call-courier.log, .1, .2 …), newest first, each cut to its last 2 MB. */
export async function readRecentLogs(
  logDir: string,
  maxBytes = LOG_BYTES_PER_FILE,
): Promise<LogText[]> {
  const names = await readdir(logDir).catch(() => [] as string[]);
  const logs = names
    .filter((name) => /^call-courier\.log(?:\.\d+)?$/.test(name))
    .sort((a, b) => rotation(a) - rotation(b));
  const texts: LogText[] = [];
  for (const name of logs) texts.push(await tail(join(logDir, name), name, maxBytes));
  return texts;
}

function rotation(name: string): number {
  return Number(/\.(\d+)$/.exec(name)?.[1] ?? 0);
}

/** The last `maxBytes` of a file, from the first whole line. */
async function tail(path: string, name: string, maxBytes: number): Promise<LogText> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    let text = buffer.toString('utf8');
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return { name, text, cut: start > 0 };
  } finally {
    await file.close();
  }
}
