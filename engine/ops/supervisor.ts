import { ActorParts, checkScript, checkThread, kernelOf, LoomError, runningThread, type Thread } from '../core/kernel.ts';
import { cancel } from './control.ts';
import { Down, monitor } from './monitor.ts';
import { receive } from './receive.ts';
import { spawn } from './spawn.ts';
import { type ChildSpec, type Policy, type RestartType, type Strategy, Supervision } from './supervision.ts';

/** How a {@link supervisor} keeps its children alive. */
export interface SupervisorOptions {
  /** Which children a restart takes; default `'one-for-one'`. */
  strategy?: Strategy;
  /** At most this many restarts within `period` seconds; one more fails the supervisor. Default 1 (as OTP). */
  intensity?: number;
  /** Seconds of simulated time the intensity counts over; default 5 (as OTP). */
  period?: number;
  /**
   * Simulated seconds from a child's end to its restart, or a back-off: a function of how many times that child
   * has been restarted before (0 the first time). Default 0: at once.
   */
  delay?: number | ((restarts: number) => number);
  /** The children it starts, in order. */
  children?: readonly ChildSpec[];
}

// A child to start while the supervisor runs (see addChild).
class AddChild {
  constructor(readonly spec: ChildSpec) {}
}

const STRATEGIES: readonly string[] = ['one-for-one', 'one-for-all', 'rest-for-one'];
const RESTARTS: readonly string[] = ['permanent', 'transient', 'temporary'];

/**
 * A script that keeps its children alive (spawn it; Erlang/OTP's supervisor, Akka's supervision). It starts each
 * child of `options.children` in order, registered under its name, and when one ends it starts it again from its
 * spec (a restart is a respawn: a new thread, the same name), after `delay`, as its `restart` type and the
 * `strategy` say. Children are its child threads: their failures are observed by it (none is thrown into it);
 * the latest of each shows in the inspector. More than `intensity` restarts within `period` seconds and it fails
 * with a LoomError naming the child and its last failure (as `cause`), which goes to its own observer; its
 * children are then cancelled. Children can be added while it runs ({@link addChild}). All in simulated time.
 *
 * @example
 * ```ts
 * yield* spawn({ name: 'hive' }, supervisor, {
 *   intensity: 4, period: 10, delay: (n) => Math.min(2 ** n, 8),
 *   children: [{ name: 'drone:1', script: drone, args: [hive] }, { name: 'drone:2', script: drone, args: [hive] }],
 * });
 * ```
 */
export function* supervisor(options: SupervisorOptions): Generator<unknown, never, unknown> {
  const self = runningThread()!;
  const kernel = kernelOf(self);
  const supervision = new Supervision(self, policyOf(options, self), kernel.dt);
  const parts = (self.ensureExtra().actor ??= new ActorParts());
  parts.supervision = supervision;
  parts.observesChildren = true;
  for (const spec of options.children ?? []) {
    checkSpec(spec, supervision, `supervisor in ${self.label}`);
    supervision.add(spec, kernel.tick);
  }
  const mine = (message: unknown): message is Down | AddChild =>
    (message instanceof Down && message.monitor.watcher === self) || message instanceof AddChild;
  for (;;) {
    for (const child of supervision.due(kernel.tick)) {
      const { name, script, args = [] } = child.spec;
      const thread: Thread = yield* spawn({ name }, script as never, ...(args as never[]));
      kernel.registry.register(thread, name, `supervisor ${self.label} starting ${name}`);
      yield* monitor(thread);
      supervision.started(child, thread);
    }
    const next = supervision.nextDue(kernel.tick);
    const message = next < 0 ? yield* receive(mine) : yield* receive(mine, next * kernel.dt);
    if (message instanceof AddChild) {
      supervision.adding.delete(message.spec.name);
      checkSpec(message.spec, supervision, `addChild(${self.label})`); // added before it first ran: unchecked yet
      supervision.add(message.spec, kernel.tick);
    } else if (message !== undefined) {
      for (const thread of supervision.childEnded(message).stop) cancel(thread);
    }
  }
}

/**
 * Adds a child to a running {@link supervisor} (a wave spawner's next wave): it starts the next time the
 * supervisor runs (later in this tick from a script, in the next from the host), and is kept alive as the others.
 * A name the supervisor already has is a LoomError at once (or, added before the supervisor first ran, its
 * failure when it takes it).
 *
 * @example
 * ```ts
 * addChild(waves, { name: `grunt:${n}`, script: grunt, args: [world, spawnPoint], restart: 'temporary' });
 * ```
 */
export function addChild(supervisorThread: Thread, spec: ChildSpec): void {
  checkThread(supervisorThread, 'addChild');
  const where = `addChild(${supervisorThread.label})`;
  if (supervisorThread.script !== supervisor || !supervisorThread.alive) {
    throw new LoomError(`${where}: it is not a running supervisor (${supervisorThread.stateName})`);
  }
  // Spawned and not yet run, it has no records to check against: it checks the spec when it takes the message.
  const supervision = supervisorThread.extra?.actor?.supervision ?? null;
  if (supervision !== null) {
    checkSpec(spec, supervision, where);
    supervision.adding.add(spec.name);
  }
  supervisorThread.engine.send(supervisorThread, new AddChild(spec) as never);
}

function policyOf(options: SupervisorOptions, self: Thread): Policy {
  const where = `supervisor in ${self.label}`;
  const { strategy = 'one-for-one', intensity = 1, period = 5, delay = 0 } = options;
  if (!STRATEGIES.includes(strategy)) throw new LoomError(`${where}: strategy is one of ${STRATEGIES.join(', ')}, got ${String(strategy)}`);
  if (!Number.isInteger(intensity) || intensity < 0) throw new LoomError(`${where}: intensity is a whole number ≥ 0, got ${intensity}`);
  if (!(period > 0) || !Number.isFinite(period)) throw new LoomError(`${where}: period is a finite number of seconds > 0, got ${period}`);
  if (typeof delay !== 'function' && (!(delay >= 0) || !Number.isFinite(delay))) {
    throw new LoomError(`${where}: delay is a finite number of seconds ≥ 0 or a function, got ${String(delay)}`);
  }
  return { strategy, intensity, period, delay };
}

function checkSpec(spec: ChildSpec, supervision: Supervision, where: string): void {
  if (typeof spec?.name !== 'string' || spec.name === '') throw new LoomError(`${where}: a child's name is a non-empty string`);
  if (supervision.has(spec.name)) throw new LoomError(`${where}: it already has a child named "${spec.name}"`);
  checkScript(spec.script, `${where} (child ${spec.name})`, null);
  const restart = spec.restart ?? 'permanent';
  if (!RESTARTS.includes(restart)) throw new LoomError(`${where}: ${spec.name}'s restart is one of ${RESTARTS.join(', ')}, got ${String(restart as RestartType)}`);
  if (spec.args !== undefined && !Array.isArray(spec.args)) throw new LoomError(`${where}: ${spec.name}'s args are an array`);
}
