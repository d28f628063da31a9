import { basename, resolve } from 'node:path';
import type { ConnectorDeclaration, OptionValues } from '../connectors/declaration.ts';
import { destinationProblems } from '../connectors/destination-check.ts';
import type { CallMetadata } from '../metadata/call-metadata.ts';
import {
  readCallMetadata,
  type NameSource,
  type PresetId,
} from '../metadata/read-call-metadata.ts';
import type { Problem } from '../problem.ts';
import type { AudioFacts } from '../recording/audio-facts.ts';
import { probeRecording, probeWholeRecording, type ProbeResult } from '../recording/probe.ts';
import type { WholeRecording } from '../recording/whole-recording.ts';
import { undecodableNameProblem } from './undecodable-name.ts';

/** A destination a recording would be delivered to. */
export interface CheckDestination {
  readonly id: string;
  readonly connector: ConnectorDeclaration;
  readonly options: OptionValues;
}

/** What the platforms will see of a recording, and what would stop them from accepting it. */
export interface CheckResult {
  readonly file: string;
  readonly sizeBytes: number;
  readonly audio: AudioFacts | null;
  readonly metadata: CallMetadata;
  readonly preset: PresetId | 'template' | null;
  readonly problems: readonly Problem[];
}

/**
 * Probes a recording and reads its metadata without uploading anything; from `whole` when
 * the caller has read the file whole already (see readWholeRecording).
 */
export async function checkRecording(
  path: string,
  naming: NameSource,
  destinations: readonly CheckDestination[],
  whole?: WholeRecording,
): Promise<CheckResult> {
  const file = resolve(path);
  const [probed, named] = await Promise.all([
    whole ? probeWholeRecording(file, whole) : probeRecording(file),
    readCallMetadata(file, naming),
  ]);
  const probe = await withNameProblem(file, probed);
  const facts = {
    fileName: basename(file),
    sizeBytes: probe.sizeBytes,
    ...(probe.audio ? { audio: probe.audio } : {}),
  };
  // A file that is not readable audio gets no destination verdicts: the file itself is the problem.
  const perDestination = probe.audio
    ? destinations.flatMap((d) => destinationProblems(facts, d.connector, d.id, d.options))
    : [];
  return {
    file,
    sizeBytes: probe.sizeBytes,
    audio: probe.audio ?? null,
    metadata: named.metadata,
    preset: named.preset,
    problems: [...probe.problems, ...named.problems, ...perDestination],
  };
}

/** A probe that could not read the file, told why when its name is not UTF-8. */
async function withNameProblem(file: string, probe: ProbeResult): Promise<ProbeResult> {
  if (probe.audio || !probe.problems.some((p) => p.code === 'unreadable')) return probe;
  const undecodable = await undecodableNameProblem(file);
  return undecodable
    ? { sizeBytes: undecodable.sizeBytes, problems: [undecodable.problem] }
    : probe;
}
