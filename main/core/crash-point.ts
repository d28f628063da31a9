/** Times each crash point was reached in this process, for `name:N`. */
const reached = new Map<string, number>();

/**
 * Test hook: kills this process with SIGKILL at the named point when CALL_COURIER_CRASH_AT
 * is `name` or `name:N` (the N-th time it is reached); does nothing otherwise.
 */
export function crashPoint(name: string): void {
  const wanted = process.env.CALL_COURIER_CRASH_AT;
  if (wanted === undefined || wanted === '') return;
  const [point, nth] = wanted.split(':');
  if (point !== name) return;
  const count = (reached.get(name) ?? 0) + 1;
  reached.set(name, count);
  if (count >= Number(nth ?? 1)) process.kill(process.pid, 'SIGKILL');
}
