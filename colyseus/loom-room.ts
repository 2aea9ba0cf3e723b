import { Room, type Client } from '@colyseus/core';
import { encodeRecording, type Recording, type Simulation } from 'loom-threads';
import { FixedStep } from './fixed-step.ts';
import { InputGate, type InputGateOptions } from './input-gate.ts';
import { decodeInput, isProblem, type InputProblem } from './input-wire.ts';
import type { RoomGame } from './room-game.ts';
import type { RoomInspection } from './room-inspection.ts';
import { RoomSession, type RoomScriptError, type RoomSessionOptions } from './room-session.ts';
import { INPUT_REJECTED, RECORDING_REFUSED } from './error-codes.ts';
import type { SeatMessage } from './seat-message.ts';
import { encodeViewFrame } from './view-frame.ts';

/** How a Loom room runs; {@link defineLoomRoom} bakes it into a room class, so no client can change it. */
export interface LoomRoomSettings<S extends Simulation = Simulation> {
  game: RoomGame<S>;
  /** Ticks per second. Default 60. */
  tickRate?: number;
  /** Ticks between views sent to clients. Default 2 (30 views a second at 60 ticks). */
  viewEvery?: number;
  /** Seconds a dropped client has to reconnect before its seat is given up. Default 10. */
  graceSeconds?: number;
  /** The most ticks one simulation interval runs after a stall (the rest are dropped and counted). Default 4. */
  maxCatchUp?: number;
  /** Each client's rate budget. */
  gate?: InputGateOptions;
  /** The largest input message looked at; larger is refused unread. Default 64 bytes. */
  maxInputBytes?: number;
  /** Ticks between two error messages of the same kind to one client (the drops are all counted). Default 60. */
  errorEvery?: number;
  /** `real` (default): the room ticks on its own. `manual`: only `step()` ticks it (tests). */
  clock?: 'real' | 'manual';
  /** Where script failures go. Default: printed with the room id and the script stack. */
  onScriptError?: (failure: RoomScriptError) => void;
  /**
   * Lets the inspector read this room's threads through the inspection endpoint (`startInspection`), which owns
   * this registry. A development setting: off (undefined) by default, and a game client can never reach it. The
   * room's engine then records where each thread waits (`callSites: 'waits'`), unless its call sites are off.
   */
  inspect?: RoomInspection;
  /** Called with the room's recording when it is disposed (save it to replay the room). */
  onRecording?: (roomId: string, recording: Recording) => void;
  /** Seconds a client waits between two requests for the room's recording (`'recording'`). Default 5. */
  recordingEvery?: number;
  /** The largest recording sent to a client, encoded; a larger one is refused. Default 8 MiB. */
  maxRecordingBytes?: number;
}

/** Per-client state, kept across a reconnection (Colyseus copies `userData` to the new client). */
interface Seated {
  seat: number;
  gate: InputGate;
  lastError: Partial<Record<InputProblem['kind'], number>>;
  /** The tick its last recording was sent at. */
  recordingAt: number;
}

/** What a room counts: for the HUD, the bench and the tests. */
export interface LoomRoomStats {
  viewsSent: number;
  /** Bytes of views put on the wire, summed over clients, Colyseus's framing included. */
  viewBytes: number;
  rejected: Record<InputProblem['kind'], number>;
  inputs: number;
}

const SEED_LIMIT = 2 ** 32;
/** The most bytes a ping carries (a client's timestamp). */
const PING_BYTES = 16;

/**
 * A Colyseus room hosting one Loom engine: it runs the game at a fixed step (`FixedStep` over Colyseus's simulation
 * interval), takes each client's input as bytes (`'input'`), checks it (type, size, shape, rate) and queues it for
 * the next tick, sends every client the game's view every `viewEvery` ticks (`'view'`), answers `'ping'` with
 * `'pong'` (the same bytes) and `'recording'` with the room's recording so far (a save), and records everything
 * through its session's `Recorder`. A dropped client keeps its seat for `graceSeconds` (Colyseus's
 * `allowReconnection`); after that the game removes its player. Make one with {@link defineLoomRoom}.
 *
 * @example
 * ```ts
 * const server = new Server({ transport: new WebSocketTransport() });
 * server.define('arena', defineLoomRoom({ game: dots }));
 * await server.listen(2567, '127.0.0.1');
 * ```
 */
