import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { AlarmChange } from '../../../main/core/alarms/alarm-board.ts';
import type { CourierService } from '../../../main/core/service.ts';
import { writeWav } from '../../fixtures/audio.ts';
import {
  startRig,
  type DeliveryRig,
  type RigConfig,
  type RigOptions,
} from '../delivery/service-fixture.ts';

/** The rig's settings with these alarms (the others as given, or their defaults). */
export function withAlarms(alarms: Readonly<Record<string, unknown>>) {
  return (base: RigConfig): RigConfig => ({ ...base, alarms }) as RigConfig;
}

/** A delivery rig whose alarm changes are collected as the core announces them. */
export interface AlarmRig {
  readonly rig: DeliveryRig;
  readonly service: CourierService;
  /** Every alarm event so far, as "started no-new-recordings". */
  readonly changes: string[];
  /** The alarm events' details. */
  readonly events: AlarmChange[];
  /** Writes a stereo recording into the watch folder (its length makes its content unique). */
  record(name: string, seconds?: number): Promise<string>;
  /** The ids of the alarms the status says are on. */
  activeIds(): Promise<readonly string[]>;
}

/** Starts a service delivering to an emulator, with alarm events collected. */
export async function startAlarmRig(name: string, options: RigOptions): Promise<AlarmRig> {
  const rig = await startRig(name, options);
  const changes: string[] = [];
  const events: AlarmChange[] = [];
  rig.service.onEvent((event) => {
    if (event.type !== 'alarm') return;
    changes.push(`${event.change} ${event.alarm.id}`);
    events.push({ change: event.change, alarm: event.alarm });
  });
  return {
    rig,
    service: rig.service,
    changes,
    events,
    record: (file, seconds = 1) => writeWav(join(rig.folder, file), { channels: 2, seconds }),
    activeIds: async () => ((await rig.service.status()).alarms ?? []).map((a) => a.id),
  };
}

/** Writes a file of `bytes` zero bytes (less if the drive fills up first). */
export async function fill(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write(Buffer.alloc(bytes));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close();
  }
}
