import type {
  EmulatorFaults as SharedFaults,
  FaultDice as SharedDice,
} from '../shared/fault-dice.ts';

export { FaultDice, retryAfterHeader } from '../shared/fault-dice.ts';
export type { FaultRate } from '../shared/fault-dice.ts';

/** The emulated Ender Turing endpoints a fault can be aimed at. */
export type Endpoint = 'login' | 'upload' | 'search' | 'metadata';

/** Faults the Ender Turing emulator can be told to have. */
export type EmulatorFaults = SharedFaults<Endpoint>;

/** The dice of the Ender Turing emulator. */
export type EnderTuringDice = SharedDice<Endpoint>;
