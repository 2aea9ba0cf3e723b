import { ArraySchema, Encoder, MapSchema, schema } from '@colyseus/schema';
import { RoomSession } from 'loom-threads/colyseus';
import { encodeWorldView } from '../game/net/world-view.ts';
import type { World } from '../game/sim/world.ts';
import { arenaGame } from '../server/arena-game.ts';

// The same fields as the binary view, as @colyseus/schema 3 state (decorator-free definitions).
const EntityState = schema({ kind: 'uint8', x: 'uint16', y: 'uint16', angle: 'uint8', hp: 'uint16', flags: 'uint8', mode: 'uint8', phase: 'uint8' });
const BulletState = schema({ x: 'uint16', y: 'uint16', vx: 'int16', vy: 'int16' });
const WorldState = schema({
  score: 'uint32', wave: 'uint16', gameOver: 'boolean', ships: ['uint32'],
  entities: { map: EntityState }, shots: [BulletState], enemyShots: [BulletState],
});
type WorldStateType = InstanceType<typeof WorldState>;
type BulletArray = ArraySchema<InstanceType<typeof BulletState>>;

function syncBullets(into: BulletArray, bullets: World['shots']): void {
  while (into.length > bullets.length) into.pop();
  bullets.forEach((b, i) => {
    const s = into[i] ?? new BulletState();
    s.x = Math.max(0, Math.round(b.x * 8));
    s.y = Math.max(0, Math.round(b.y * 8));
    s.vx = Math.round(b.vx);
    s.vy = Math.round(b.vy);
    if (into[i] === undefined) into.push(s);
  });
}

function sync(state: WorldStateType, world: World): void {
  state.score = world.score;
  state.wave = world.wave;
  state.gameOver = world.gameOver;
  const seen = new Set<string>();
  for (const e of world.entities) {
    const key = String(e.id);
    seen.add(key);
    const s = state.entities.get(key) ?? new EntityState();
    s.kind = world.kinds.all.indexOf(e.type);
    s.x = Math.round(e.x * 8);
    s.y = Math.round(e.y * 8);
    s.angle = Math.round(((e.angle / (Math.PI * 2)) % 1 + 1) * 256) % 256;
    s.hp = Math.max(0, Math.round(e.hp));
    s.flags = (e.alive ? 1 : 0) | (e.invulnerable ? 2 : 0) | (e.armoured ? 4 : 0) | (e.open ? 8 : 0);
    s.mode = e.mode.length;
    s.phase = e.phase;
    if (!state.entities.has(key)) state.entities.set(key, s);
  }
  for (const key of [...state.entities.keys()]) if (!seen.has(key)) state.entities.delete(key);
  syncBullets(state.shots as BulletArray, world.shots);
  syncBullets(state.enemyShots as BulletArray, world.enemyShots);
}

/**
 * Bytes per client per second of the two ways to send the world: schema patches (only what changed since the last
 * patch) and the full binary snapshot the room sends, both every `every` ticks over `seconds` of a headless co-op
 * room with two seats flying and firing.
 */
export function compareViews(seconds: number, swarm: number, every = 2): { schema: number; binary: number; schemaMs: number; binaryMs: number } {
  const session = new RoomSession(arenaGame({ swarm }), { roomId: 'views', seed: 5 });
  session.takeSeat();
  session.takeSeat();
  const state = new WorldState();
  state.entities = new MapSchema();
  const encoder = new Encoder(state);
  encoder.encodeAll();
  encoder.discardChanges();
  let schemaBytes = 0;
  let binaryBytes = 0;
  let schemaMs = 0;
  let binaryMs = 0;
  let views = 0;
  const ticks = seconds * 60;
  for (let tick = 1; tick <= ticks; tick++) {
    if (tick % 6 === 0) for (let seat = 0; seat < 2; seat++) session.queue(seat, tick, [(tick % 12 === 0 ? 8 : 4) | 16, 4480, 2800]);
    session.step();
    if (tick % every !== 0) continue;
    views++;
    const start = performance.now();
    sync(state, session.sim.world);
    schemaBytes += encoder.encode().byteLength;
    encoder.discardChanges();
    const middle = performance.now();
    binaryBytes += encodeWorldView(session.sim.world).byteLength + 5 + 8 * 4;
    binaryMs += performance.now() - middle;
    schemaMs += middle - start;
  }
  return { schema: schemaBytes / seconds, binary: binaryBytes / seconds, schemaMs: schemaMs / views, binaryMs: binaryMs / views };
}
