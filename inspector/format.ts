/** Formatting of the inspector's numbers: compact and fixed-width friendly. */

const grouped = new Intl.NumberFormat('en-US');

/** `1234567` → `1,234,567`. */
export function count(n: number): string {
  return grouped.format(n);
}

/** Milliseconds with two decimals, `·` for none (so idle threads fade out of a column of numbers). */
export function ms(value: number): string {
  return value > 0 ? value.toFixed(2) : '·';
}

/** An age in ticks of `dt` seconds, readable: `12.3 s`, `4 m 05 s`, `2 h 03 m`. */
export function age(ticks: number, dt: number): string {
  const seconds = ticks * dt;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} m ${String(Math.floor(seconds % 60)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} m`;
}
