import type { CreateSimulation, Recorder, RecordingHeader, Simulation } from 'loom-threads';
import type { InputSlot } from './input-wire.ts';
import type { MailOutbox } from './mail-outbox.ts';

/**
 * What a game supplies to be hosted in a Loom room. Everything that reaches its simulation goes through the
 * recorder it is handed (spawns, sends, signals), or through the simulation's input channel, which the recorder
 * reads before every tick: so a room is its seed plus its recording, and `replayRecording` rebuilds it with `create`.
 *
 * @example
 * ```ts
 * const dots: RoomGame<DotSim> = {
 *   create: createDotSimulation,
 *   meta: { seats: 2 },
 *   seats: 2,
 *   input: [{ name: 'dx', min: -1, max: 1 }],
 *   neutral: [0],
 *   start: (recorder) => recorder.spawn(arena, recorder.sim.world),
 *   seat: (recorder, seat, taken) => void (recorder.sim.world.seated[seat] = taken),
 *   apply: (recorder, seat, values) => void (recorder.sim.world.moves[seat] = values[0]!),
 *   view: (sim) => encodeDots(sim.world),
 * };
 * ```
 */
export interface RoomGame<S extends Simulation = Simulation> {
  /** Builds the simulation from a recording's setup: the room, a replay and a restore all build it this way. */
  create: CreateSimulation<S>;
  /** The setup a room keeps in its recording's header (`RecordingHeader.meta`); `create` reads it back. */
  meta: RecordingHeader['meta'];
  /** The most players a room holds. */
  seats: number;
  /** A client's input: one whole number per slot, each within its range. */
  input: readonly InputSlot[];
  /** The input of a seat whose client has dropped and may come back: nothing held. */
  neutral: readonly number[];
  /** Starts the world through the recorder, once, before the first tick. */
  start(recorder: Recorder<S>): void;
  /** A seat was taken (`true`) or given up for good (`false`): the game adds or removes that player. */
  seat(recorder: Recorder<S>, seat: number, taken: boolean): void;
  /** Applies a seat's input just before a tick; it goes through the recorder or the simulation's input channel. */
  apply(recorder: Recorder<S>, seat: number, values: readonly number[]): void;
  /** Runs after each tick: host decisions (a restart after game over) go through the recorder here. */
  afterTick?(recorder: Recorder<S>): void;
  /**
   * Where its scripts post mail to other rooms (docs/cluster.md): a durable room sends it on. Without it, a room
   * neither sends nor reads mail.
   */
  outbox?(sim: S): MailOutbox;
  /**
   * The world as clients see it, encoded; sent to every client each `viewEvery` ticks. `since` is the tick of the
   * view before (this tick less `viewEvery`): what happened after it is this view's news. A room rebuilt from its log
   * sent no view before, and re-simulated every effect of its past: it sends only those of the ticks after `since`,
   * so its views are a function of its log, as a headless replay computes them.
   */
  view(sim: S, since: number): Uint8Array;
}
