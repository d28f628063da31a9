import { enderTuringNameProblem as nameReason } from '../../metadata/presets/enderturing.ts';
import type { Problem } from '../../problem.ts';

/** A `name` problem when Ender Turing would not read the call details from this file name. */
export function enderTuringNameProblem(fileName: string): Omit<Problem, 'destination'> | null {
  const reason = nameReason(fileName);
  if (reason === null) return null;
  return {
    code: 'name',
    message:
      `Ender Turing will not read the call details from this name: ${reason}. ` +
      'It reads names like 20240131_2059_Agent99_12345678_IN_0.wav (date_time_agent_client_direction_agentChannel); ' +
      'set the recorder to write them, or send the details separately.',
  };
}
