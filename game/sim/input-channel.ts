import type { InputChannel } from 'loom-threads';
import type { InputState } from './input-state.ts';

/** Aim is kept to 1/8 of an arena unit: finer than a pixel on any screen, and a small change takes one byte. */
const AIM_STEPS = 8;
const BUTTONS = ['up', 'down', 'left', 'right', 'firing', 'dash'] as const;

/**
 * The player's input as a recording keeps it: the buttons as bits, and the aim in eighths of an arena unit.
 * A recorder writes each sample back before the tick, so the live game aims exactly where a replay will.
 *
 * @example
 * ```ts
 * const channel = inputChannel(world.input);
 * channel.read(); // [17, 6080, 2800]: up and firing, aiming at (760, 350)
 * ```
 */
export function inputChannel(input: InputState): InputChannel {
  return {
    size: 3,
    read() {
      let buttons = 0;
      BUTTONS.forEach((button, bit) => {
        if (input[button]) buttons |= 1 << bit;
      });
      return [buttons, Math.round(input.aimX * AIM_STEPS), Math.round(input.aimY * AIM_STEPS)];
    },
    write([buttons = 0, aimX = 0, aimY = 0]) {
      BUTTONS.forEach((button, bit) => {
        input[button] = (buttons & (1 << bit)) !== 0;
      });
      input.aimX = aimX / AIM_STEPS;
      input.aimY = aimY / AIM_STEPS;
    },
  };
}
