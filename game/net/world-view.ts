import { ByteReader, ByteWriter } from 'loom-threads';
import { Entity, type Mode } from '../sim/entity.ts';
import type { GameEvent } from '../sim/events.ts';
import type { Bullet } from '../sim/projectiles.ts';
import type { World } from '../sim/world.ts';
import { readEvents, writeEvents } from './event-view.ts';

/** Positions go in eighths of an arena unit, angles in 256ths of a turn. */
const POSITION_STEPS = 8;
const ANGLE_STEPS = 256;
const TURN = Math.PI * 2;
/** Ages past this many ticks are sent as this: the view only times recent hits and births. */
const AGE_CAP = 255;

const MODES: readonly Mode[] = ['idle', 'patrol', 'chase', 'windup', 'lunge', 'recover', 'confused', 'volley', 'spiral', 'aim', 'charge', 'stunned', 'transition'];

// The entity flags byte: states, then which optional fields follow.
const ALIVE = 1;
const INVULNERABLE = 2;
const ARMOURED = 4;
const OPEN = 8;
const HURT = 16;
const DYING = 32;
const DETAIL = 64;

/** What a view says beside the world it is applied to. */
export interface WorldViewFigures {
  /** Each seat's ship id, 0 for none. */
  ships: number[];
  /** How many seats a player holds (a ship may be down between lives; its player is still in the room). */
  players: number;
  /** The server engine's live threads, for the HUD. */
  threads: number;
}

/**
 * Encodes what a client draws of a world: score, wave, run, game over and banner; the engine's live and idle
 * threads (the HUD's figures); each seat's ship id and whether a player holds the seat; each entity (id, kind, position in eighths of a unit, angle in
 * 256ths of a turn, state flags, and only when they say something: health, mode, phase, aim, and the ages of its
 * birth, last hit and death in ticks); every bullet (position and velocity); and `events`, the effects asked for
 * since the last view (`world.takeEvents()`). A full snapshot each time, so a client that missed one loses nothing
 * but that view's effects. Numbers are the engine's `ByteWriter` varints.
 *
 * @example
 * ```ts
 * const bytes = encodeWorldView(world, world.takeEvents());
 * applyWorldView(bytes, mirror, 120); // the client's world now shows tick 120, its effects queued for the view
 * ```
 */
export function encodeWorldView(world: World, events: readonly GameEvent[] = []): Uint8Array {
  const out = new ByteWriter();
  const tick = world.engine.tick;
  const dt = world.engine.dt;
  out.uint(world.score).uint(world.wave).uint(world.runs).byte(world.gameOver ? 1 : 0);
  const banner = world.banner;
  if (banner === null) out.byte(0);
  else out.byte(1).text(banner.text).text(banner.detail).uint(ageInTicks(banner.since, tick, dt));
  out.uint(world.engine.threadCount).uint(world.idleThreads);
  out.byte(world.seats.length);
  for (let seat = 0; seat < world.seats.length; seat++) {
    out.uint(world.players.find((ship) => ship.seat === seat)?.id ?? 0).byte(world.seated[seat] === true ? 1 : 0);
  }
  const kinds = world.kinds.all;
  out.uint(world.entities.length);
  for (const e of world.entities) {
    const hurt = ageInTicks(e.hurtAt, tick, dt);
    const died = ageInTicks(e.diedAt, tick, dt);
    const detail = e.hp !== e.maxHp || e.mode !== 'idle' || e.phase !== 1 || e.aim !== 0;
    const flags = (e.alive ? ALIVE : 0) | (e.invulnerable ? INVULNERABLE : 0) | (e.armoured ? ARMOURED : 0) | (e.open ? OPEN : 0)
      | (hurt < AGE_CAP ? HURT : 0) | (died < AGE_CAP ? DYING : 0) | (detail ? DETAIL : 0);
    out.uint(e.id).byte(kinds.indexOf(e.type)).uint(position(e.x)).uint(position(e.y)).byte(angle(e.angle)).byte(flags);
    out.byte(Math.min(AGE_CAP, ageInTicks(e.bornAt, tick, dt)));
    if (flags & HURT) out.byte(hurt);
    if (flags & DYING) out.byte(died);
    if (detail) out.uint(Math.max(0, Math.round(e.hp))).byte(MODES.indexOf(e.mode)).byte(e.phase).byte(angle(e.aim));
  }
  writeBullets(out, world.shots);
  writeBullets(out, world.enemyShots);
  writeEvents(out, events, tick, dt);
  return out.bytes();
}

/**
 * Shows a view on a client's world (a mirror: a `World` whose engine never runs). An entity keeps its object from one
 * view to the next, its previous position becoming `prevX`/`prevY`, so the game's view interpolates between the last
 * two views as it does between ticks; an entity missing from the view is removed. `world.player` becomes the ship of
 * `seat`; the view's effects are queued on `world.events`, for the game's view to play as it does in single-player.
 * Returns the ship ids by seat and the server's thread count. Bytes that do not read as a view throw a RangeError.
 */