export abstract class LoomRoom<S extends Simulation = Simulation> extends Room {
  protected abstract readonly settings: LoomRoomSettings<S>;
  /** The room's simulation and recorder. */
  session!: RoomSession<S>;
  /** The accumulator: ticks run and ticks dropped. */
  fixedStep!: FixedStep;
  readonly stats: LoomRoomStats = { viewsSent: 0, viewBytes: 0, rejected: { oversized: 0, malformed: 0, flooding: 0 }, inputs: 0 };

  override onCreate(options: { seed?: unknown } = {}): void {
    const { game } = this.settings;
    const tickRate = this.settings.tickRate ?? 60;
    const seed = typeof options.seed === 'number' && Number.isInteger(options.seed) && options.seed >= 0 && options.seed < SEED_LIMIT
      ? options.seed
      : crypto.getRandomValues(new Uint32Array(1))[0]!;
    this.session = this.createSession(options, seed, tickRate);
    this.fixedStep = new FixedStep({ tickRate, maxCatchUp: this.settings.maxCatchUp });
    this.maxClients = game.seats;
    // No Colyseus state: the view goes out as bytes each `viewEvery` ticks, not as schema patches.
    this.patchRate = 0;
    this.onMessage('input', (client: Client, message: unknown) => this.receiveInput(client, message));
    this.onMessage('ping', (client: Client, message: unknown) => this.answerPing(client, message));
    this.onMessage('recording', (client: Client) => this.sendRecording(client));
    this.onMessage('*', (client: Client, type: string | number) => this.reject(client, { kind: 'malformed', detail: `unknown message type '${String(type)}'` }));
    if (this.settings.clock !== 'manual') this.setSimulationInterval((elapsedMs) => this.advance(elapsedMs), this.fixedStep.stepMs);
    this.settings.inspect?.add(this);
  }

  override onJoin(client: Client): void {
    const seat = this.session.takeSeat();
    if (seat === null) throw new Error(`room ${this.roomId} is full (${this.settings.game.seats} seats)`);
    this.seatClient(client, seat);
  }

  /** Builds the room's session; a subclass may build it another way (a room rebuilt from its log). */
  protected createSession(_options: object, seed: number, tickRate: number): RoomSession<S> {
    return new RoomSession(this.settings.game, this.sessionOptions(seed, tickRate));
  }

  /** The session's options from the room's settings: an inspected room's threads show where they wait. */
  protected sessionOptions(seed: number, tickRate: number): RoomSessionOptions {
    return { roomId: this.roomId, seed, tickRate, onScriptError: this.settings.onScriptError, waitSites: this.settings.inspect !== undefined };
  }

  /** Gives `client` the taken seat `seat`: its rate budget, and the seat message. */
  protected seatClient(client: Client, seat: number): void {
    const seated: Seated = { seat, gate: new InputGate(this.settings.gate), lastError: {}, recordingAt: -Infinity };
    client.userData = seated;
    const welcome: SeatMessage = {
      seat, roomId: this.roomId, tickRate: this.settings.tickRate ?? 60, viewEvery: this.viewEvery, seats: this.settings.game.seats,
      seed: this.session.seed, graceSeconds: this.graceSeconds,
    };
    client.send('seat', welcome);
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const seated = client.userData as Seated | undefined;
    if (seated === undefined) return;
    if (consented) {
      this.session.freeSeat(seated.seat);
      return;
    }
    this.session.idleSeat(seated.seat);
    try {
      await this.allowReconnection(client, this.graceSeconds);
    } catch {
      this.session.freeSeat(seated.seat);
    }
  }

  override onDispose(): void {
    this.settings.inspect?.remove(this);
    this.settings.onRecording?.(this.roomId, this.session.recording());
  }

  /** Feeds wall-clock milliseconds to the accumulator: runs the whole ticks due. */
  advance(elapsedMs: number): number {
    return this.fixedStep.advance(elapsedMs, () => this.runTick());
  }

  /** Runs `ticks` ticks now, whatever the clock (tests step a `manual` room this way). */
  step(ticks = 1): void {
    for (let i = 0; i < ticks; i++) this.runTick();
  }

  private get graceSeconds(): number {
    return this.settings.graceSeconds ?? 10;
  }

