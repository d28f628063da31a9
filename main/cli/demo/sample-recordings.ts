import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes a stereo 16-bit PCM WAV: a tone for the agent on the left, another for the client on the right. */
export async function writeStereoTone(
  path: string,
  seconds: number,
  agentHz: number,
  clientHz: number,
): Promise<void> {
  const rate = 8000;
  const frames = Math.round(seconds * rate);
  const data = Buffer.alloc(frames * 4);
  for (let i = 0; i < frames; i += 1) {
    // Each side speaks in turn, as in a call.
    const agentTalks = Math.floor(i / rate) % 2 === 0;
    const t = i / rate;
    data.writeInt16LE(
      agentTalks ? Math.round(Math.sin(2 * Math.PI * agentHz * t) * 8000) : 0,
      i * 4,
    );
    data.writeInt16LE(
      agentTalks ? 0 : Math.round(Math.sin(2 * Math.PI * clientHz * t) * 8000),
      i * 4 + 2,
    );
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(2, 22); // stereo
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  await writeFile(path, Buffer.concat([header, data]));
}

/** A few calls named the way Ender Turing reads names, started in the last hour. */
export async function writeSampleRecordings(folder: string, now = new Date()): Promise<string[]> {
  const calls = [
    { agent: 'Agent07', client: '380501234567', direction: 'IN', channel: 0, seconds: 6 },
    { agent: 'Agent12', client: '14155550123', direction: 'OUT', channel: 0, seconds: 4 },
    { agent: 'Agent07', client: '442071234567', direction: 'IN', channel: 1, seconds: 8 },
    { agent: 'Agent31', client: '201', direction: 'INTERNAL', channel: 0, seconds: 3 },
  ];
  const names: string[] = [];
  for (const [i, call] of calls.entries()) {
    const start = new Date(now.getTime() - (calls.length - i) * 7 * 60_000);
    const date = start.toISOString().slice(0, 10).replaceAll('-', '');
    const time = start.toISOString().slice(11, 16).replace(':', '');
    const name = `${date}_${time}_${call.agent}_${call.client}_${call.direction}_${call.channel}.wav`;
    await writeStereoTone(join(folder, name), call.seconds, 440 + i * 110, 330 + i * 55);
    names.push(name);
  }
  return names;
}
