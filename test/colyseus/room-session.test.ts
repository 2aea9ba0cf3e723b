// A room's simulation with no network and no wall clock: seats, queued input and script failures, stepped by hand,
// and the room's recording replayed in Node to the same hashes.
import { describe, expect, it } from 'vitest';
import { decodeRecording, encodeRecording, replayRecording, stateHash } from 'loom-threads';
import { RoomSession, type RoomScriptError } from 'loom-threads/colyseus';
import { createDotSimulation, type DotSim } from './dot-game.ts';
import { dotGame } from './dot-room-game.ts';

function session(onScriptError: (failure: RoomScriptError) => void = () => {}): RoomSession<DotSim> {
  return new RoomSession(dotGame, { roomId: 'room-1', seed: 7, onScriptError });
}

function run(room: RoomSession<DotSim>, ticks: number): void {
  for (let i = 0; i < ticks; i++) room.step();
}

describe('RoomSession', () => {
  it('seats players from the lowest free seat, applies each queued input at the tick it names, and acks it', () => {
    const room = session();
    expect([room.takeSeat(), room.takeSeat()]).toEqual([0, 1]);
    run(room, 2); // the arena spawns each dot in the tick after its seat is taken
    expect(room.sim.world.dots).toEqual([0, 0, null]);
    expect(room.queue(0, 5, [1])).toBe(3);
    expect(room.queue(1, 9, [-1])).toBe(3);
    expect(room.queue(1, 10, [1])).toBe(3); // the newer input for the same tick replaces it
    room.step();
    expect(room.tick).toBe(3);
    expect(room.sim.world.dots).toEqual([1, 1, null]);
    expect(room.seatAcks().slice(0, 2)).toEqual([{ seq: 5, tick: 3 }, { seq: 10, tick: 3 }]);
    run(room, 2);
    expect(room.sim.world.dots).toEqual([3, 3, null]);
  });

  it('a seat given up cancels that player: its cleanup runs, and the seat is the next one taken', () => {
    const room = session();
    room.takeSeat();
    room.takeSeat();
    run(room, 3);
    room.freeSeat(0);
    run(room, 2);
    expect(room.sim.world.cleanedUp).toEqual([0]);
    expect(room.sim.world.dots[0]).toBeNull();
    expect(room.players).toBe(1);
    expect(room.takeSeat()).toBe(0);
  });

  it('an idle seat (its client dropped) goes neutral until its client is back', () => {
    const room = session();
    room.takeSeat();
    room.queue(0, 1, [1]);
    run(room, 4);
    const at = room.sim.world.dots[0]!;
    room.idleSeat(0);
    run(room, 5);
    expect(room.sim.world.dots[0]).toBe(at);
    expect(room.isTaken(0)).toBe(true);
  });

  it('a script failure goes to the room hook with the room id and the script stack, and the room runs on', () => {
    const failures: RoomScriptError[] = [];
    const room = session((failure) => failures.push(failure));
    room.takeSeat();
    room.takeSeat();
    room.queue(0, 1, [1]);
    room.queue(1, 1, [1]);
    run(room, 11);
    expect(room.sim.world.dots).toEqual([11, 11, null]);
    room.queue(1, 2, [0]); // seat 1 stops short of 13; seat 0 walks into it
    run(room, 3);
    expect(room.sim.world.dots).toEqual([null, 11, null]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ roomId: 'room-1', thread: expect.stringMatching(/^#\d+ dot$/) });
    expect(failures[0]!.report).toMatch(/^Error: unlucky 13\n.*at dot .*dot-game\.ts/s);
    expect(room.failures).toBe(1);
    const tick = room.tick;
    room.queue(1, 3, [-1]);
    run(room, 2);
    expect(room.tick).toBe(tick + 2);
    expect(room.sim.world.dots).toEqual([null, 9, null]);
  });

  it('is a recording: replayed in Node from its seed and input log, every checkpoint hash matches', () => {
    const room = new RoomSession(dotGame, { roomId: 'room-2', seed: 11, checkpointEvery: 10, onScriptError: () => {} });
    room.takeSeat();
    room.takeSeat();
    const hashes: string[] = [];
    for (let tick = 0; tick < 120; tick++) {
      if (tick % 7 === 0) room.queue(tick % 2, tick, [tick % 3 === 0 ? -1 : 1]);
      if (tick === 40) room.freeSeat(1);
      if (tick === 60) room.takeSeat();
      if (tick === 80) room.idleSeat(0);
      room.step();
      hashes.push(stateHash(room.sim.engine, room.sim.hashWorld));
    }
    const recording = decodeRecording(encodeRecording(room.recording()));
    expect(recording.header.meta).toEqual({ game: 'dots' });
    const result = replayRecording(recording, createDotSimulation, { verify: true });
    expect(result.divergence).toBeNull();
    expect(result.checked).toBe(12);
    expect(result.finalHash).toBe(hashes.at(-1));
    expect(result.replayer.sim.world.cleanedUp).toEqual(room.sim.world.cleanedUp);
  });
});
