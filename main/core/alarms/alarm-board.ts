import type { ActiveAlarm } from '../../../preload/api.ts';
import { ALARM_IDS, type AlarmCondition, type AlarmId } from './alarm-ids.ts';

/** An alarm that came on or cleared at one check. */
export interface AlarmChange {
  readonly change: 'started' | 'cleared';
  readonly alarm: ActiveAlarm;
}

/**
 * The alarms that are on, and since when. Each check gives the conditions that hold now: an
 * alarm comes on with the first check that holds it and clears with the first that does not.
 */
export class AlarmBoard {
  readonly #active = new Map<AlarmId, ActiveAlarm>();

  /** Takes the conditions that hold at `now`; answers what came on and what cleared. */
  update(conditions: readonly AlarmCondition[], now: number): readonly AlarmChange[] {
    const changes: AlarmChange[] = [];
    for (const id of ALARM_IDS) {
      const condition = conditions.find((c) => c.id === id);
      const active = this.#active.get(id);
      if (condition && active) {
        // Still on: the words follow the facts (how long, how much), the start stays.
        this.#active.set(id, { ...active, message: condition.message });
      } else if (condition) {
        const alarm = { id, since: new Date(now).toISOString(), message: condition.message };
        this.#active.set(id, alarm);
        changes.push({ change: 'started', alarm });
      } else if (active) {
        this.#active.delete(id);
        changes.push({ change: 'cleared', alarm: active });
      }
    }
    return changes;
  }

  /** The alarms that are on, in the order of ALARM_IDS. */
  active(): readonly ActiveAlarm[] {
    return ALARM_IDS.flatMap((id) => this.#active.get(id) ?? []);
  }
}
