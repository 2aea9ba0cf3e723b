import { Engine, createSignal, type CallSites, type Thread } from '../../engine/index.ts';
import { engineFault, isSwallowReport, showError } from './failures.ts';
import { firstVersions, reloadChange, threadScript, type Emission, type ProgramThread, type World } from './interpreter.ts';
import { HOST_PERIOD, SIGNALS, type HostAction, type Program } from './program.ts';
import { Recorder } from './recorder.ts';
import { firstDifference, runModel } from './reference/run-model.ts';

/** Programs end in tens of ticks, or a few past a long wait's 4,100; one still running after this many has hung. */
export const TICK_LIMIT = 20_000;
const TICK_RATE = 10;

/**
 * Runs a program on a fresh engine, tick by tick with `engine.step()`, the host acting between ticks, and returns
 * the invariants it broke, one `invariant: detail` line each (empty when it kept them all). It runs three times:
 * with call sites as in development (`'frames'`), then with accounting on (see timeEverything) and every op's site
 * (`'waits'`), then as in production (`'off'`): what the scripts do must not change.
 */
export function runProgram(program: Program): string[] {
  const plain = execute(program, false);
  const runs = [
    { recorder: execute(program, true, 'waits'), what: "accounting and callSites 'waits'" },
    { recorder: execute(program, false, 'off'), what: "callSites 'off'" },
  ];
  const violations = [...plain.violations];
  for (const { recorder } of runs) violations.push(...recorder.violations.filter((line) => !violations.includes(line)));
  const differs = firstDifference(plain.observations, runModel(program, TICK_LIMIT));
  if (differs !== null) violations.push(`the engine computes what the reference model does: ${differs}`);
  for (const { recorder, what } of runs) {
    const at = plain.trace.findIndex((line, i) => recorder.trace[i] !== line);
    if (at >= 0 || recorder.trace.length !== plain.trace.length) {
      const i = at >= 0 ? at : plain.trace.length;
      violations.push(`accounting and call sites change nothing scripts do: step ${i} was ${plain.trace[i] ?? '(none)'}, with ${what} ${recorder.trace[i] ?? '(none)'}`);
    }
  }
  return violations;
}

/**
 * One run of a program: the invariants it broke, and its trace (see Recorder.trace), ending with each thread's end.
 * `callSites` is `'frames'` by default, as in development.
 */
export function execute(program: Program, accounting: boolean, callSites: CallSites = 'frames'): Recorder {
  let recorder: Recorder | null = null;
  const engine = new Engine({
    tickRate: TICK_RATE,
    callSites,
    hotReload: program.host.some(({ action }) => action.k === 'reload'), // else the engine's plain paths run
    onError: (error, thread) => {
      recorder!.observe(thread, `reported ${showError(error)}`);
      const fault = engineFault(error);
      if (fault === null) recorder!.failures.observe(error);
      else if (!(isSwallowReport(error) && recorder!.contextOf(thread).swallowed)) {
        recorder!.violate('the engine reports no fault of its own', fault);
      }
    },
  });
  recorder = new Recorder(engine);
  if (accounting) timeEverything(engine);
  const signals = Array.from({ length: SIGNALS }, (_, i) => createSignal<Emission>(`s${i}`));
  const world: World = { recorder, signals, dt: 1 / TICK_RATE, versions: firstVersions() };
  program.roots.forEach((root, i) => {
    const token = recorder.newSpawn();
    recorder.seeProgram(engine.spawn({ name: `root${i}` }, threadScript, world, token, root), token);
  });
  let next = 0;
  for (let tick = 1; tick <= TICK_LIMIT; tick++) {
    recorder.stamp = tick;
    try {
      for (; next < program.host.length && program.host[next]!.tick === tick; next++) act(world, program.host[next]!.action);
      if (tick % HOST_PERIOD === 0) keepWaitsBounded(world);
    } catch (error) {
      recorder.violate('host calls (cancel, emit, send to a live thread) never throw', `before tick ${tick}: ${firstLines(error)}`);
      return recorder;
    }
    try {
      engine.step();
    } catch (error) {
      recorder.violate('engine.step() never throws', `tick ${tick}: ${firstLines(error)}`);
      return recorder;
    }
    recorder.afterTick();
    if (engine.threadCount === 0 && next >= program.host.length) break;
  }
  recorder.finish();
  recorder.trace.push(...recorder.known.map((thread) => `end ${thread.label} ${thread.stateName}`));
  return recorder;
}

/**
 * Accounting on, with every way it times resumes in play: a sample every few resumes, short runs, and a clock that
 * makes some runs heavy (their threads then split and timed alone) and some resumes slow (held, then confirmed).
 */
function timeEverything(engine: Engine): void {
  const accounting = engine.accounting;
  accounting.enabled = true;
  accounting.sampleEvery = 3;
  accounting.runMs = 0.003;
  accounting.onSlowResume = () => {};
  let reads = 0;
  let clock = 0;
  accounting.now = () => (clock += ++reads % 11 === 0 ? 5 : reads % 5 === 0 ? 0.3 : 0.001);
}

function act(world: World, action: HostAction): void {
  const { recorder } = world;
  const threads = recorder.programThreads;
  const thread = 'thread' in action && threads.length > 0 ? threads[action.thread % threads.length] : undefined;
  switch (action.k) {
    case 'cancel':
      if (thread) recorder.cancel(thread);
      return;
    case 'emit':
      world.signals[action.signal]!.emit({ serial: ++recorder.emissions });
      return;
    case 'send':
      if (thread?.alive) (thread as ProgramThread).send(recorder.message('host'));
      return;
    case 'reload':
      recorder.reloaded(recorder.engine.reload([reloadChange(world, action.script, action.broken)]));
      return;
  }
}

// Signal waits and receives without a timeout end because the host emits and sends on a period. A thread held
// after its new code failed waits for a fix (see docs/hot-reload.md): the host cancels it.
function keepWaitsBounded(world: World): void {
  const { recorder } = world;
  for (const signal of world.signals) signal.emit({ serial: ++recorder.emissions });
  for (const thread of recorder.programThreads) if (thread.alive) (thread as ProgramThread).send(recorder.message('tick'));
  for (const thread of recorder.known) if (thread.waitingOn.includes(AWAITING_FIX)) cancelHeld(recorder, thread);
}

function cancelHeld(recorder: Recorder, thread: Thread): void {
  if (thread.reloads === 0) recorder.violate('only a thread a reload restarted is held', `${thread.label} was never reloaded`);
  for (const child of thread.children) {
    if (!tornDown(child)) recorder.violate('a held thread\'s children are cancelled', `${child.label} of ${thread.label} is ${child.stateName}`);
  }
  recorder.cancel(thread);
}

// Cancelled, or its script over, which cancelled its own children in turn: such a thread only waits for them to end,
// and a cancel no longer applies to it.
function tornDown(thread: Thread): boolean {
  return thread.cancelling || (thread.gen === null && thread.children.every(tornDown));
}

const AWAITING_FIX = 'a fix of its script';

function firstLines(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 3).join('\n') : String(error);
}
