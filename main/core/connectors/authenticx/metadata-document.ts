import type { CallMetadata } from '../../metadata/call-metadata.ts';
import type { MediaMetadata } from './api-types.ts';
import { extendedMetadataValues } from './extended-values.ts';
import type { AuthenticxSettings } from './settings.ts';

/** Authenticx's CallDirection for a canonical direction; internal and unknown calls have none. */
const CALL_DIRECTIONS: Readonly<Partial<Record<string, 'Inbound' | 'Outbound'>>> = {
  IN: 'Inbound',
  OUT: 'Outbound',
};

/**
 * The `metadata` document of one upload (seed 003): the file name exactly as the file
 * part carries it, UploadType Audio, the call details Authenticx has fields for
 * (startTime → InteractionDate, agentId → AgentCode, agent names, clientId → Phone,
 * callId → ClientCallId, IN/OUT → Inbound/Outbound), the rest as
 * ExtendedMetadataValues, then the profile's hierarchy and language. Fields with
 * nothing to say are left out.
 */
export function mediaMetadata(
  fileName: string,
  metadata: CallMetadata,
  settings: AuthenticxSettings,
): MediaMetadata {
  const direction = metadata.direction && CALL_DIRECTIONS[metadata.direction];
  const extended = extendedMetadataValues(metadata);
  const { hierarchy, localeId } = settings;
  return {
    FileName: fileName,
    UploadType: 'Audio',
    ...(direction ? { CallDirection: direction } : {}),
    ...(metadata.clientId ? { Phone: metadata.clientId } : {}),
    ...(metadata.agentFirstName ? { AgentFirstName: metadata.agentFirstName } : {}),
    ...(metadata.agentLastName ? { AgentLastName: metadata.agentLastName } : {}),
    ...(metadata.agentId ? { AgentCode: metadata.agentId } : {}),
    ...(metadata.startTime ? { InteractionDate: metadata.startTime } : {}),
    ...(extended ? { ExtendedMetadataValues: extended } : {}),
    ...(hierarchy?.id ? { HierarchyId: hierarchy.id } : {}),
    ...(hierarchy?.code ? { HierarchyCode: hierarchy.code } : {}),
    ...(hierarchy ? { ApplyHierarchyToAgent: hierarchy.applyToAgent } : {}),
    ...(localeId ? { LocaleId: localeId } : {}),
    ...(metadata.callId ? { ClientCallId: metadata.callId } : {}),
  };
}
