/** A body parsed as JSON; undefined when it is not JSON (error bodies often are not). */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
