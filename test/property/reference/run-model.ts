import { HOST_PERIOD, SIGNALS, type HostAction, type Program } from '../program.ts';
import { Model, Unmodeled } from './model.ts';
import { emit, message, see, sendTo, spawnProgramThread, type ModelWorld } from './statements.ts';
import { actorEnded } from './actors.ts';

/** What the model says a program does: its observations, and the first tick it cannot vouch for (if any). */
export interface ModelRun {
  observations: string[];
  /** Observations from this tick on are not compared (a hot reload, or what statements.ts does not model). */
  stopAt: number;
}

/** Runs `program` on the reference model, the host acting between ticks as run-program.ts's host does. */
export function runModel(program: Program, tickLimit: number): ModelRun {
  const model = new Model();
  const world: ModelWorld = {
    model, signalWaiters: Array.from({ length: SIGNALS }, () => []), emissions: 0, spawns: 0, errors: 0, seen: [], receivers: new Set(),
    messages: 0, names: new Map(), groups: new Map(),
  };
  model.actorEnded = (thread) => actorEnded(world, thread);
  for (const root of program.roots) see(world, spawnProgramThread(world, null, root, false));
  let next = 0;
  for (let tick = 1; tick <= tickLimit; tick++) {
    model.stamp = tick;
    for (; next < program.host.length && program.host[next]!.tick === tick; next++) {
      if (!act(world, program.host[next]!.action)) return { observations: model.observations, stopAt: tick };
    }
    if (tick % HOST_PERIOD === 0) keepWaitsBounded(world);
    try {
      model.step();
    } catch (error) {
      if (error instanceof Unmodeled) return { observations: model.observations, stopAt: error.tick };
      throw error;
    }
    if (tick + 1 >= model.stopAt) break;
    if (!model.threads.some((thread) => thread.alive) && next >= program.host.length) break;
  }
  return { observations: model.observations, stopAt: model.stopAt };
}

// Returns false for what the model does not model: a hot reload.
function act(world: ModelWorld, action: HostAction): boolean {
  const thread = 'thread' in action && world.seen.length > 0 ? world.seen[action.thread % world.seen.length] : undefined;
  switch (action.k) {
    case 'cancel':
      if (thread) world.model.cancel(thread);
      return true;
    case 'emit':
      emit(world, action.signal);
      return true;
    case 'send':
      if (thread?.alive) sendTo(world, thread, message(world, 'host'));
      return true;
    case 'reload':
      return false;
  }
}

function keepWaitsBounded(world: ModelWorld): void {
  for (let signal = 0; signal < SIGNALS; signal++) emit(world, signal);
  for (const thread of world.seen) if (thread.alive) sendTo(world, thread, message(world, 'tick'));
}

/** The first observation where the engine and the model part, before the model's stop; null if none. */
export function firstDifference(engine: readonly string[], run: ModelRun): string | null {
  const before = (line: string): boolean => Number(line.slice(0, line.indexOf(' '))) < run.stopAt;
  const ours = engine.filter(before);
  const model = run.observations.filter(before);
  for (let i = 0; i < Math.max(ours.length, model.length); i++) {
    if (ours[i] !== model[i]) return `observation ${i}: the engine saw "${ours[i] ?? '(nothing)'}", the model "${model[i] ?? '(nothing)'}"`;
  }
  return null;
}
