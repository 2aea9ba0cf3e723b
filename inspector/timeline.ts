import { adoptStyles } from './adopt-styles.ts';
import { el, setText } from './dom.ts';
import { age, count } from './format.ts';

/**
 * What a timeline needs of the run it travels through: a recording it can re-simulate to any tick. The host runs
 * a seek in slices from its frame loop (nothing drawn meanwhile) and shows the tick reached when it is done.
 */
export interface TimelineHost {
  /** The ticks recorded: the slider runs from 0 to this. */
  readonly ticks: number;
  /** The tick shown. */
  readonly tick: number;
  /** Ticks per simulated second, for the time shown. */
  readonly tickRate: number;
  /** How far the running seek has come, 0 to 1, or null when none runs. */
  readonly seeking: number | null;
  /** Starts re-simulating to `tick` (a seek already running is replaced). */
  seekTo(tick: number): void;
  /** Pauses and runs one tick; nothing while a seek runs. */
  step(): void;
  /** Plays on live from `tick`, branching the recording there; throws with a sentence for the user if it cannot. */
  resumeLive(tick: number): void;
}

/** A mounted timeline: its element (to place, e.g. as the inspector's footer) and `update`, for each frame. */
export interface TimelineHandle {
  readonly element: HTMLElement;
  update(): void;
}

/**
 * The time-travel bar: a slider over the recorded ticks (release it to seek there), the tick and time shown, the
 * progress of a seek while it runs, one tick forward, and "resume live from here".
 *
 * @example
 * ```ts
 * const timeline = mountTimeline(host);
 * attachInspector(engine, { footer: timeline.element });
 * // each frame: host runs its seek slice; timeline.update();
 * ```
 */
export function mountTimeline(host: TimelineHost): TimelineHandle {
  adoptStyles(document);
  const element = el('div', 'loom-timeline');
  const slider = el('input', 'loom-timeline-slider');
  slider.type = 'range';
  slider.min = '0';
  slider.step = '1';
  slider.setAttribute('aria-label', 'tick');
  const where = el('span', 'loom-timeline-where');
  const progress = el('progress', 'loom-timeline-progress');
  progress.max = 1;
  const step = button('step', '+1 tick', 'Run one tick (paused)', () => host.step());
  const resume = button('resume-live', 'resume live from here', 'Play on live from this tick: the recording branches here', () => {
    try {
      setText(status, '');
      host.resumeLive(host.tick);
    } catch (error) {
      setText(status, error instanceof Error ? error.message : String(error));
    }
  });
  const status = el('span', 'loom-timeline-status');
  const row = el('div', 'loom-timeline-row');
  row.append(where, progress, step, resume);
  element.append(slider, row, status);
  // While the slider is held its value is the user's; a release (or a key) seeks there.
  let dragging = false;
  slider.addEventListener('pointerdown', () => (dragging = true));
  slider.addEventListener('input', () => update());
  slider.addEventListener('change', () => {
    dragging = false;
    host.seekTo(Number(slider.value));
    update();
  });

  const update = (): void => {
    const seeking = host.seeking;
    const shown = dragging || seeking !== null ? Number(slider.value) : host.tick;
    slider.max = String(host.ticks);
    if (!dragging && seeking === null) slider.value = String(host.tick);
    const label = seeking !== null ? 'seeking tick' : dragging ? 'to tick' : 'tick';
    setText(where, `${label} ${count(shown)} / ${count(host.ticks)} · ${age(shown, 1 / host.tickRate)}`);
    progress.hidden = seeking === null;
    progress.value = seeking ?? 0;
    step.disabled = seeking !== null || host.tick >= host.ticks;
    resume.disabled = seeking !== null;
  };
  update();
  return { element, update };
}

function button(action: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const node = el('button', 'loom-link', text);
  node.type = 'button';
  node.title = title;
  node.dataset.action = action;
  node.addEventListener('click', onClick);
  return node;
}

/**
 * A live run's way into time travel, at the inspector's foot: `rewind` shows the run so far as a replay with
 * the timeline, where the user scrubs back, steps, and resumes live from any tick.
 *
 * @example
 * ```ts
 * inspector.footer = rewindButton(() => void game.rewind());
 * ```
 */
export function rewindButton(rewind: () => void): HTMLElement {
  const element = el('div', 'loom-timeline');
  element.append(button('rewind', 'rewind ⟲ (time travel through this run)', 'Replay the run so far with a timeline: scrub back, step, resume live from any tick', rewind));
  return element;
}
