import type { Engine } from '../core/engine.ts';
import { Thread } from '../core/thread.ts';
import { RecordingError } from './recording-error.ts';

/**
 * A value a host passed into the simulation (a spawn argument, a message, a signal's value), as a recording
 * keeps it: JSON, where a thread is `{ $thread: id }`, an object the simulation registered is `{ $ref: name }`
 * and undefined is `{ $undefined: 1 }`.
 */
export type RecordedValue = null | boolean | number | string | RecordedValue[] | { [key: string]: RecordedValue };

/**
 * Turns a value into its recorded form. Anything else (a function, a class instance that was not registered, a
 * number that JSON cannot hold) is a {@link RecordingError} naming `what`: a replay could not rebuild it.
 *
 * @example
 * ```ts
 * recordValue({ target: grunt, world }, new Map([[world, 'world']]), 'send'); // { target: { $thread: 12 }, world: { $ref: 'world' } }
 * ```
 */
export function recordValue(value: unknown, refs: ReadonlyMap<object, string>, what: string): RecordedValue {
  if (value === undefined) return { $undefined: 1 };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new RecordingError(`${what}: cannot record the number ${value}`);
  }
  if (typeof value === 'object') {
    const ref = refs.get(value);
    if (ref !== undefined) return { $ref: ref };
    if (value instanceof Thread) return { $thread: value.id };
    if (Array.isArray(value)) return value.map((item) => recordValue(item, refs, what));
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto === Object.prototype || proto === null) {
      const out: { [key: string]: RecordedValue } = {};
      for (const [key, item] of Object.entries(value)) {
        if (key.startsWith('$')) throw new RecordingError(`${what}: cannot record a key starting with $ (${key})`);
        out[key] = recordValue(item, refs, what);
      }
      return out;
    }
  }
  throw new RecordingError(`${what}: cannot record ${describe(value)}; register it with the simulation's refs or pass plain data`);
}

/** Rebuilds a recorded value in a replay: refs from the simulation's `refs`, threads by id in `engine`. */
export function replayValue(value: RecordedValue, refs: Readonly<Record<string, object>>, engine: Engine): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => replayValue(item, refs, engine));
  if ('$undefined' in value) return undefined;
  if (typeof value.$ref === 'string') {
    const ref = refs[value.$ref];
    if (ref === undefined) throw new RecordingError(`the recording refers to "${value.$ref}", which the simulation does not register`);
    return ref;
  }
  if (typeof value.$thread === 'number') return threadById(engine, value.$thread);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = replayValue(item, refs, engine);
  return out;
}

/** The live thread with this id; a {@link RecordingError} if there is none (the replay has diverged). */
export function threadById(engine: Engine, id: number): Thread {
  const thread = engine.threads().find((t) => t.id === id);
  if (thread === undefined) throw new RecordingError(`the recording names thread #${id}, which is not alive at tick ${engine.tick} of the replay`);
  return thread;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `the function ${value.name || '(anonymous)'}`;
  if (typeof value === 'object' && value !== null) return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  return `a ${typeof value}`;
}
