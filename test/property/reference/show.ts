// How an observation prints what a wait returned, on both sides of the comparison: the engine's values and the
// model's have the same plain shapes (a race's winner, a timeout's flag, an all's array, a signal's emission).

export function showValue(value: unknown): string {
  if (value === undefined) return '-';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `all of ${value.length}`;
  if (typeof value === 'object' && value !== null) {
    if ('winner' in value) return `winner ${String(value.winner)}`;
    if ('timedOut' in value) return value.timedOut === true ? 'timed out' : `in time${'value' in value && value.value !== undefined ? ` ${showValue(value.value)}` : ''}`;
    if ('down' in value && 'ending' in value) return `down s${String(value.down)} ${String(value.ending)}`;
    if ('request' in value) return showValue(value.request);
    if ('serial' in value) return `#${String(value.serial)}`;
    return 'a thread';
  }
  return String(value);
}
