// Good recordings with sidecar JSON that is invalid, hostile, huge, or not a file at all.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { etName, goodWav, type CorpusEntry, type Expected } from './corpus-entry.ts';

/** A good recording with `sidecar` written next to it by `writeSidecar` (as rec.wav.json by default). */
function withSidecar(
  kind: string,
  made: string,
  client: number,
  writeSidecar: (path: string) => Promise<void>,
  expected: Expected,
  sidecarName = (recording: string) => `${recording}.json`,
): CorpusEntry {
  const name = etName(client);
  return {
    kind,
    made,
    name,
    write: async (folder) => {
      await writeFile(join(folder, name), goodWav());
      await writeSidecar(join(folder, sidecarName(name)));
    },
    expected,
  };
}

/** A sidecar holding `text`. */
const text = (content: string | Uint8Array) => (path: string) => writeFile(path, content);

/** Delivered, with a warning about the sidecar matching `pattern`. */
const warned = (pattern: RegExp): Expected => ({ outcome: 'delivered', warning: pattern });

export const SIDECAR_ENTRIES: readonly CorpusEntry[] = [
  withSidecar(
    'sidecar that is not JSON',
    'a trailing comma: {"agentId": "A1",}',
    500,
    text('{"agentId": "A1",}'),
    warned(/is not valid JSON \(line 1, column 18: expected a property name/),
  ),
  withSidecar(
    'sidecar of binary bytes',
    '1 KiB of bytes 0x00–0xFF',
    501,
    text(Uint8Array.from({ length: 1024 }, (_, i) => i % 256)),
    warned(/is not valid JSON/),
  ),
  withSidecar(
    'sidecar nested 100,000 levels deep',
    '[[[[…]]]] 100,000 deep',
    502,
    text(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    warned(/nest more than 64 levels deep/),
  ),
  withSidecar(
    'sidecar with a deep value under a known key',
    '{"agentId": {"a": {"a": … 10,000 deep',
    503,
    text(`{"agentId": ${'{"a": '.repeat(10_000)}1${'}'.repeat(10_000)}}`),
    warned(/nest more than 64 levels deep/),
  ),
  withSidecar(
    'sidecar trying prototype pollution through __proto__',
    '{"__proto__": {"polluted": "yes"}, "agentId": "A1"}',
    504,
    text('{"__proto__": {"polluted": "yes"}, "agentId": "A1"}'),
    warned(/"__proto__", which is not allowed/),
  ),
  withSidecar(
    'sidecar trying prototype pollution through extra.__proto__',
    '{"extra": {"__proto__": {"polluted": "yes"}}}',
    505,
    text('{"extra": {"__proto__": {"polluted": "yes"}, "ok": 1}}'),
    warned(/"__proto__", which is not allowed/),
  ),
  withSidecar(
    'sidecar trying prototype pollution through constructor.prototype',
    '{"constructor": {"prototype": {"polluted": "yes"}}}',
    506,
    text('{"constructor": {"prototype": {"polluted": "yes"}}}'),
    { outcome: 'delivered' },
  ),
  withSidecar(
    'sidecar of 2 MB',
    'a 2,000,000-byte JSON object',
    507,
    text(JSON.stringify({ notes: 'x'.repeat(2_000_000) })),
    warned(/over the 1,048,576 a sidecar may have/),
  ),
  withSidecar(
    'sidecar with a 900 KB value',
    'agentId of 900,000 characters',
    508,
    text(JSON.stringify({ agentId: 'A'.repeat(900_000) })),
    { outcome: 'delivered' },
  ),
  withSidecar(
    'sidecar with a 500 KB value that is not allowed',
    'direction of 500,000 characters: the warning quotes a little of it',
    509,
    text(JSON.stringify({ direction: 'X'.repeat(500_000) })),
    warned(/has direction "X{60}…", which is not allowed/),
  ),
  withSidecar(
    'sidecar that is a list',
    '["A1"]',
    510,
    text('["A1"]'),
    warned(/must hold a JSON object/),
  ),
  withSidecar(
    'sidecar that is a folder',
    'a folder named rec.wav.json',
    511,
    (path) => mkdir(path),
    warned(/is not a file/),
  ),
  withSidecar(
    'sidecar that is a named pipe',
    'mkfifo rec.wav.json: reading it would wait for a writer forever',
    512,
    async (path) => void (await promisify(execFile)('mkfifo', [path])),
    warned(/is not a file/),
  ),
  withSidecar(
    'stem sidecar that is not JSON',
    'rec.json holding "agentId: A1"',
    513,
    text('agentId: A1'),
    warned(/sidecar 20240401_1520_Agent7_513_IN_0\.json is not valid JSON/),
    (recording) => recording.replace(/\.wav$/, '.json'),
  ),
];
