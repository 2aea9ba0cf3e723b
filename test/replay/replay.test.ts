import { describe, expect, it } from 'vitest';
import {
  Recorder, RecordingError, Replayer, decodeRecording, encodeRecording, formatDivergence, receive, replayRecording, sleep,
  restore, useEngine, wait, type Signal, type Thread,
} from '../../engine/index.ts';
import { createLogSimulation } from './support.ts';

type World = { log: string[]; input: number };

function* listener(world: World, bell: Signal<string>) {
  for (;;) {
    const rung = yield* wait(bell);
    world.log.push(`${useEngine().tick} bell ${rung} input ${world.input}`);
  }
}

function* mailbox(world: World) {
  try {
    for (;;) {
      const message = yield* receive<{ hello: unknown; to: Thread }>();
      world.log.push(`${useEngine().tick} got ${JSON.stringify(message.hello)} to ${message.to.label}`);
    }
  } finally {
    world.log.push(`${useEngine().tick} mailbox cancelled`);
  }
}

function* sleeper(world: World, seconds: number) {
  for (let i = 0; ; i++) {
    yield* sleep(seconds + useEngine().random.range(0, 0.1));
    world.log.push(`${useEngine().tick} ${useEngine().random.int(0, 100)}`);
  }
}

const scripts = { listener, mailbox, sleeper };

/** Records a run where the host does one of everything, at known ticks. */
function recordHostRun() {
  const { sim, world, bell } = createLogSimulation(scripts)({ seed: 3, tickRate: 60, meta: {} });
  const recorder = new Recorder(sim, { checkpointEvery: 5, traceEvery: 10 });
  recorder.spawn(listener, world, bell as never);
  const box = recorder.spawn({ name: 'box' }, mailbox, world);
  recorder.spawn(sleeper, world, 0.05);
  const run = (ticks: number): void => {
    for (let i = 0; i < ticks; i++) recorder.step();
  };
  run(3);
  world.input = 7;
  recorder.emit(bell, 'ding');
  run(2);
  recorder.send(box, { hello: [1, 'two'], to: box });
  recorder.paused = true;
  recorder.timeScale = 0.5;
  run(4);
  recorder.cancel(box);
  world.input = 9;
  run(21);
  return { recording: recorder.recording(), log: world.log, bell };
}

describe('recording and replaying', () => {
  it('records what the host did, stamped with the tick after which it happened', () => {
    const { recording } = recordHostRun();
    expect(recording.events.filter((e) => e.type !== 'spawn')).toEqual([
      { tick: 3, type: 'emit', signal: 'bell', value: 'ding' },
      { tick: 3, type: 'input', values: [7] },
      { tick: 5, type: 'send', thread: 2, message: { hello: [1, 'two'], to: { $thread: 2 } } },
      { tick: 5, type: 'pause', paused: true },
      { tick: 5, type: 'timeScale', scale: 0.5 },
      { tick: 9, type: 'cancel', thread: 2 },
      { tick: 9, type: 'input', values: [9] },
    ]);
    expect(recording.events.filter((e) => e.type === 'spawn')).toEqual([
      { tick: 0, type: 'spawn', script: 'listener', args: [{ $ref: 'world' }, { $ref: 'bell' }] },
      { tick: 0, type: 'spawn', script: 'mailbox', name: 'box', args: [{ $ref: 'world' }] },
      { tick: 0, type: 'spawn', script: 'sleeper', args: [{ $ref: 'world' }, 0.05] },
    ]);
    expect(recording.ticks).toBe(30);
    expect(recording.checkpoints.map((c) => [c.tick, c.threads !== null])).toEqual([
      [5, false], [10, true], [15, false], [20, true], [25, false], [30, true],
    ]);
  });

  it('replays to the same world, the same hash at every checkpoint, and the host events applied at their ticks', () => {
    const { recording, log } = recordHostRun();
    expect(log.slice(0, 4)).toEqual(['4 bell ding input 7', '6 got [1,"two"] to #2 box', '6 77', '10 mailbox cancelled']);
    let replayed: string[] = [];
    const create = (setup: Parameters<ReturnType<typeof createLogSimulation>>[0]) => {
      const built = createLogSimulation(scripts)(setup);
      replayed = built.world.log;
      return built.sim;
    };
    const result = replayRecording(decodeRecording(encodeRecording(recording)), create, { verify: true });
    expect(result.divergence).toBeNull();
    expect(result.checked).toBe(6);
    expect(result.ticks).toBe(30);
    expect(replayed).toEqual(log);
    const engine = result.replayer.sim.engine;
    expect([engine.paused, engine.timeScale]).toEqual([true, 0.5]);
  });

  it('stops at --until, and says where the recording ends', () => {
    const { recording } = recordHostRun();
    const replayer = new Replayer(recording, (setup) => createLogSimulation(scripts)(setup).sim);
    expect(replayer.runTo(12)).toBe(12);
    expect(replayer.runTo(1000)).toBe(18);
    expect(() => replayer.step()).toThrow(new RecordingError('the recording ends at tick 30'));
  });

  it('refuses what a replay could not rebuild, when it is recorded rather than when it is replayed', () => {
    const { sim, world } = createLogSimulation(scripts)({ seed: 3, tickRate: 60, meta: {} });
    const recorder = new Recorder(sim);
    function* stranger() {}
    expect(() => recorder.spawn(stranger)).toThrow(/stranger is not one of the simulation's scripts/);
    expect(() => recorder.spawn(sleeper, world, Number.NaN)).toThrow('recorder.spawn(sleeper): cannot record the number NaN');
    const box = recorder.spawn(mailbox, world);
    expect(() => recorder.send(box, new Map() as never)).toThrow(/cannot record an instance of Map/);
    expect(recorder.recording().events.map((e) => e.type)).toEqual(['spawn']);
  });

  it('names the first thread that diverged, and what it did then and now, when a script changed since the recording', () => {
    const { recording } = recordHostRun();
    function* slower(world: World, seconds: number) {
      yield* sleeper(world, seconds * 3);
    }
    const result = replayRecording(recording, (setup) => createLogSimulation({ ...scripts, sleeper: slower })(setup).sim, { verify: true });
    expect(result.divergence).not.toBeNull();
    expect(formatDivergence(result.divergence!).split('\n').slice(1)).toEqual([
      '#3 sleeper at tick 1: recorded "sleep until 0.25 s in sleeper", replay "sleep until 0.20 s in slower"',
    ]);
    expect(result.divergence!.lastGood).toBe(0);
    expect(result.divergence!.tick).toBe(5);
  });

  it('a save that no longer restores the same game is refused with the divergence report', () => {
    const { recording } = recordHostRun();
    function* slower(world: World, seconds: number) {
      yield* sleeper(world, seconds * 3);
    }
    const create = (setup: Parameters<ReturnType<typeof createLogSimulation>>[0]) => createLogSimulation({ ...scripts, sleeper: slower })(setup).sim;
    expect(() => restore(recording, create)).toThrow(new RecordingError([
      'the save does not restore: diverged between tick 0 and tick 5: state hash ' + replayRecording(recording, create, { verify: true }).divergence!.replayHash + ', recorded ' + recording.checkpoints[0]!.hash,
      '#3 sleeper at tick 1: recorded "sleep until 0.25 s in sleeper", replay "sleep until 0.20 s in slower"',
    ].join('\n')));
    expect(restore(recording, (setup) => createLogSimulation(scripts)(setup).sim).sim.engine.tick).toBe(30);
  });
});