  private get viewEvery(): number {
    return this.settings.viewEvery ?? 2;
  }

  /** One tick: the session steps, and every `viewEvery` ticks the view goes out. */
  protected runTick(): void {
    this.session.step();
    if (this.session.tick % this.viewEvery === 0) this.sendView();
  }

  private sendView(): void {
    const frame = encodeViewFrame(this.session.tick, this.session.seatAcks(), this.settings.game.view(this.session.sim, this.session.tick - this.viewEvery));
    this.broadcast('view', frame);
    this.stats.viewsSent++;
    // The protocol byte, the type's length and 'view': Colyseus's framing of a bytes message.
    this.stats.viewBytes += (frame.byteLength + 6) * this.clients.length;
  }

  private receiveInput(client: Client, message: unknown): void {
    const seated = client.userData as Seated | undefined;
    if (seated === undefined) return;
    if (!seated.gate.admit(this.session.tick)) {
      this.reject(client, { kind: 'flooding', detail: `more than ${seated.gate.burst} inputs in a burst, or ${seated.gate.perTick} a tick` });
      return;
    }
    const decoded = decodeInput(message, this.settings.game.input, this.settings.maxInputBytes ?? 64);
    if (isProblem(decoded)) {
      this.reject(client, decoded);
      return;
    }
    this.stats.inputs++;
    this.session.queue(seated.seat, decoded.seq, decoded.values);
  }

  // A client measures its round trip: the bytes come back as 'pong' at once. It spends from the same budget.
  private answerPing(client: Client, message: unknown): void {
    const seated = client.userData as Seated | undefined;
    if (seated === undefined) return;
    if (!seated.gate.admit(this.session.tick)) this.reject(client, { kind: 'flooding', detail: `more than ${seated.gate.burst} messages in a burst, or ${seated.gate.perTick} a tick` });
    else if (!(message instanceof Uint8Array) || message.byteLength > PING_BYTES) this.reject(client, { kind: 'malformed', detail: `a ping is at most ${PING_BYTES} bytes` });
    else client.sendBytes('pong', message);
  }

  // A save of the room, for a seated client: the recording so far, encoded as `npm run replay` reads it. Encoding a
  // long room costs the tick it happens in, so each client may ask once every `recordingEvery` seconds.
  private sendRecording(client: Client): void {
    const seated = client.userData as Seated | undefined;
    if (seated === undefined) return;
    const tick = this.session.tick;
    const every = Math.round((this.settings.recordingEvery ?? 5) * (this.settings.tickRate ?? 60));
    const refuse = (why: string): void => client.error(RECORDING_REFUSED, `room ${this.roomId}: recording for client ${client.sessionId} refused: ${why}`);
    if (tick - seated.recordingAt < every) return refuse(`one every ${this.settings.recordingEvery ?? 5} s`);
    seated.recordingAt = tick;
    const bytes = encodeRecording(this.session.recording());
    const most = this.settings.maxRecordingBytes ?? 8 * 1024 * 1024;
    if (bytes.byteLength > most) return refuse(`${bytes.byteLength} bytes, the most sent is ${most}`);
    client.sendBytes('recording', bytes);
  }

  // The message is dropped; the client hears why, at most once per `errorEvery` ticks for each kind of problem.
  private reject(client: Client, problem: InputProblem): void {
    this.stats.rejected[problem.kind]++;
    const seated = client.userData as Seated | undefined;
    const tick = this.session.tick;
    const last = seated?.lastError[problem.kind];
    if (last !== undefined && tick - last < (this.settings.errorEvery ?? 60)) return;
    if (seated) seated.lastError[problem.kind] = tick;
    client.error(INPUT_REJECTED, `room ${this.roomId}: input from client ${client.sessionId} dropped (${problem.kind}): ${problem.detail}`);
  }
}

/**
 * Makes a room class for a game, to `define` on a Colyseus server. The settings are the server's: a client's join
 * options can set only the seed.
 *
 * @example
 * ```ts
 * server.define('arena', defineLoomRoom({ game: dots, graceSeconds: 5 }));
 * ```
 */
export function defineLoomRoom<S extends Simulation>(settings: LoomRoomSettings<S>): new () => LoomRoom<S> {
  return class extends LoomRoom<S> {
    protected readonly settings = settings;
  };
}
