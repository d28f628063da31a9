import { z } from 'zod';

/** Answer of `POST /connect/token` (OAuth2 client credentials, scope acxapi). */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  /** Seconds; Authenticx documents 3600. */
  expires_in: z.number().positive().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/**
 * Answer of `POST /Media/Upload`. The seed does not document it; AcxAPI is described
 * as answering `{ Id, FileName, FileSizeKb }`, and ASP.NET may spell the keys in camel
 * case, so both spellings of the conversation id are read.
 */
export const uploadResponseSchema = z
  .looseObject({
    Id: z.union([z.string().min(1), z.number()]).optional(),
    id: z.union([z.string().min(1), z.number()]).optional(),
  })
  .transform((answer) => {
    const id = answer.Id ?? answer.id;
    return { id: id === undefined ? undefined : String(id) };
  });
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

/** Languages Authenticx transcribes: 1033 English, 2058 Spanish. */
export type LocaleId = 1033 | 2058;

/** The `metadata` part of `POST /Media/Upload`, as seed 003 names its fields. */
export interface MediaMetadata {
  /** Equal to the file part's name, or the upload fails. */
  readonly FileName: string;
  readonly UploadType: 'Audio';
  readonly CallDirection?: 'Inbound' | 'Outbound';
  readonly Phone?: string;
  readonly AgentFirstName?: string;
  readonly AgentLastName?: string;
  readonly AgentCode?: string;
  /** ISO 8601. */
  readonly InteractionDate?: string;
  readonly ExtendedMetadataValues?: Readonly<Record<string, string>>;
  readonly HierarchyId?: string;
  readonly HierarchyCode?: string;
  readonly ApplyHierarchyToAgent?: boolean;
  readonly LocaleId?: LocaleId;
  readonly ClientCallId?: string;
}
