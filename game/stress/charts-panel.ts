import type { FrameStats } from './frame-stats.ts';
import { LineChart } from './line-chart.ts';

/** Seconds of history the charts show. */
const SECONDS = 10;
const FRAME_60FPS = { value: 1000 / 60, label: '60 fps' };

const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const threads = (value: number): string =>
  value >= 1_000_000 ? `${+(value / 1_000_000).toFixed(2)}M` : value >= 1000 ? `${+(value / 1000).toFixed(1)}k` : value.toFixed(0);

/** The live charts of the stress page: script time per frame, frame time, and live threads, over the last seconds. */
export class ChartsPanel {
  private readonly script = new LineChart({
    title: 'script ms / frame', color: '#b48cff', format: ms, seconds: SECONDS, minTop: 1, reference: FRAME_60FPS,
  });
  private readonly frame = new LineChart({
    title: 'frame ms', color: '#27e0d0', format: ms, seconds: SECONDS, minTop: 20, reference: FRAME_60FPS,
  });
  private readonly threads = new LineChart({
    title: 'live threads', color: '#f5b94a', format: threads, seconds: SECONDS, minTop: 10,
  });

  constructor(host: HTMLElement) {
    host.append(this.script.element, this.frame.element, this.threads.element);
  }

  /** Redraws the charts from `stats` as of `nowMs`. */
  draw(stats: FrameStats, nowMs: number): void {
    this.script.draw(stats.scriptMs, nowMs);
    this.frame.draw(stats.frameMs, nowMs);
    this.threads.draw(stats.threads, nowMs);
  }
}
