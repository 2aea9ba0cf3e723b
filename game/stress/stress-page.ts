import { drive, type Driver, type Engine, type FrameSource } from 'loom-threads';
import { attachInspector, type InspectorHandle } from 'loom-threads/inspector';
import { ChartsPanel } from './charts-panel.ts';
import { Controls } from './controls.ts';
import { FrameStats, type FrameSample, type Measurement } from './frame-stats.ts';
import { ParticleView } from './particle-view.ts';
import { queryOf, type StressConfig } from './stress-config.ts';
import { StressRun } from './stress-run.ts';

const browserFrames: FrameSource = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (id) => cancelAnimationFrame(id),
  now: () => performance.now(),
};

/** The page's elements the stress page fills. */
export interface StressElements {
  controls: HTMLElement;
  stage: HTMLElement;
  charts: HTMLElement;
  readout: HTMLElement;
  busy: HTMLElement;
}

/** Live numbers of the running stress test, for the page's readout and for tests. */
export interface StressStats {
  config: StressConfig;
  paused: boolean;
  /** Whether sprites are drawn this frame (rendering on and a WebGL renderer available). */
  rendering: boolean;
  /** Frames since the run started. */
  frames: number;
  ticks: number;
  /** Live threads now. */
  threads: number;
  /** Mean script time per frame over the last second, ms. */
  scriptMs: number;
  /** Mean frame time over the last second, ms. */
  frameMs: number;
  /** Time it took to spawn the run's threads, ms. */
  spawnMs: number;
  /** Ticks the driver dropped since the run started, as the engine could not afford them (see `drive`). */
  dropped: number;
}

/** The debug handle of the stress page, `window.loomStress`. */
export interface StressHandle {
  readonly engine: Engine;
  readonly inspector: InspectorHandle;
  stats(): StressStats;
  /** Starts a new run with the config changed by `change`; resolves once its first frame has run. */
  restart(change: Partial<StressConfig>): Promise<void>;
  /** Measures the frames of the next `seconds`. */
  measure(seconds: number): Promise<Measurement>;
  setPaused(paused: boolean): void;
}

/**
 * The stress page: runs a workload in a fresh engine driven by `requestAnimationFrame`, draws one sprite per thread,
 * charts script time, frame time and live threads, and hosts the inspector (backtick).
 */
export class StressPage implements StressHandle {
  private config: StressConfig;
  private run: StressRun | null = null;
  private driver: Driver | null = null;
  private inspectorHandle: InspectorHandle | null = null;
  private statsNow = new FrameStats();
  private spawnMs = 0;
  private readonly controls: Controls;
  private readonly charts: ChartsPanel;
  private lastReadout = 0;
  private firstFrame: (() => void) | null = null;

  private constructor(
    private readonly elements: StressElements,
    initial: StressConfig,
    private readonly view: ParticleView | null,
  ) {
    this.config = initial;
    this.controls = new Controls(elements.controls, initial, {
      change: (config) => void this.apply(config),
      pause: () => this.setPaused(!this.engine.paused),
    });
    this.charts = new ChartsPanel(elements.charts);
  }

  /** Builds the page and starts the first run. Without WebGL the page still runs, without sprites. */
  static async open(elements: StressElements, initial: StressConfig): Promise<StressPage> {
    let view: ParticleView | null = null;
    try {
      view = await ParticleView.create(elements.stage);
    } catch (error) {
      console.warn('[stress] no renderer, running scripts only:', error);
      elements.stage.dataset.message = 'WebGL unavailable: scripts run, nothing is drawn';
    }
    const page = new StressPage(elements, initial, view);
    await page.restart({});
    return page;
  }

  get engine(): Engine {
    return this.run!.engine;
  }

  get inspector(): InspectorHandle {
    return this.inspectorHandle!;
  }

  stats(): StressStats {
    const now = performance.now();
    const total = this.statsNow.total;
    return {
      config: { ...this.config },
      paused: this.engine.paused,
      rendering: this.rendering,
      frames: total.frames,
      ticks: total.ticks,
      threads: this.engine.threadCount,
      scriptMs: this.statsNow.scriptMs.mean(now - 1000),
      frameMs: this.statsNow.frameMs.mean(now - 1000),
      spawnMs: this.spawnMs,
      dropped: this.driver?.dropped ?? 0,
    };
  }

