import type { ByteReader, ByteWriter } from 'loom-threads';
import type { GameEvent } from '../sim/events.ts';

/** Positions and amounts go in eighths of an arena unit, as in the rest of the view. */
const STEPS = 8;
/** Ages past this many ticks are sent as this: an event is at most a view old when it goes out. */
const AGE_CAP = 255;
/** The most events one view carries: effects only, so a flood of them (a swarm dying at once) is cut, not queued. */
export const MAX_VIEW_EVENTS = 255;

const TYPES = ['burst', 'ricochet', 'score', 'shake', 'ring'] as const satisfies readonly GameEvent['type'][];

/**
 * Writes the effects the simulation asked for since the last view (`world.takeEvents()`): each with its type, its
 * age in ticks at `tick`, and its fields, positions in eighths of a unit. At most {@link MAX_VIEW_EVENTS}; the rest
 * are left out, as the single-player game leaves out what passes its own cap.
 *
 * @example
 * ```ts
 * writeEvents(out, world.takeEvents(), world.engine.tick, world.engine.dt);
 * ```
 */
export function writeEvents(out: ByteWriter, events: readonly GameEvent[], tick: number, dt: number): void {
  const sent = events.slice(0, MAX_VIEW_EVENTS);
  out.uint(sent.length);
  for (const event of sent) {
    out.byte(TYPES.indexOf(event.type)).byte(Math.min(AGE_CAP, Math.max(0, Math.round(tick - event.time / dt))));
    switch (event.type) {
      case 'burst': point(out, event).uint(event.color).uint(event.count).uint(Math.round(event.speed)); break;
      case 'ricochet': point(out, event); break;
      case 'score': point(out, event).uint(event.points); break;
      case 'shake': out.uint(eighths(event.amount)); break;
      case 'ring':
        point(out, event).uint(eighths(event.radius)).uint(event.color).uint(event.to.length);
        for (const to of event.to) point(out, to);
        break;
    }
  }
}

/** Reads what {@link writeEvents} wrote, each event's time set from its age: `(tick - age) * dt` seconds. */
export function readEvents(input: ByteReader, tick: number, dt: number): GameEvent[] {
  const events: GameEvent[] = [];
  for (let count = input.uint(); count > 0; count--) {
    const type = TYPES[input.byte()];
    const time = (tick - input.byte()) * dt;
    switch (type) {
      case 'burst': events.push({ type, time, ...readPoint(input), color: input.uint(), count: input.uint(), speed: input.uint() }); break;
      case 'ricochet': events.push({ type, time, ...readPoint(input) }); break;
      case 'score': events.push({ type, time, ...readPoint(input), points: input.uint() }); break;
      case 'shake': events.push({ type, time, amount: input.uint() / STEPS }); break;
      case 'ring': {
        const at = readPoint(input);
        const radius = input.uint() / STEPS;
        const color = input.uint();
        const to = Array.from({ length: input.uint() }, () => readPoint(input));
        events.push({ type, time, ...at, radius, color, to });
        break;
      }
      default: throw new RangeError('a view names an effect this client does not know');
    }
  }
  return events;
}

function point(out: ByteWriter, at: { x: number; y: number }): ByteWriter {
  return out.uint(eighths(at.x)).uint(eighths(at.y));
}

function readPoint(input: ByteReader): { x: number; y: number } {
  return { x: input.uint() / STEPS, y: input.uint() / STEPS };
}

// Effects a little past the walls (a shot's spark) are drawn at the wall.
function eighths(value: number): number {
  return Math.max(0, Math.round(value * STEPS));
}
