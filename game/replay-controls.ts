import type { Playback } from 'loom-threads';
import { el, setText } from './dom.ts';
import './replay-controls.css';

/** A mounted replay bar: `update` for the frame loop to call after each frame, `remove` to take it away. */
export interface ReplayControls {
  update(): void;
  remove(): void;
}

/**
 * The bar under a replay: play/pause, 1x and 4x, one tick forward (`stepOnce`, which the timeline's step shares), where
 * the replay is, and whether it has left its recording (a checkpoint's hash differs); with `onBack`, a "back to
 * game" button. Keys: Space pauses, `.` steps, `1` and `4` set the speed, Escape goes back.
 *
 * @example
 * ```ts
 * const controls = mountReplayControls(playback, document.body, () => travel.step());
 * // each frame: playback.advance(seconds); controls.update();
 * ```
 */
export function mountReplayControls(playback: Playback, parent: HTMLElement, stepOnce: () => void, onBack?: () => void): ReplayControls {
  const bar = el('div', 'loom-replay');
  const pause = button('pause', () => (playback.paused = !playback.paused));
  const speeds = [1, 4].map((speed) => button(`${speed}x`, () => (playback.speed = speed)));
  const step = button('step', stepOnce);
  const tick = el('span', 'tick');
  const status = el('span', 'status');
  const back = onBack && button('back to game', onBack);
  bar.append(...(back ? [back] : []), pause, ...speeds, step, tick, status);
  parent.append(bar);
  const keys: Record<string, () => void> = { Space: () => pause.click(), Period: () => step.click(), Digit1: () => speeds[0]!.click(), Digit4: () => speeds[1]!.click() };
  if (back) keys.Escape = () => back.click();
  const keydown = (event: KeyboardEvent): void => {
    const action = keys[event.code];
    if (action === undefined || event.repeat) return;
    action();
    event.preventDefault();
  };
  window.addEventListener('keydown', keydown);
  const update = (): void => {
    setText(pause, playback.paused ? 'play' : 'pause');
    speeds.forEach((node, i) => node.setAttribute('aria-pressed', String(playback.speed === [1, 4][i])));
    const { tick: now, recording } = { tick: playback.replayer.tick, recording: playback.replayer.recording };
    setText(tick, `${playback.done ? 'end' : 'tick'} ${now} / ${recording.ticks}`);
    const divergence = playback.replayer.divergence;
    setText(status, divergence === null ? '' : `diverged at tick ${divergence.tick}`);
  };
  update();
  return {
    update,
    remove() {
      window.removeEventListener('keydown', keydown);
      bar.remove();
    },
  };
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const node = el('button', '', text);
  node.dataset.action = text;
  node.addEventListener('click', onClick);
  return node;
}
