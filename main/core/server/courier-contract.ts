/**
 * The CourierApi contract as this transport serves it. The contract lives in preload/api.ts
 * (DESIGN.md: one typed contract for IPC and HTTP); main/core may import it as types only.
 */
export type {
  CourierApi,
  CourierEvent,
  NamingChoice,
  RecordingQuery,
} from '../../../preload/api.ts';
