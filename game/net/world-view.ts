import { Entity, type Mode } from '../sim/entity.ts';
import type { Bullet } from '../sim/projectiles.ts';
import type { World } from '../sim/world.ts';
import { ViewReader, ViewWriter } from './view-bytes.ts';

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

/**
 * Encodes what a client draws of a world: score, wave, run, game over and banner; each seat's ship id; each entity
 * (id, kind, position in eighths of a unit, angle in 256ths of a turn, state flags, and only when they say
 * something: health, mode, phase, aim, and the ages of its birth, last hit and death in ticks); and every bullet
 * (position and velocity). A full snapshot each time, so a client that missed one loses nothing.
 *
 * @example
 * ```ts
 * const bytes = encodeWorldView(world);
 * applyWorldView(bytes, mirror, 120); // the client's world now shows tick 120
 * ```
 */
export function encodeWorldView(world: World): Uint8Array {
  const out = new ViewWriter();
  const tick = world.engine.tick;
  const dt = world.engine.dt;
  out.varint(world.score).varint(world.wave).varint(world.runs).u8(world.gameOver ? 1 : 0);
  const banner = world.banner;
  if (banner === null) out.u8(0);
  else out.u8(1).text(banner.text).text(banner.detail).varint(ageInTicks(banner.since, tick, dt));
  out.u8(world.seats.length);
  for (let seat = 0; seat < world.seats.length; seat++) out.varint(world.players.find((ship) => ship.seat === seat)?.id ?? 0);
  const kinds = world.kinds.all;
  out.varint(world.entities.length);
  for (const e of world.entities) {
    const hurt = ageInTicks(e.hurtAt, tick, dt);
    const died = ageInTicks(e.diedAt, tick, dt);
    const detail = e.hp !== e.maxHp || e.mode !== 'idle' || e.phase !== 1 || e.aim !== 0;
    const flags = (e.alive ? ALIVE : 0) | (e.invulnerable ? INVULNERABLE : 0) | (e.armoured ? ARMOURED : 0) | (e.open ? OPEN : 0)
      | (hurt < AGE_CAP ? HURT : 0) | (died < AGE_CAP ? DYING : 0) | (detail ? DETAIL : 0);
    out.varint(e.id).u8(kinds.indexOf(e.type)).u16(position(e.x)).u16(position(e.y)).u8(angle(e.angle)).u8(flags);
    out.u8(Math.min(AGE_CAP, ageInTicks(e.bornAt, tick, dt)));
    if (flags & HURT) out.u8(hurt);
    if (flags & DYING) out.u8(died);
    if (detail) out.u16(Math.max(0, Math.round(e.hp))).u8(MODES.indexOf(e.mode)).u8(e.phase).u8(angle(e.aim));
  }
  writeBullets(out, world.shots);
  writeBullets(out, world.enemyShots);
  return out.bytes();
}

/**
 * Shows a view on a client's world (a mirror: a `World` whose engine never runs). An entity keeps its object from one
 * view to the next, its previous position becoming `prevX`/`prevY`, so the game's view interpolates between the last
 * two views as it does between ticks; an entity missing from the view is removed. `world.player` becomes the ship of
 * `seat`. Returns the ship ids by seat.
 */
export function applyWorldView(bytes: Uint8Array, world: World, tick: number, seat: number): number[] {
  const input = new ViewReader(bytes);
  const dt = world.engine.dt;
  world.score = input.varint();
  world.wave = input.varint();
  world.runs = input.varint();
  world.gameOver = input.u8() === 1;
  world.banner = input.u8() === 1 ? { text: input.text(), detail: input.text(), since: (tick - input.varint()) * dt } : null;
  const ships = Array.from({ length: input.u8() }, () => input.varint());
  const known = new Map(world.entities.map((e) => [e.id, e]));
  const kinds = world.kinds.all;
  const shown: Entity[] = [];
  for (let count = input.varint(); count > 0; count--) {
    const id = input.varint();
    const kind = kinds[input.u8()];
    if (kind === undefined) throw new RangeError('a view names a kind this client does not know');
    const x = input.u16() / POSITION_STEPS;
    const y = input.u16() / POSITION_STEPS;
    const turn = (input.u8() / ANGLE_STEPS) * TURN;
    const flags = input.u8();
    const born = input.u8();
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
    e.hurtAt = flags & HURT ? (tick - input.u8()) * dt : -Infinity;
    e.diedAt = flags & DYING ? (tick - input.u8()) * dt : Infinity;
    if (flags & DETAIL) {
      e.hp = input.u16();
      e.mode = MODES[input.u8()] ?? 'idle';
      e.phase = input.u8();
      e.aim = (input.u8() / ANGLE_STEPS) * TURN;
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
  readBullets(input, world.shots, dt);
  readBullets(input, world.enemyShots, dt);
  return ships;
}

function writeBullets(out: ViewWriter, bullets: readonly Bullet[]): void {
  out.varint(bullets.length);
  for (const b of bullets) out.u16(position(b.x)).u16(position(b.y)).u16(velocity(b.vx)).u16(velocity(b.vy)).u8(b.radius);
}

// Bullets have no ids: each comes back drawn from where it was a tick ago to where it is.
function readBullets(input: ViewReader, bullets: Bullet[], dt: number): void {
  bullets.length = 0;
  for (let count = input.varint(); count > 0; count--) {
    const x = input.u16() / POSITION_STEPS;
    const y = input.u16() / POSITION_STEPS;
    const vx = (input.u16() << 16) >> 16;
    const vy = (input.u16() << 16) >> 16;
    const radius = input.u8();
    bullets.push({ x, y, prevX: x - vx * dt, prevY: y - vy * dt, vx, vy, angle: Math.atan2(vy, vx), radius, damage: 1, pierce: 0, alive: true });
  }
}

// Bullets fly a little past the walls before they are spent: positions are clamped into what 16 bits hold.
function position(value: number): number {
  return Math.min(0xffff, Math.max(0, Math.round(value * POSITION_STEPS)));
}

function velocity(value: number): number {
  return Math.min(0x7fff, Math.max(-0x8000, Math.round(value))) & 0xffff;
}

function angle(radians: number): number {
  const turns = radians / TURN;
  return Math.round((turns - Math.floor(turns)) * ANGLE_STEPS) % ANGLE_STEPS;
}

function ageInTicks(at: number, tick: number, dt: number): number {
  if (!Number.isFinite(at)) return AGE_CAP;
  return Math.min(AGE_CAP, Math.max(0, Math.round(tick - at / dt)));
}
