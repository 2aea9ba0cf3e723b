/**
 * What the player asks for, as the simulation reads it. The browser's input layer (game/input.ts) writes it
 * between frames; tests set it by hand.
 */
export interface InputState {
  up: boolean;
  down: boolean;
  left: boolean;
  right: boolean;
  /** Where the player aims, in arena units. */
  aimX: number;
  aimY: number;
  /** The trigger is held (mouse button or Space). */
  firing: boolean;
  /** A dash was asked for and not yet taken (the player script takes it). */
  dash: boolean;
}

/** A neutral input: nothing held, aiming to the right of the arena's centre. */
export function createInput(aimX = 0, aimY = 0): InputState {
  return { up: false, down: false, left: false, right: false, aimX, aimY, firing: false, dash: false };
}
