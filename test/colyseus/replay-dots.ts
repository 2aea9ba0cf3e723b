import { replayRecording, type ReplayResult } from 'loom-threads';
import { RoomSession } from 'loom-threads/colyseus';
import { createDotSimulation, type DotSim } from './dot-game.ts';
import { dotGame } from './dot-room-game.ts';

/** A dot room stepped by hand, no server at all, then its recording replayed and checked at every checkpoint. */
export function replayDots(): { session: RoomSession<DotSim>; replay: ReplayResult<DotSim> } {
  const session = new RoomSession(dotGame, { roomId: 'test', seed: 7 });
  const seat = session.takeSeat()!;
  session.queue(seat, 1, [1]);                // seq 1: move 1 a tick
  for (let i = 0; i < 10; i++) session.step();
  return { session, replay: replayRecording(session.recording(), createDotSimulation, { verify: true }) };
}
