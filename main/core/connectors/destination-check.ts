import type { Problem } from '../problem.ts';
import { acceptedFormatsText, formatName } from '../recording/describe.ts';
import type { ConnectorDeclaration, OptionValues, RecordingFacts } from './declaration.ts';

/** What would stop one destination from accepting a recording, judged from its declaration. */
export function destinationProblems(
  recording: RecordingFacts,
  connector: ConnectorDeclaration,
  destination: string,
  options: OptionValues = {},
): Problem[] {
  const { capabilities, label } = connector;
  const problems: Omit<Problem, 'destination'>[] = [];
  const audio = recording.audio;

  if (audio) {
    const accepted = capabilities.formats.some(
      (f) => f.container === audio.container && (!f.codecs || f.codecs.includes(audio.codec)),
    );
    if (!accepted) {
      problems.push({
        code: 'unsupported-format',
        message:
          `${label} does not accept ${formatName(audio.container, audio.codec)}: it takes ` +
          `${acceptedFormatsText(capabilities.formats)}. Have the recorder write one of these, or convert the file.`,
      });
    }
    if (capabilities.requiresStereo && audio.channels < 2 && !connector.allowsMono?.(options)) {
      problems.push({
        code: 'mono',
        message:
          `mono file: ${label} needs stereo with the agent and the client on separate channels. ` +
          (connector.allowsMono
            ? 'Set the recorder to stereo (split channels), or turn on "Send mono recordings" (allowMono) for this destination.'
            : 'Set the recorder to stereo (split channels).'),
      });
    }
  }
  if (capabilities.maxBytes !== undefined && recording.sizeBytes > capabilities.maxBytes) {
    problems.push({
      code: 'too-large',
      message: `${label} accepts files up to ${formatBytes(capabilities.maxBytes)}; this one is ${formatBytes(recording.sizeBytes)}. Split or compress the recording.`,
    });
  }
  problems.push(...(connector.checkRecording?.(recording, options) ?? []));
  return problems.map((p) => ({ ...p, destination }));
}

/** Bytes in the largest whole unit: "2.5 GB", "830 KB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : Number(value.toFixed(value < 10 ? 2 : 1))} ${units[unit]}`;
}
