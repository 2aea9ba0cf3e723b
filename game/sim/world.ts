import { createSignal, detMath, type Engine, type Random, type Thread } from 'loom-threads';
import { Entity } from './entity.ts';
import type { GameEvent, GameEventInput } from './events.ts';
import { angleTo, within, type Point } from './geometry.ts';
import { Grid } from './grid.ts';
import type { Kind } from './kind.ts';
import type { KindRegistry } from './kind-registry.ts';
import { createInput, type InputState } from './input-state.ts';
import { createBullet, type Bullet } from './projectiles.ts';
import { liveThreadsUnder } from './threads.ts';

/** The playing field's size in arena units. */
export interface Arena {
  width: number;
  height: number;
}

/** The arena every game uses: the view scales it to fit the window. */
const ARENA: Readonly<Arena> = { width: 1120, height: 700 };

/** A banner across the screen (wave announcements): the director sets and clears it. */
export interface Banner {
  text: string;
  detail: string;
  since: number;
}

/** How a game is set up: its kinds come from whoever assembles the game, the rest from the URL (see game/config.ts). */
export interface WorldOptions {
  /** The kinds of entity it knows: the sample game's are `gameKinds()` (game/scripts/kinds.ts). */
  kinds: KindRegistry;
  /** Critters in a full swarm wave. Default 500. */
  swarm?: number;
  /** The wave a run starts at (3 starts at the first boss). Default 1. */
  firstWave?: number;
  /** Co-op: this many seats, each a ship steered by its own input (a server room). Absent: one player. */
  seats?: number;
}

/** Seconds the player cannot be hurt again after a hit. */
export const PLAYER_MERCY = 1;
/** Seconds after appearing during which an enemy neither hurts nor can be hurt: spawns are fair and visible. */
export const SPAWN_GRACE = 0.5;
/** The most effects a world holds for its view; past it the oldest go. */
export const MAX_EVENTS = 4096;

/**
 * The shared state of a game: entities, bullets, the player's input, score and the signals scripts wait on.
 * Headless: it holds no display object. Scripts read and change it; the physics step moves it; the view draws it.
 *
 * @example
 * ```ts
 * const engine = new Engine({ seed: 7 });
 * const world = new World(engine, { kinds: gameKinds() });
 * engine.spawn(game, world);
 * engine.step();
 * ```
 */
export class World {
  readonly random: Random;
  readonly arena: Readonly<Arena> = ARENA;
  /** Live entities, in no useful order. */
  readonly entities: Entity[] = [];
  /** The player's bullets and the enemies' bullets. */
  readonly shots: Bullet[] = [];
  readonly enemyShots: Bullet[] = [];
  readonly input: InputState = createInput(ARENA.width / 2 + 200, ARENA.height / 2);
  /** Each seat's input; seat 0's is `input`. One seat unless the world is co-op. */
  readonly seats: InputState[];
  /** Co-op: which seats are taken (a player is in the room), as the host's input says. */
  readonly seated: boolean[];
  /** Whether several ships share the arena (`WorldOptions.seats`). */
  readonly coop: boolean;
  /** Effects for the view to play; it takes them with `takeEvents`. */
  readonly events: GameEvent[] = [];
  /** Hostile entities filed by position, refilled each tick by the physics step. */
  readonly grid = new Grid(ARENA.width, ARENA.height);
  readonly swarm: number;
  readonly firstWave: number;
  /** Every kind of entity in this game: the director spawns waves of them, the view loads their art. */
  readonly kinds: KindRegistry;
  /** Emitted with the wave number when the last hostile entity of the arena is gone. */
  readonly waveCleared = createSignal<number>('wave.cleared');
  /** Emitted when the player asks for a new game. */
  readonly restartRequested = createSignal('game.restart');
  /** The latest player ship added; in co-op, enemies go for `playerNear` instead. */
  player: Entity | null = null;
  /** The player ships in the world, in the order they came. */
  readonly players: Entity[] = [];
  score = 0;
  wave = 0;
  gameOver = false;
  banner: Banner | null = null;
  /** Live threads when no run is going: a restart brings the count back to it. Set by the game script. */
  idleThreads = 0;
  /** Runs started so far (1 during the first game). */
  runs = 0;
  private hostiles = 0;
  private nextId = 1;
  private readonly owners = new Map<Thread, Entity>();