export function applyWorldView(bytes: Uint8Array, world: World, tick: number, seat: number): WorldViewFigures {
  const input = new ByteReader(bytes, { subject: 'view', error: RangeError });
  const dt = world.engine.dt;
  input.section = 'header';
  world.score = input.uint();
  world.wave = input.uint();
  world.runs = input.uint();
  world.gameOver = input.byte() === 1;
  world.banner = input.byte() === 1 ? { text: input.text(), detail: input.text(), since: (tick - input.uint()) * dt } : null;
  const threads = input.uint();
  world.idleThreads = input.uint();
  const ships: number[] = [];
  for (let seat = 0, seats = input.byte(); seat < seats; seat++) {
    ships.push(input.uint());
    world.seated[seat] = input.byte() === 1;
  }
  const known = new Map(world.entities.map((e) => [e.id, e]));
  const kinds = world.kinds.all;
  const shown: Entity[] = [];
  input.section = 'entities';
  for (let count = input.uint(); count > 0; count--) {
    const id = input.uint();
    const kind = kinds[input.byte()];
    if (kind === undefined) throw new RangeError('a view names a kind this client does not know');
    const x = input.uint() / POSITION_STEPS;
    const y = input.uint() / POSITION_STEPS;
    const turn = (input.byte() / ANGLE_STEPS) * TURN;
    const flags = input.byte();
    const born = input.byte();
    let e = known.get(id);
    if (e === undefined || e.type !== kind) e = new Entity(id, kind, x, y, (tick - born) * dt);
    e.prevX = e.x;
    e.prevY = e.y;
    e.prevAngle = e.angle;
    e.x = x;
    e.y = y;
    e.angle = turn;
    e.alive = (flags & ALIVE) !== 0;
    e.invulnerable = (flags & INVULNERABLE) !== 0;
    e.armoured = (flags & ARMOURED) !== 0;
    e.open = (flags & OPEN) !== 0;
    e.hurtAt = flags & HURT ? (tick - input.byte()) * dt : -Infinity;
    e.diedAt = flags & DYING ? (tick - input.byte()) * dt : Infinity;
    if (flags & DETAIL) {
      e.hp = input.uint();
      e.mode = MODES[input.byte()] ?? 'idle';
      e.phase = input.byte();
      e.aim = (input.byte() / ANGLE_STEPS) * TURN;
    } else {
      e.hp = e.maxHp;
      e.mode = 'idle';
      e.phase = 1;
      e.aim = 0;
    }
    e.slot = shown.push(e) - 1;
  }
  for (const e of world.entities) if (!shown.includes(e)) e.removed = true;
  world.entities.length = 0;
  world.entities.push(...shown);
  const byId = new Map(shown.map((e) => [e.id, e]));
  world.players.length = 0;
  ships.forEach((id, i) => {
    const ship = byId.get(id);
    if (ship === undefined) return;
    ship.seat = i;
    world.players.push(ship);
  });
  world.player = byId.get(ships[seat] ?? 0) ?? null;
  input.section = 'bullets';
  readBullets(input, world.shots, dt);
  readBullets(input, world.enemyShots, dt);
  input.section = 'effects';
  world.events.push(...readEvents(input, tick, dt));
  return { ships, players: world.seated.filter(Boolean).length, threads };
}

function writeBullets(out: ByteWriter, bullets: readonly Bullet[]): void {
  out.uint(bullets.length);
  for (const b of bullets) out.uint(position(b.x)).uint(position(b.y)).sint(Math.round(b.vx)).sint(Math.round(b.vy)).byte(b.radius);
}

// Bullets have no ids: each comes back drawn from where it was a tick ago to where it is.
function readBullets(input: ByteReader, bullets: Bullet[], dt: number): void {
  bullets.length = 0;
  for (let count = input.uint(); count > 0; count--) {
    const x = input.uint() / POSITION_STEPS;
    const y = input.uint() / POSITION_STEPS;
    const vx = input.sint();
    const vy = input.sint();
    const radius = input.byte();
    bullets.push({ x, y, prevX: x - vx * dt, prevY: y - vy * dt, vx, vy, angle: Math.atan2(vy, vx), radius, damage: 1, pierce: 0, alive: true });
  }
}

// Bullets fly a little past the walls before they are spent: a position left of or above the arena is sent as 0.
function position(value: number): number {
  return Math.max(0, Math.round(value * POSITION_STEPS));
}

function angle(radians: number): number {
  const turns = radians / TURN;
  return Math.round((turns - Math.floor(turns)) * ANGLE_STEPS) % ANGLE_STEPS;
}

function ageInTicks(at: number, tick: number, dt: number): number {
  if (!Number.isFinite(at)) return AGE_CAP;
  return Math.min(AGE_CAP, Math.max(0, Math.round(tick - at / dt)));
}
