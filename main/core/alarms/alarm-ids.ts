import type { AlarmId } from '../../../preload/api.ts';

export type { AlarmId };

/** Every alarm, in the order they are listed (status, /metrics). */
export const ALARM_IDS = [
  'no-new-recordings',
  'backlog-too-old',
  'low-disk-space',
] as const satisfies readonly AlarmId[];

/** An alarm whose condition holds now, with what to tell a person. */
export interface AlarmCondition {
  readonly id: AlarmId;
  readonly message: string;
}
