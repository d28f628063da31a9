/** A base name split at the dot that starts its extension. */
export interface NameParts {
  /** The name without the extension. */
  readonly stem: string;
  /** The extension without the dot, as written; '' when there is none. */
  readonly extension: string;
}

/** An extension is short, alphanumeric and has a letter, so `1743042317.12206` has none. */
const EXTENSION = /^(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$/;

/** Splits a base name at its last dot when what follows looks like an extension. */
export function splitExtension(baseName: string): NameParts {
  const dot = baseName.lastIndexOf('.');
  const extension = dot > 0 ? baseName.slice(dot + 1) : '';
  return EXTENSION.test(extension)
    ? { stem: baseName.slice(0, dot), extension }
    : { stem: baseName, extension: '' };
}
