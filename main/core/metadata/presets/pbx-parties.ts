import type { CallMetadata } from '../call-metadata.ts';
import { isExtension } from '../vocabulary.ts';

/**
 * Who is agent and who is client on a PBX call between `from` and `to`, judged by
 * which side is an internal extension: extension → outside = OUT, outside →
 * extension = IN, extension → extension = INTERNAL (agent = to, client = from),
 * otherwise UNKNOWN. An empty side is absent.
 */
export function partiesByExtension(from: string, to: string): CallMetadata {
  const fromExtension = isExtension(from);
  const toExtension = isExtension(to);
  if (fromExtension && toExtension) return { direction: 'INTERNAL', agentId: to, clientId: from };
  if (fromExtension && to) return { direction: 'OUT', agentId: from, clientId: to };
  if (toExtension && from) return { direction: 'IN', agentId: to, clientId: from };
  const extension = fromExtension ? from : toExtension ? to : undefined;
  if (extension) return { direction: 'UNKNOWN', agentId: extension };
  const extra = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  return Object.keys(extra).length > 0 ? { direction: 'UNKNOWN', extra } : { direction: 'UNKNOWN' };
}