  constructor(readonly engine: Engine, options: WorldOptions) {
    this.random = engine.random;
    this.swarm = options.swarm ?? 500;
    this.firstWave = options.firstWave ?? 1;
    this.kinds = options.kinds;
    this.coop = options.seats !== undefined;
    const seats = Math.max(1, options.seats ?? 1);
    this.seats = [this.input, ...Array.from({ length: seats - 1 }, () => createInput(ARENA.width / 2, ARENA.height / 2))];
    this.seated = new Array<boolean>(seats).fill(false);
  }

  /** The input that steers a player ship: its seat's. */
  inputOf(ship: Entity): InputState {
    return this.seats[ship.seat] ?? this.input;
  }

  /**
   * The player an enemy at `from` goes for: with one player, that player (alive or not, as `player`); in co-op the
   * nearest live ship, or null when none is alive.
   */
  playerNear(from: Point): Entity | null {
    if (!this.coop) return this.player;
    let best: Entity | null = null;
    let bestDistance = Infinity;
    for (const ship of this.players) {
      if (!ship.alive) continue;
      const d = detMath.hypot(ship.x - from.x, ship.y - from.y);
      if (d < bestDistance) {
        best = ship;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Simulated seconds. */
  get time(): number {
    return this.engine.time;
  }

  /** Hostile entities alive or dying. */
  get hostileCount(): number {
    return this.hostiles;
  }

  /** Creates an entity; it does nothing until a script runs on it (see `spawnEntity` in scripts/lifecycle.ts). */
  add(kind: Kind, x: number, y: number): Entity {
    const entity = new Entity(this.nextId++, kind, x, y, this.time);
    entity.slot = this.entities.push(entity) - 1;
    if (kind.stats.hostile) this.hostiles++;
    if (kind.name === 'player') {
      this.player = entity;
      this.players.push(entity);
    }
    return entity;
  }

  /** Records `thread` as the entity's own: killing the entity cancels it, and the inspector finds it. */
  bind(entity: Entity, thread: Thread): void {
    entity.thread = thread;
    this.owners.set(thread, entity);
  }

  /** The entity whose thread is registered as `name` (see `register`), while it is in the world; else null. */
  entityNamed(name: string): Entity | null {
    const thread = this.engine.whereis(name);
    return thread === null ? null : (this.owners.get(thread) ?? null);
  }

  /** Takes the entity out of the world. The last hostile going emits `waveCleared`. */
  remove(entity: Entity): void {
    if (entity.removed) return;
    entity.alive = false;
    entity.removed = true;
    const last = this.entities.pop()!;
    if (last !== entity) {
      this.entities[entity.slot] = last;
      last.slot = entity.slot;
    }
    if (entity.thread) this.owners.delete(entity.thread);
    const ship = this.players.indexOf(entity);
    if (ship >= 0) this.players.splice(ship, 1);
    if (entity.type.stats.hostile && --this.hostiles === 0) this.waveCleared.emit(this.wave);
  }

  /**
   * Hurts an entity; at zero health it is killed (and the player scores it). Armour and invulnerability
   * stop the damage: returns whether it was hurt.
   */
  damage(target: Entity, amount: number): boolean {
    if (!this.vulnerable(target)) return false;
    target.hp -= amount;
    target.hurtAt = this.time;
    this.score += target.type.stats.perHit;
    if (target.hp <= 0) this.kill(target, true);
    return true;
  }

  /** Whether damage would reach the entity now. */
  private vulnerable(target: Entity): boolean {
    if (!target.alive || target.invulnerable || target.armoured) return false;
    if (target.kind === 'player') return this.time - target.hurtAt >= PLAYER_MERCY;
    return this.time - target.bornAt >= SPAWN_GRACE;
  }

  /** Hurts a player (default: `player`) from `source`: knocks it away and shakes the camera. */
  hurtPlayer(source: Point, amount: number, player = this.player): void {
    if (!player || !this.damage(player, amount)) return;
    const away = angleTo(source, player);
    player.pushX = detMath.cos(away) * 420;
    player.pushY = detMath.sin(away) * 420;
    this.emit({ type: 'shake', amount: 9 });
    this.emit({ type: 'burst', x: player.x, y: player.y, color: 0xff3a5c, count: 14, speed: 220 });
  }

  /**
   * Kills an entity: it stops taking part at once, and its thread is cancelled, so the `finally` blocks of its
   * script play its death and remove it (scripts/lifecycle.ts). One whose script has no cleanup left to run (hot
   * reload holds its thread) is removed at once. `scored` adds its points.
   */
  kill(target: Entity, scored: boolean): void {
    if (!target.alive) return;
    target.alive = false;
    target.diedAt = this.time;
    const points = target.type.stats.points;
    if (scored && points > 0) this.addScore(target, points);
    target.thread?.cancel();
    if (target.scriptless) this.remove(target);
  }

  private addScore(at: Point, points: number): void {
    this.score += points;
    this.emit({ type: 'score', x: at.x, y: at.y, points });
  }

  /** Fires a player bullet (`enemy` false) or an enemy bullet from (x, y). */
  fire(enemy: boolean, x: number, y: number, angle: number, speed: number): Bullet {
    const bullet = enemy ? createBullet(x, y, angle, speed, 7) : createBullet(x, y, angle, speed, 5, 2);
    (enemy ? this.enemyShots : this.shots).push(bullet);
    return bullet;
  }

  /**
   * Appends an effect for the view, stamped with the current time. Past MAX_EVENTS the oldest goes: a world nobody
   * took effects from for long (a room re-simulating its log) still holds the latest, which its next view sends.
   */
  emit(event: GameEventInput): void {
    if (this.events.length >= MAX_EVENTS) this.events.shift();
    this.events.push({ ...event, time: this.time } as GameEvent);
  }

  /** Hands the pending effects to the view. */
  takeEvents(): GameEvent[] {
    return this.events.splice(0);
  }

  /** Whether the player (in co-op, the nearest live ship) is alive and within `radius` of `from`. */
  playerWithin(from: Point, radius: number): boolean {
    const player = this.playerNear(from);
    return player !== null && player.alive && within(from, player, radius);
  }

  /** Living entities of the kind named `kind` within `radius` of `from`. */
  nearby(from: Point, kind: string, radius: number): Entity[] {
    return this.entities.filter((e) => e.kind === kind && e.alive && within(from, e, radius));
  }

  /** The threads of an entity: its own thread and the threads under it, but not other entities' (a hive's brood). */
  threadsOf(entity: Entity): Thread[] {
    if (!entity.thread) return [];
    return liveThreadsUnder(entity.thread, (thread) => this.owners.has(thread));
  }

  /** The threads of the entity under (x, y), in arena units: the one whose centre is nearest. */
  threadsAt(x: number, y: number): Thread[] {
    let best: Entity | null = null;
    let bestDistance = Infinity;
    for (const entity of this.entities) {
      const d = detMath.hypot(entity.x - x, entity.y - y);
      if (d <= entity.radius + 6 && d < bestDistance) {
        best = entity;
        bestDistance = d;
      }
    }
    return best ? this.threadsOf(best) : [];
  }

  /** Asks for a new game: the game script cancels the run and starts another. */
  requestRestart(): void {
    this.restartRequested.emit();
  }

  /** Resets the score and the arena for a new run (the old run's threads have all ended by now). */
  beginRun(): void {
    // Normally every entity has removed itself by now. Not one whose thread was cancelled before it ever ran:
    // a generator that has not started has no `finally` to run, so its entity is swept here.
    for (const entity of [...this.entities]) this.remove(entity);
    this.owners.clear();
    this.shots.length = 0;
    this.enemyShots.length = 0;
    this.events.length = 0;
    this.player = null;
    this.players.length = 0;
    this.score = 0;
    this.wave = 0;
    this.gameOver = false;
    this.banner = null;
    this.hostiles = 0;
    this.runs++;
  }
}
