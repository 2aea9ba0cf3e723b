import type { Engine } from '../core/engine.ts';
import type { Signal } from '../ops/signal.ts';
import type { Script } from '../core/script.ts';
import type { RecordedValue } from './recorded-value.ts';
import type { WorldHash } from './state-hash.ts';

/**
 * The host's per-tick input as a few integers (at most 7), read before each tick. `read` samples what the host's
 * input layer holds; `write` sets the simulation's input to a sample. A recorder calls `write(read())` before each
 * tick, so the live run sees exactly what a replay will `write` (e.g. the aim rounded to the precision kept).
 *
 * @example
 * ```ts
 * const channel: InputChannel = {
 *   size: 1,
 *   read: () => [input.jump ? 1 : 0],
 *   write: ([jump]) => { input.jump = jump === 1; },
 * };
 * ```
 */
export interface InputChannel {
  readonly size: number;
  read(): number[];
  write(values: readonly number[]): void;
}

/**
 * A simulation a recorder records and a replay rebuilds: an engine with its world, and the names by which a
 * recording refers to what the host fed it.
 *
 * @example
 * ```ts
 * const sim: Simulation = { engine, scripts: { game }, refs: { world }, signals: [world.restartRequested],
 *   input: inputChannel(world.input), hashWorld: (h) => hashWorld(world, h) };
 * ```
 */
export interface Simulation {
  engine: Engine;
  /** The scripts the host spawns, by the name a recording keeps. */
  scripts: Readonly<Record<string, Script>>;
  /** Objects that spawn arguments and messages may refer to (the world), by name. */
  refs?: Readonly<Record<string, object>>;
  /** The signals the host emits; a recording names them by `signal.name`, so the names must differ. */
  signals?: readonly Signal<never>[];
  input?: InputChannel;
  /** Feeds the world's state into state hashes. */
  hashWorld?: WorldHash;
}

/** What a recording's header holds to rebuild its simulation: seed, tick rate and the host's own setup. */
export interface SimulationSetup {
  seed: number;
  tickRate: number;
  meta: { [key: string]: RecordedValue };
}

/** Builds a fresh simulation for a setup: the same setup must give the same simulation every time. */
export type CreateSimulation<S extends Simulation = Simulation> = (setup: SimulationSetup) => S;
