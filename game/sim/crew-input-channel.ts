import type { InputChannel } from 'loom-threads';
import type { InputState } from './input-state.ts';
import type { World } from './world.ts';

/** As the one player's channel: buttons as bits, aim in eighths of an arena unit. */
const AIM_STEPS = 8;
const BUTTONS = ['up', 'down', 'left', 'right', 'firing', 'dash'] as const;
/** Bits per seat in the first slot: taken, then the buttons. */
const SEAT_BITS = 1 + BUTTONS.length;
/** An aim's y takes the low bits of its slot, x the bits above. */
const AIM_Y_SPAN = 8192;
/** A recording has at most 7 input slots: the buttons' slot and one aim per seat. */
export const MAX_SEATS = 4;
const SEAT_SPAN = 1 << SEAT_BITS;
/** Where each seat's bits start in the first slot. */
const SEAT_PLACE = [1, SEAT_SPAN, SEAT_SPAN * SEAT_SPAN, SEAT_SPAN * SEAT_SPAN * SEAT_SPAN];

/**
 * The input of a co-op world, as a recording keeps it: the first slot holds each seat's taken bit and buttons (seven
 * bits a seat), then one slot per seat holds its aim (x and y in eighths of an arena unit, packed). The host (a server
 * room) writes `world.seated` and `world.seats`; the recorder reads them before each tick and writes them back.
 *
 * @example
 * ```ts
 * const channel = crewInputChannel(world);
 * world.seated[1] = true;
 * channel.read(); // [128, 35842800, 36700560]: seat 1 taken, nothing held
 * ```
 */
export function crewInputChannel(world: World): InputChannel {
  const seats = world.seats.length;
  if (seats > MAX_SEATS) throw new RangeError(`a co-op world has at most ${MAX_SEATS} seats, not ${seats}`);
  return {
    size: 1 + seats,
    read() {
      let bits = 0;
      const aims: number[] = [];
      world.seats.forEach((input, seat) => {
        bits += seatBits(world.seated[seat] === true, input) * SEAT_PLACE[seat]!;
        aims.push(packAim(input, world));
      });
      return [bits, ...aims];
    },
    write([bits = 0, ...aims]) {
      world.seats.forEach((input, seat) => {
        const own = Math.floor(bits / SEAT_PLACE[seat]!) % SEAT_SPAN;
        world.seated[seat] = (own & 1) !== 0;
        BUTTONS.forEach((button, bit) => {
          input[button] = (own & (2 << bit)) !== 0;
        });
        const aim = aims[seat] ?? 0;
        input.aimX = Math.floor(aim / AIM_Y_SPAN) / AIM_STEPS;
        input.aimY = (aim % AIM_Y_SPAN) / AIM_STEPS;
      });
    },
  };
}

function seatBits(taken: boolean, input: InputState): number {
  let bits = taken ? 1 : 0;
  BUTTONS.forEach((button, bit) => {
    if (input[button]) bits |= 2 << bit;
  });
  return bits;
}

// Aims are kept inside the arena, so both halves stay in range.
function packAim(input: InputState, world: World): number {
  const x = Math.round(Math.min(Math.max(input.aimX, 0), world.arena.width) * AIM_STEPS);
  const y = Math.round(Math.min(Math.max(input.aimY, 0), world.arena.height) * AIM_STEPS);
  return x * AIM_Y_SPAN + y;
}
