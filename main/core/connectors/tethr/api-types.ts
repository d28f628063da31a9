import { z } from 'zod';

/** Answer of `POST /Token` (client-credentials grant). */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string(),
  /** Seconds; Tethr answers 1799. */
  expires_in: z.number().positive().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** A refused token request, as OAuth 2 servers answer it: `{ error, error_description? }`. */
export const tokenErrorSchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
});
export type TokenError = z.infer<typeof tokenErrorSchema>;

/** Answer of `POST /callCapture/v1/archive`: the Tethr-assigned call id. */
export const archiveResponseSchema = z.looseObject({
  callId: z.string().min(1),
});
export type ArchiveResponse = z.infer<typeof archiveResponseSchema>;

/** One session in a status answer: status InProgress, Concluded, Complete or NotFound (seed 002). */
export const callSessionSchema = z.looseObject({
  sessionId: z.string().min(1),
  status: z.string().min(1),
  /** Absent or null while Tethr does not have the call. */
  callId: z.string().nullish(),
});
export type CallSession = z.infer<typeof callSessionSchema>;

/** Answer of `POST /callCapture/v1/status`. */
export const statusResponseSchema = z.looseObject({
  callSessions: z.array(callSessionSchema),
});
export type StatusResponse = z.infer<typeof statusResponseSchema>;

/** One entry of `GET /sources/v1/recordingSettings`: `None` means record, `Disabled` means do not. */
export const recordingSettingSchema = z.looseObject({
  refType: z.string(),
  source: z.string().nullish(),
  lookupId: z.union([z.string(), z.number()]).transform(String),
  recordingSetting: z.string(),
});
export type RecordingSetting = z.infer<typeof recordingSettingSchema>;

/** Answer of `GET /sources/v1/recordingSettings`. */
export const recordingSettingsSchema = z.array(recordingSettingSchema);

/** Heartbeat `Status` values (seed 002, "Status Heartbeats"). */
export const MONITOR_STATUS = {
  unknown: 0,
  healthy: 1,
  warning: 10,
  error: 20,
  offline: 30,
} as const;

/** Body of `POST /callCapture/v1/monitor`. */
export interface MonitorMessage {
  readonly Status: (typeof MONITOR_STATUS)[keyof typeof MONITOR_STATUS];
  /** ISO 8601, UTC. */
  readonly TimeStamp: string;
  /** The application instance: the computer name. */
  readonly Name: string;
}

/** A contact in the `info` document. */
export interface InfoContact {
  readonly type: 'agent' | 'customer';
  /** Zero-based: the agent's channel is 0 or 1, so Tethr reads the numbering as zero-based. */
  readonly channel: number;
  readonly phoneNumber?: string;
  readonly referenceId?: string;
  readonly firstName?: string;
  readonly lastName?: string;
}

/** Audio formats the archive takes. */
export type InfoAudioFormat = 'wav' | 'mp3' | 'opus';

/** Call directions the archive takes. */
export type InfoDirection = 'Inbound' | 'Outbound' | 'Internal' | 'Unknown';

/** The `info` part of an archived call upload. */
export interface CallInfo {
  readonly sessionId: string;
  readonly masterCallId?: string;
  readonly audio: { readonly format: InfoAudioFormat };
  readonly startTime: string;
  readonly endTime: string;
  readonly direction: InfoDirection;
  readonly numberDialed?: string;
  readonly contacts: readonly InfoContact[];
  readonly metaData: Readonly<Record<string, unknown>>;
}
