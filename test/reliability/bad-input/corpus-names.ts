// Good recordings under hostile or odd names: control characters, path separators, names at the
// length limit, characters from every Unicode plane, and names the rules pass over.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { etName, fileEntry, goodWav, type CorpusEntry, type Expected } from './corpus-entry.ts';

const DELIVERED: Expected = { outcome: 'delivered' };

/** A good recording under `name`, delivered. */
function named(kind: string, made: string, name: string, expected = DELIVERED): CorpusEntry {
  return fileEntry({ kind, made, name, bytes: goodWav, expected });
}

/** A good recording whose name carries `text` in the agent's place. */
function agentNamed(kind: string, made: string, text: string, client: number): CorpusEntry {
  return named(kind, made, `20240401_1520_${text}_${client}_IN_0.wav`);
}

const hostile: readonly CorpusEntry[] = [
  agentNamed(
    'control characters in the name',
    'SOH and an ANSI colour escape in the agent part',
    'Agent\x01\x1b[31m',
    400,
  ),
  agentNamed(
    'DEL and C1 controls in the name',
    'DEL, U+0085 and U+009B in the agent part',
    'Agent\x7f\u0085\u009b',
    401,
  ),
  agentNamed(
    'line breaks and a tab in the name',
    'CR, LF and TAB in the agent part',
    'Agent\r\n\t',
    402,
  ),
  named(
    'Windows path separators in the name',
    'x\\..\\..\\Windows\\evil.wav',
    'x\\..\\..\\Windows\\evil.wav',
  ),
  named('a drive letter and a reserved device name', 'C:\\calls\\CON.wav', 'C:\\calls\\CON.wav'),
  named('shell metacharacters in the name', '$(reboot);|&<>*?"\'`.wav', '$(reboot);|&<>*?"\'`.wav'),
  named(
    'percent-encoded traversal in the name',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd.wav',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd.wav',
  ),
  named(
    'markup in the name',
    '<script>alert(1)<\\script><img src=x onerror=alert(2)>.wav',
    '<script>alert(1)<\\script><img src=x onerror=alert(2)>.wav',
  ),
  named(
    'a 255-byte name',
    '251 letters and ".wav": the longest name the file system allows (its sidecar name would be longer)',
    `${'n'.repeat(251)}.wav`,
    { outcome: 'delivered', without: /sidecar/ },
  ),
  named('a 252-byte name of 4-byte characters', '62 emoji and ".wav"', `${'😀'.repeat(62)}.wav`),
  agentNamed(
    'a right-to-left override in the name',
    'U+202E in the agent part',
    'Agent\u202Evaw.exe',
    403,
  ),
  named(
    'a byte-order mark and zero-width characters',
    'U+FEFF first, U+200B and U+200D inside',
    `\uFEFF${etName(404).replace('Agent7', 'Agent\u200B\u200D7')}`,
  ),
  agentNamed(
    'an accented name composed (NFC)',
    'José with é as one character, U+00E9',
    'Jos\u00e9',
    405,
  ),
  agentNamed(
    'the same name decomposed (NFD)',
    'José with e and a combining acute, U+0301',
    'Jose\u0301',
    405,
  ),
  {
    kind: 'a name that is not UTF-8',
    made: 'Latin-1 bytes for "café" in the name, as a Windows share may write it',
    name: 'latin1-caf\ufffd_20240401.wav',
    write: (folder) =>
      writeFile(Buffer.from(join(folder, 'latin1-caf\xe9_20240401.wav'), 'latin1'), goodWav()),
    // The watcher finds it by the bytes of its name; it cannot be opened by its text.
    expected: { outcome: 'failed', code: 'unreadable', reason: /not valid UTF-8.*rename the file/ },
  },
];

/** One character from each plane of Unicode, in a name that is otherwise Ender Turing's. */
const PLANES: readonly [number, string, string][] = [
  [0, 'Basic Multilingual', '中文العربية'],
  [1, 'Supplementary Multilingual', '😀𝄞'],
  [2, 'Supplementary Ideographic', '\u{20000}\u{2A6D6}'],
  [3, 'Tertiary Ideographic', '\u{30000}'],
  [14, 'Supplementary Special-purpose', '\u{E0001}\u{E0041}'],
  [15, 'Private Use A', '\u{F0000}'],
  [16, 'Private Use B', '\u{10FFFD}'],
];

const planes = PLANES.map(([plane, label, text]) =>
  agentNamed(
    `a name with plane ${plane} characters`,
    `${label}: ${[...text].map((c) => `U+${c.codePointAt(0)?.toString(16).toUpperCase()}`).join(' ')}`,
    `Agent${text}`,
    410 + plane,
  ),
);

const passedOver: readonly CorpusEntry[] = [
  named('a hidden file', '.20240401…wav', `.${etName(430)}`, {
    outcome: 'ignored',
    rule: 'hidden files are not recordings',
  }),
  named('only an extension', '.wav', '.wav', {
    outcome: 'ignored',
    rule: 'hidden files are not recordings',
  }),
  named('an editor lock file', '~$20240401…wav', `~$${etName(431)}`, {
    outcome: 'ignored',
    rule: 'temporary files (~) are not recordings',
  }),
  named('a partial download', '20240401…wav.part', `${etName(432)}.part`, {
    outcome: 'ignored',
    rule: 'partial files are not recordings',
  }),
  named('a temporary copy', '20240401…wav.tmp', `${etName(433)}.tmp`, {
    outcome: 'ignored',
    rule: 'partial files are not recordings',
  }),
  named('not a recording extension', '20240401….txt', etName(434, 'txt'), {
    outcome: 'ignored',
    rule: 'only recording extensions are recordings',
  }),
  named('an upper-case extension', '20240401….WAV, as FreePBX writes it', etName(435, 'WAV')),
];

export const NAME_ENTRIES: readonly CorpusEntry[] = [...hostile, ...planes, ...passedOver];
