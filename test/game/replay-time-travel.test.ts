import { describe, expect, it } from 'vitest';
import { Playback, Replayer, branch, decodeRecording, traceThreads, type Recording } from '../../engine/index.ts';
import { ReplayTimeTravel } from '../../game/replay-time-travel.ts';
import { resumeLive } from '../../game/resume-live.ts';
import { lastSave } from '../../game/save-store.ts';
import { playScripted, recordGame } from '../../game/headless/session.ts';
import { createGameSimulation, type GameSimulation } from '../../game/headless/simulation.ts';

/** Ten seconds of the sample game with the scripted player. */
function tenSeconds(): Recording {
  const { sim, recorder } = recordGame({ seed: 7, swarm: 60 });
  playScripted(sim, recorder, 600);
  return recorder.recording();
}

/** A paused playback with its time travel; `shown` lists the ticks of the replays shown, `resumed` the branches. */
function travelling(recording: Recording) {
  const playback = new Playback(new Replayer(recording, createGameSimulation));
  playback.paused = true;
  let clock = 0;
  const shown: { replayer: Replayer<GameSimulation>; tick: number }[] = [];
  const resumed: Recording[] = [];
  const travel = new ReplayTimeTravel(playback, { now: () => clock++, shown: (replayer) => shown.push({ replayer, tick: replayer.tick }), resume: (r) => resumed.push(r) });
  /** Runs slices of `budget` ticks (the clock moves 1 ms a read) until the seek is done; returns how many ran. */
  const finish = (budget: number): number => {
    let slices = 0;
    while (travel.runSlice(budget)) slices++;
    return slices + 1;
  };
  return { playback, travel, shown, resumed, finish };
}

const threadsAt = (recording: Recording, tick: number) => {
  const replayer = new Replayer(recording, createGameSimulation);
  replayer.runTo(tick);
  return traceThreads(replayer.sim.engine);
};

describe('time travel through a replay being watched', () => {
  const recording = tenSeconds();

  it('seeks in slices, saying how far it has come, and shows the replay at the tick sought', () => {
    const { playback, travel, shown, finish } = travelling(recording);
    expect([travel.ticks, travel.tick, travel.tickRate, travel.seeking]).toEqual([600, 0, 60, null]);
    playback.paused = false;
    travel.seekTo(400);
    expect([playback.paused, travel.seeking]).toEqual([true, 0]);
    expect(travel.runSlice(100)).toBe(true);
    expect(travel.seeking).toBe(0.25);
    expect(finish(100)).toBe(3); // the other three hundred ticks
    expect([travel.seeking, travel.tick, shown.map((s) => s.tick)]).toEqual([null, 400, [400]]);
    expect(playback.replayer).toBe(shown[0]!.replayer);
    expect(traceThreads(playback.replayer.sim.engine)).toEqual(threadsAt(recording, 400));
    expect(travel.runSlice(100)).toBe(false); // no seek: the frame is the page's
  });

  it('going back rebuilds the replay from tick 0; going forward carries the same one on', () => {
    const { playback, travel, shown, finish } = travelling(recording);
    travel.seekTo(500);
    finish(1000);
    const at500 = playback.replayer;
    travel.seekTo(200);
    finish(1000);
    expect(playback.replayer).not.toBe(at500);
    travel.seekTo(300);
    finish(1000);
    expect(shown.map((s) => s.tick)).toEqual([500, 200, 300]);
    const [first, back, on] = shown.map((s) => s.replayer);
    expect([back === first, on === back]).toEqual([false, true]);
    expect(traceThreads(playback.replayer.sim.engine)).toEqual(threadsAt(recording, 300));
  });

  it('a seek replaced while it runs carries its replay on when that is nearer the new tick', () => {
    const { playback, travel, shown, finish } = travelling(recording);
    travel.seekTo(550);
    finish(1000);
    travel.seekTo(100); // back: a fresh replay
    travel.runSlice(60);
    travel.seekTo(200); // the fresh one, at 60, is nearer than the shown one, at 550
    travel.runSlice(100);
    expect(travel.seeking).toBe(100 / 140); // from 60 to 160 of 200 (from a fresh start it would be 0.5)
    finish(1000);
    expect(shown.map((s) => s.tick)).toEqual([550, 200]);
    expect(traceThreads(playback.replayer.sim.engine)).toEqual(threadsAt(recording, 200));
  });

  it('one step is one tick, paused, and nothing while a seek runs', () => {
    const { playback, travel, finish } = travelling(recording);
    playback.paused = false;
    travel.step();
    expect([playback.paused, travel.tick]).toEqual([true, 1]);
    travel.seekTo(100);
    travel.step();
    expect(travel.tick).toBe(1);
    finish(1000);
    travel.step();
    expect(travel.tick).toBe(101);
  });

  it('resumes live from a tick with the recording branched there', () => {
    const { travel, resumed } = travelling(recording);
    travel.resumeLive(250);
    expect(resumed).toEqual([branch(recording, 250)]);
  });

  it('resuming live keeps the branch as the last save (base64) and opens ?restore=local; a refusal is a sentence', () => {
    const items = new Map<string, string>();
    const opened: string[] = [];
    resumeLive(branch(recording, 250), { setItem: (key, value) => void items.set(key, value) }, (url) => opened.push(url));
    expect(opened).toEqual(['?restore=local']);
    expect(decodeRecording(lastSave({ getItem: (key) => items.get(key) ?? null })!).ticks).toBe(250);
    const full = { setItem: () => { throw new Error('quota exceeded'); } };
    expect(() => resumeLive(recording, full, (url) => opened.push(url))).toThrow(/^this browser refused to keep the save \(\d+ KB\): quota exceeded; download it instead$/);
    expect(opened).toEqual(['?restore=local']);
  });
});
