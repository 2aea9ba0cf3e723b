import type { Series } from './series.ts';

/** How a {@link LineChart} looks and reads. */
export interface LineChartOptions {
  title: string;
  /** CSS colour of the line. */
  color: string;
  /** Formats a value for the labels. */
  format: (value: number) => string;
  /** Seconds of history shown. */
  seconds: number;
  /** Smallest top of the value axis (so an idle chart does not magnify noise). */
  minTop: number;
  /** A horizontal reference line, e.g. the 16.7 ms of a 60 fps frame. */
  reference?: { value: number; label: string };
}

const PAD = { left: 44, right: 8, top: 6, bottom: 16 };

/**
 * A live line chart on a 2D canvas: the last `seconds` of a {@link Series}, with an area fill, a rounded value axis,
 * an optional reference line, and the latest and mean values in the title row.
 */
export class LineChart {
  readonly element = document.createElement('figure');
  private readonly canvas = document.createElement('canvas');
  private readonly latest = document.createElement('span');
  private readonly context: CanvasRenderingContext2D;

  constructor(private readonly options: LineChartOptions) {
    this.element.className = 'chart';
    const caption = document.createElement('figcaption');
    const title = document.createElement('span');
    title.textContent = options.title;
    title.style.setProperty('--line', options.color);
    title.className = 'chart-title';
    this.latest.className = 'chart-latest';
    caption.append(title, this.latest);
    this.element.append(caption, this.canvas);
    this.context = this.canvas.getContext('2d')!;
  }

  /** Draws the series as of `nowMs`. */
  draw(series: Series, nowMs: number): void {
    const { canvas, context: g, options } = this;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const since = nowMs - options.seconds * 1000;
    const top = niceCeil(Math.max(options.minTop, series.max(since) * 1.1, options.reference?.value ?? 0));
    const plot = { x: PAD.left, y: PAD.top, w: width - PAD.left - PAD.right, h: height - PAD.top - PAD.bottom };
    const xOf = (time: number): number => plot.x + ((time - since) / (options.seconds * 1000)) * plot.w;
    const yOf = (value: number): number => plot.y + plot.h - (Math.min(value, top) / top) * plot.h;
    this.drawGrid(top, plot, yOf);
    if (options.reference) this.drawReference(options.reference, plot, yOf);
    this.drawLine(series, series.indexFrom(since), xOf, yOf, plot);
    this.latest.textContent = `${options.format(series.last())}  ·  avg ${options.format(series.mean(nowMs - 1000))}`;
  }

  private drawGrid(top: number, plot: Plot, yOf: (v: number) => number): void {
    const g = this.context;
    g.font = '10px ui-monospace, "DejaVu Sans Mono", monospace';
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const value = (top * i) / 4;
      const y = Math.round(yOf(value)) + 0.5;
      g.strokeStyle = i === 0 ? 'rgba(255,255,255,0.25)' : 'rgba(255,255,255,0.07)';
      g.beginPath();
      g.moveTo(plot.x, y);
      g.lineTo(plot.x + plot.w, y);
      g.stroke();
      g.fillStyle = 'rgba(216,222,233,0.55)';
      g.fillText(this.options.format(value), plot.x - 6, y);
    }
    g.textAlign = 'left';
    g.textBaseline = 'alphabetic';
    g.fillText(`-${this.options.seconds} s`, plot.x, plot.y + plot.h + 13);
    g.textAlign = 'right';
    g.fillText('now', plot.x + plot.w, plot.y + plot.h + 13);
  }

  private drawReference(reference: { value: number; label: string }, plot: Plot, yOf: (v: number) => number): void {
    const g = this.context;
    const y = Math.round(yOf(reference.value)) + 0.5;
    g.save();
    g.setLineDash([4, 4]);
    g.strokeStyle = 'rgba(255,198,64,0.55)';
    g.beginPath();
    g.moveTo(plot.x, y);
    g.lineTo(plot.x + plot.w, y);
    g.stroke();
    g.restore();
    g.fillStyle = 'rgba(255,198,64,0.8)';
    g.textAlign = 'left';
    g.fillText(reference.label, plot.x + 4, y - 4);
  }

  private drawLine(series: Series, first: number, xOf: (t: number) => number, yOf: (v: number) => number, plot: Plot): void {
    if (series.length - first < 2) return;
    const g = this.context;
    g.save();
    g.beginPath();
    g.rect(plot.x, plot.y, plot.w, plot.h);
    g.clip();
    g.beginPath();
    for (let i = first; i < series.length; i++) {
      const x = xOf(series.time(i));
      const y = yOf(series.value(i));
      if (i === first) g.moveTo(x, y);
      else g.lineTo(x, y);
    }
    g.strokeStyle = this.options.color;
    g.lineWidth = 1.5;
    g.lineJoin = 'round';
    g.stroke();
    g.lineTo(xOf(series.time(series.length - 1)), plot.y + plot.h);
    g.lineTo(xOf(series.time(first)), plot.y + plot.h);
    g.closePath();
    const fill = g.createLinearGradient(0, plot.y, 0, plot.y + plot.h);
    fill.addColorStop(0, withAlpha(this.options.color, 0.35));
    fill.addColorStop(1, withAlpha(this.options.color, 0.02));
    g.fillStyle = fill;
    g.fill();
    g.restore();
  }
}

interface Plot {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Rounds up to 1, 2 or 5 times a power of ten, so axis labels stay short. */
function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value * (1 - 1e-9))!;
  return step * power;
}

/** `#rrggbb` with an alpha, as an `rgba()` colour. */
function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}
