/** Column alignment of a {@link formatTable} column. */
export type Align = 'left' | 'right';

/** Formats rows under headers as a plain-text table with a rule under the header; numbers align right. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const cell = (text: string, c: number): string =>
    (align?.[c] ?? (c === 0 ? 'left' : 'right')) === 'left' ? text.padEnd(widths[c]!) : text.padStart(widths[c]!);
  const line = (cells: readonly string[]): string => cells.map((t, c) => cell(t, c)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => line(r))].join('\n');
}

/** Formats rows as a GitHub markdown table. */
export function formatMarkdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map((_, c) => (c === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** 1234567 → "1,234,567". */
export function grouped(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 1000 → "1k", 1500000 → "1.5M": short thread counts for charts and labels. */
export function shortCount(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(2)}k`;
  return String(n);
}

/** A number with `digits` significant digits, without exponent notation for ordinary magnitudes. */
export function sig(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return '-';
  if (n === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(n)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return n.toFixed(Math.min(decimals, 6));
}

/** Rates: 12300000 → "12.3M". */
export function rate(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n >= 1e9) return `${sig(n / 1e9)}G`;
  if (n >= 1e6) return `${sig(n / 1e6)}M`;
  if (n >= 1e3) return `${sig(n / 1e3)}k`;
  return sig(n);
}
