import { shortCount, sig } from '../harness/format.ts';

/** One line of a chart panel. */
export interface Series {
  label: string;
  color: string;
  /** y per x, in the order of the panel's xs. */
  values: readonly number[];
}

/** One panel: a log-scale x axis of thread counts and one or more series. */
export interface Panel {
  title: string;
  yLabel: string;
  /** Log scale for y (tick times span decades); else linear from 0. */
  logY: boolean;
  series: readonly Series[];
  /** A dashed horizontal reference line, e.g. the frame budget. */
  reference?: { value: number; label: string };
}

const W = 460;
const H = 320;
const M = { left: 64, right: 16, top: 36, bottom: 48 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Evenly spaced "nice" values covering [lo, hi] (linear), about `n` of them. */
function niceTicks(lo: number, hi: number, n: number): number[] {
  const raw = (hi - lo) / n;
  const step = [1, 2, 5, 10].map((f) => f * 10 ** Math.floor(Math.log10(raw))).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

/** Powers of ten covering [lo, hi]. */
function decadeTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  return out;
}

function panelSvg(panel: Panel, xs: readonly number[], offsetX: number): string {
  const ys = panel.series.flatMap((s) => s.values).concat(panel.reference ? [panel.reference.value] : []).filter((v) => v > 0 && Number.isFinite(v));
  const xLo = Math.min(...xs) / 1.5;
  const xHi = Math.max(...xs) * 1.5;
  const yLo = panel.logY ? Math.min(...ys) / 2 : 0;
  const yHi = panel.logY ? Math.max(...ys) * 2 : Math.max(...ys) * 1.15;
  const px = (x: number): number => M.left + (PLOT_W * Math.log(x / xLo)) / Math.log(xHi / xLo);
  const py = panel.logY
    ? (y: number): number => M.top + PLOT_H - (PLOT_H * Math.log(y / yLo)) / Math.log(yHi / yLo)
    : (y: number): number => M.top + PLOT_H - (PLOT_H * y) / yHi;
  const parts: string[] = [`<g transform="translate(${offsetX},0)">`];
  parts.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(panel.title)}</text>`);
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${PLOT_W}" height="${PLOT_H}" fill="#fafafa" stroke="#999"/>`);
  const yTicks = (panel.logY ? decadeTicks(yLo, yHi) : niceTicks(0, yHi, 5)).filter((v) => v >= yLo && v <= yHi);
  for (const v of yTicks) {
    const y = py(v).toFixed(1);
    parts.push(`<line x1="${M.left}" x2="${M.left + PLOT_W}" y1="${y}" y2="${y}" stroke="#e2e2e2"/>`);
    parts.push(`<text x="${M.left - 6}" y="${y}" dy="4" text-anchor="end" font-size="11">${sig(v, 2)}</text>`);
  }
  for (const x of xs) {
    const X = px(x).toFixed(1);
    parts.push(`<line x1="${X}" x2="${X}" y1="${M.top}" y2="${M.top + PLOT_H}" stroke="#e2e2e2"/>`);
    parts.push(`<text x="${X}" y="${M.top + PLOT_H + 16}" text-anchor="middle" font-size="11">${shortCount(x)}</text>`);
  }
  parts.push(`<text x="${M.left + PLOT_W / 2}" y="${H - 8}" text-anchor="middle" font-size="12">threads (log scale)</text>`);
  parts.push(`<text transform="translate(14,${M.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(panel.yLabel)}</text>`);
  if (panel.reference && panel.reference.value > yLo && panel.reference.value < yHi) {
    const y = py(panel.reference.value).toFixed(1);
    parts.push(`<line x1="${M.left}" x2="${M.left + PLOT_W}" y1="${y}" y2="${y}" stroke="#c0392b" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${M.left + PLOT_W - 4}" y="${y}" dy="-4" text-anchor="end" font-size="11" fill="#c0392b">${escape(panel.reference.label)}</text>`);
  }
  panel.series.forEach((s, i) => {
    const points = xs.map((x, k) => [px(x), py(Math.max(s.values[k]!, panel.logY ? yLo : 0))] as const);
    parts.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`);
    for (const [k, [x, y]] of points.entries()) {
      parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3.5" fill="${s.color}"><title>${escape(`${s.label} at ${shortCount(xs[k]!)}: ${sig(s.values[k]!)}`)}</title></circle>`);
    }
    const ly = M.top + 14 + i * 16;
    parts.push(`<rect x="${M.left + 8}" y="${ly - 9}" width="12" height="3" fill="${s.color}"/>`);
    parts.push(`<text x="${M.left + 26}" y="${ly - 4}" font-size="11">${escape(s.label)}</text>`);
  });
  parts.push('</g>');
  return parts.join('\n');
}

/** A self-contained SVG of panels side by side, sharing the x values (thread counts). */
export function chartSvg(title: string, xs: readonly number[], panels: readonly Panel[]): string {
  const width = W * panels.length;
  const height = H + 28;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="${H + 20}" text-anchor="middle" font-size="12" fill="#555">${escape(title)}</text>`,
    ...panels.map((panel, i) => panelSvg(panel, xs, i * W)),
    '</svg>',
  ].join('\n');
}
