import type { InputState } from './sim/input-state.ts';
import type { Camera } from './view/camera.ts';

/** What the keys outside the simulation do. */
export interface InputActions {
  togglePause(): void;
  restart(): void;
  /** Saves the game (the recording so far). */
  save(): void;
}

type Direction = 'up' | 'down' | 'left' | 'right';

const DIRECTIONS: Readonly<Record<string, Direction>> = {
  KeyW: 'up', ArrowUp: 'up', KeyS: 'down', ArrowDown: 'down',
  KeyA: 'left', ArrowLeft: 'left', KeyD: 'right', ArrowRight: 'right',
};

/**
 * Feeds the keyboard and mouse into the world's input state: WASD or arrows move, the mouse aims, left button
 * or Space fires, Shift or right button dashes; P pauses, R restarts and K saves. Returns a function that unbinds it all.
 *
 * @example
 * ```ts
 * const unbind = bindInput(canvas, world.input, view.camera, { togglePause, restart, save });
 * ```
 */
export function bindInput(canvas: HTMLCanvasElement, input: InputState, camera: Camera, actions: InputActions): () => void {
  let spaceHeld = false;
  let mouseHeld = false;
  const aim = (event: PointerEvent): void => {
    const box = canvas.getBoundingClientRect();
    const at = camera.toArena(event.clientX - box.left, event.clientY - box.top);
    input.aimX = at.x;
    input.aimY = at.y;
  };
  const fire = (): void => {
    input.firing = spaceHeld || mouseHeld;
  };
  const keydown = (event: KeyboardEvent): void => {
    const direction = DIRECTIONS[event.code];
    if (direction) input[direction] = true;
    else if (event.code === 'Space') spaceHeld = true;
    else if (event.code === 'ShiftLeft' || event.code === 'ShiftRight') input.dash ||= !event.repeat;
    else if (event.code === 'KeyP' && !event.repeat) actions.togglePause();
    else if (event.code === 'KeyR' && !event.repeat) actions.restart();
    else if (event.code === 'KeyK' && !event.repeat) actions.save();
    else return;
    fire();
    event.preventDefault();
  };
  const keyup = (event: KeyboardEvent): void => {
    const direction = DIRECTIONS[event.code];
    if (direction) input[direction] = false;
    else if (event.code === 'Space') spaceHeld = false;
    fire();
  };
  const pointerdown = (event: PointerEvent): void => {
    aim(event);
    if (event.button === 0) mouseHeld = true;
    if (event.button === 2) input.dash = true;
    fire();
  };
  const pointerup = (event: PointerEvent): void => {
    if (event.button === 0) mouseHeld = false;
    fire();
  };
  // A key released while the window had no focus never sends keyup: let go of everything.
  const blur = (): void => {
    input.up = input.down = input.left = input.right = false;
    spaceHeld = mouseHeld = false;
    fire();
  };
  const noMenu = (event: Event): void => event.preventDefault();
  const listeners: [EventTarget, string, EventListener][] = [
    [window, 'keydown', keydown as EventListener],
    [window, 'keyup', keyup as EventListener],
    [window, 'blur', blur],
    [window, 'pointermove', aim as EventListener],
    [window, 'pointerup', pointerup as EventListener],
    [canvas, 'pointerdown', pointerdown as EventListener],
    [canvas, 'contextmenu', noMenu],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
  };
}
