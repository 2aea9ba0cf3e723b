import { WORKLOAD_NAMES, workloads, type WorkloadName } from '../../harness/workloads.ts';
import { MAX_THREADS, type StressConfig } from './stress-config.ts';

const PRESETS = [1_000, 10_000, 100_000, 1_000_000];
const BUDGETS = [0, 2, 4, 8];

/** What the controls report. */
export interface ControlEvents {
  /** The config was changed (threads, workload, rendering or budget). */
  change(config: StressConfig): void;
  /** Pause or resume was pressed. */
  pause(): void;
}

/**
 * The stress page's control bar: thread count (presets and a number field), workload, rendering on or off, the
 * per-tick budget, and pause. It reflects a config with `show` and reports edits through `events`.
 */
export class Controls {
  private readonly threads = input('number');
  private readonly presets: HTMLButtonElement[];
  private readonly workload = document.createElement('select');
  private readonly render = input('checkbox');
  private readonly budget = document.createElement('select');
  private readonly pauseButton = document.createElement('button');
  private config: StressConfig;

  constructor(host: HTMLElement, initial: StressConfig, events: ControlEvents) {
    this.config = initial;
    this.threads.min = '0';
    this.threads.max = String(MAX_THREADS);
    this.threads.step = '1000';
    this.threads.id = 'threads';
    this.presets = PRESETS.map((n) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'preset';
      button.textContent = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
      button.dataset.threads = String(n);
      button.addEventListener('click', () => this.edit({ threads: n }, events));
      return button;
    });
    for (const name of WORKLOAD_NAMES) this.workload.append(option(name, name, workloads[name].description));
    this.workload.id = 'workload';
    for (const ms of BUDGETS) this.budget.append(option(String(ms), ms === 0 ? 'none' : `${ms} ms`, ''));
    this.budget.id = 'budget';
    this.render.id = 'render';
    this.pauseButton.type = 'button';
    this.pauseButton.id = 'pause';
    this.pauseButton.className = 'pause';

    this.threads.addEventListener('change', () => {
      const n = Math.round(Math.min(MAX_THREADS, Math.max(0, Number(this.threads.value) || 0)));
      this.edit({ threads: n }, events);
    });
    this.workload.addEventListener('change', () => this.edit({ workload: this.workload.value as WorkloadName }, events));
    this.render.addEventListener('change', () => this.edit({ render: this.render.checked }, events));
    this.budget.addEventListener('change', () => this.edit({ budgetMs: Number(this.budget.value) }, events));
    this.pauseButton.addEventListener('click', () => events.pause());

    const presets = document.createElement('span');
    presets.className = 'presets';
    presets.append(...this.presets);
    host.append(
      group('threads', presets, this.threads),
      group('workload', this.workload),
      group('render', this.render),
      group('budget', this.budget),
      this.pauseButton,
    );
    this.show(initial, false);
  }

  /** Shows `config` and whether the engine is paused. */
  show(config: StressConfig, paused: boolean): void {
    this.config = config;
    this.threads.value = String(config.threads);
    for (const button of this.presets) button.classList.toggle('active', Number(button.dataset.threads) === config.threads);
    this.workload.value = config.workload;
    this.workload.title = workloads[config.workload].description;
    this.render.checked = config.render;
    this.budget.value = String(BUDGETS.includes(config.budgetMs) ? config.budgetMs : 0);
    this.pauseButton.textContent = paused ? '▶ resume' : '❚❚ pause';
    this.pauseButton.classList.toggle('paused', paused);
  }

  private edit(change: Partial<StressConfig>, events: ControlEvents): void {
    events.change({ ...this.config, ...change });
  }
}

function input(type: string): HTMLInputElement {
  const element = document.createElement('input');
  element.type = type;
  return element;
}

function option(value: string, text: string, title: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.value = value;
  element.textContent = text;
  element.title = title;
  return element;
}

// A <label> only around a single control: a label activates its first control when its text is clicked.
function group(name: string, ...controls: HTMLElement[]): HTMLElement {
  const label = document.createElement(controls.length === 1 ? 'label' : 'div');
  label.className = 'control';
  const caption = document.createElement('span');
  caption.textContent = name;
  label.append(caption, ...controls);
  return label;
}