  async restart(change: Partial<StressConfig>): Promise<void> {
    const config = { ...this.config, ...change };
    const reopen = this.inspectorHandle?.isOpen ?? false;
    this.driver?.stop();
    this.inspectorHandle?.detach();
    this.config = config;
    await this.showBusy(`spawning ${config.threads.toLocaleString('en-US')} ${config.workload} threads…`);
    const started = performance.now();
    this.run = new StressRun(config);
    this.spawnMs = performance.now() - started;
    this.view?.setCount(config.render ? config.threads : 0);
    this.statsNow = new FrameStats();
    this.inspectorHandle = attachInspector(this.run.engine);
    if (reopen) this.inspectorHandle.toggle();
    this.controls.show(config, false);
    this.updateStage();
    history.replaceState(null, '', queryOf(config));
    const firstFrame = new Promise<void>((resolve) => (this.firstFrame = resolve));
    const run = this.run;
    this.driver = drive(run.engine, browserFrames, (frame) => this.onFrame(run, frame));
    await firstFrame;
    this.elements.busy.hidden = true;
  }

  measure(seconds: number): Promise<Measurement> {
    const end = this.statsNow.begin();
    return new Promise((resolve) => setTimeout(() => resolve(end()), seconds * 1000));
  }

  setPaused(paused: boolean): void {
    this.engine.paused = paused;
    this.controls.show(this.config, paused);
  }

  private get rendering(): boolean {
    return this.config.render && this.view !== null;
  }

  // Rendering and the budget change the running engine; anything else starts a new run.
  private async apply(config: StressConfig): Promise<void> {
    const rerun = config.threads !== this.config.threads || config.workload !== this.config.workload;
    if (rerun) return this.restart(config);
    if (config.render !== this.config.render) this.view?.setCount(config.render ? config.threads : 0);
    this.engine.accounting.budgetMs = config.budgetMs;
    this.config = config;
    this.controls.show(config, this.engine.paused);
    this.updateStage();
    history.replaceState(null, '', queryOf(config));
  }

  private onFrame(run: StressRun, frame: FrameSample): void {
    const now = performance.now();
    this.statsNow.record(now, frame, run.engine.threadCount);
    if (this.rendering) this.view!.draw(run.positions);
    this.charts.draw(this.statsNow, now);
    if (now - this.lastReadout > 250) this.showReadout(now);
    this.firstFrame?.();
    this.firstFrame = null;
  }

  private showReadout(now: number): void {
    this.lastReadout = now;
    const stats = this.stats();
    const fps = stats.frameMs > 0 ? 1000 / stats.frameMs : 0;
    const accounting = this.engine.accounting;
    const tiles: [string, string][] = [
      [stats.threads >= 1_000_000 ? `${(stats.threads / 1_000_000).toFixed(2)}M` : stats.threads.toLocaleString('en-US'), 'live threads'],
      [stats.scriptMs.toFixed(2), 'ms script / frame'],
      [fps.toFixed(0), stats.paused ? 'fps · paused' : 'fps'],
      [stats.spawnMs.toFixed(0), 'ms to spawn'],
      [stats.dropped.toLocaleString('en-US'), 'ticks dropped'],
    ];
    if (this.config.budgetMs > 0) tiles.push([accounting.carriedOver.toLocaleString('en-US'), 'carried over']);
    this.elements.readout.replaceChildren(...tiles.map(([value, name]) => tile(value, name)));
  }

  private updateStage(): void {
    const stage = this.elements.stage;
    stage.classList.toggle('off', !this.rendering);
    if (this.view !== null) stage.dataset.message = this.config.render ? '' : 'rendering off: scripts only';
  }

  /** Shows a busy note and waits until it has been painted (spawning a million threads blocks for a while). */
  private async showBusy(text: string): Promise<void> {
    this.elements.busy.textContent = text;
    this.elements.busy.hidden = false;
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  }
}

function tile(value: string, name: string): HTMLElement {
  const element = document.createElement('div');
  element.className = 'stat';
  const number = document.createElement('b');
  number.textContent = value;
  const caption = document.createElement('span');
  caption.textContent = name;
  element.append(number, caption);
  return element;
}
