import type {
  EmulatorFaults as SharedFaults,
  FaultDice as SharedDice,
} from '../shared/fault-dice.ts';

export { FaultDice } from '../shared/fault-dice.ts';
export type { FaultRate } from '../shared/fault-dice.ts';

/** The emulated Authenticx endpoints a fault can be aimed at. */
export type Endpoint = 'token' | 'upload';

/** Faults the Authenticx emulator can be told to have. */
export type EmulatorFaults = SharedFaults<Endpoint>;

/** The dice of the Authenticx emulator. */
export type AuthenticxDice = SharedDice<Endpoint>;
