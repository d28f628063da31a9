import type { CallMetadata } from './call-metadata.ts';

/** The metadata without its undefined fields, so it carries only what was actually read. */
export function definedFields(metadata: CallMetadata): CallMetadata {
  return Object.fromEntries(
    Object.entries(metadata).filter(([, value]) => value !== undefined),
  ) as CallMetadata;
}

/** Lays `over` on `base`: each field `over` sets replaces base's, and extra keys merge (over wins). */
export function mergeMetadata(base: CallMetadata, over: CallMetadata): CallMetadata {
  const { extra: baseExtra, ...baseFields } = base;
  const { extra: overExtra, ...overFields } = definedFields(over);
  const extra = { ...baseExtra, ...overExtra };
  return Object.keys(extra).length > 0
    ? { ...baseFields, ...overFields, extra }
    : { ...baseFields, ...overFields };
}
