// A random program as data: fast-check generates and shrinks it, the interpreter runs it, `printProgram` shows it.
// Every wait is bounded (ticks, or signals and messages the host sends on a period), so every program ends.

/** Which thread a `cancel` or `send` names: the thread itself, its parent, one of its children, any thread. */
export type Target =
  | { kind: 'self' }
  | { kind: 'parent' }
  | { kind: 'child'; index: number }
  | { kind: 'any'; index: number };

export type Stmt =
  | { k: 'yield' }
  | { k: 'waitTicks'; ticks: number }
  /**
   * wait(predicate) holding `ticks` ticks after it began; the first time the engine checks it between resumes, it
   * cancels `cancels`, then throws if `throws`.
   */
  | { k: 'waitUntil'; ticks: number; cancels: Target | null; throws: boolean }
  | { k: 'waitSignal'; signal: number }
  | { k: 'emit'; signal: number }
  | { k: 'sleep'; ticks: number }
  | { k: 'spawn'; detached: boolean; body: Block }
  /** Joins one of the thread's own children (none yet: nothing happens). */
  | { k: 'join'; child: number }
  | { k: 'cancel'; target: Target }
  | { k: 'send'; target: Target }
  | { k: 'receive'; ticks: number | null }
  | { k: 'race'; branches: Block[] }
  | { k: 'all'; branches: Block[] }
  | { k: 'timeout'; ticks: number; body: Block }
  /** A sub-script: a `script()` frame, or a plain generator called with `yield*`. */
  | { k: 'call'; frame: boolean; body: Block }
  | { k: 'throw' }
  /** `yield* shield(...)` of a block, anywhere: a cancel landing meanwhile is thrown where it ends. */
  | { k: 'shield'; body: Block }
  /** `count` spawns in a row, each child running `body`: over a thousand threads ready in one tick. */
  | { k: 'crowd'; count: number; body: Block }
  | { k: 'try'; body: Block; handler: Handler | null; cleanup: Cleanup | null }
  /** A selective receive: the oldest message of one kind (see {@link MatchKind}), the others left queued. */
  | { k: 'receiveMatch'; match: MatchKind; ticks: number | null }
  /** Names `n<name>` and groups `g<group>`: register, whereis, sendTo; joinGroup, members, broadcast. */
  | { k: 'register'; name: number }
  | { k: 'whereis'; name: number }
  | { k: 'sendName'; name: number }
  | { k: 'joinGroup'; group: number }
  | { k: 'members'; group: number }
  | { k: 'broadcast'; group: number }
  | { k: 'monitor'; target: Target }
  /** Removes one of the monitors the thread made (none yet: nothing happens). */
  | { k: 'demonitor'; index: number }
  /** `call` of one of the thread's own children, waiting `ticks` for the reply (no child yet: nothing happens). */
  | { k: 'callChild'; child: number; ticks: number }
  /** Replies to the oldest request the thread received and has not answered (none: nothing happens). */
  | { k: 'reply' }
  | { k: 'sendAfter'; ticks: number; target: Target }
  /**
   * A supervisor, a child of the thread (not one `child[i]` names), keeping `children` alive: at most `intensity`
   * restarts within `period` ticks, each `delay` ticks after the child ended.
   */
  | { k: 'supervise'; strategy: Strategy; intensity: number; period: number; delay: number; children: SupervisedBlock[] };

export type Strategy = 'one-for-one' | 'one-for-all' | 'rest-for-one';

/** A supervised child: its restart type and its code. */
export interface SupervisedBlock {
  restart: 'permanent' | 'transient' | 'temporary';
  body: Block;
}

/**
 * What a selective receive takes: a message of a program's send (`send#n`), of the host (`host#n`, `tick#n`), of a
 * sendAfter (`after#n`), a call's request, or a monitor's Down.
 */
export type MatchKind = 'send' | 'tick' | 'after' | 'request' | 'down';

/** A catch: it runs `body`; with `rethrow`, it then throws again what it caught. Cancellations pass untouched. */
export interface Handler {
  rethrow: boolean;
  body: Block;
}

/** A finally, its body wrapped in `shield(...)` or not. */
export interface Cleanup {
  shielded: boolean;
  body: Block;
}

export type Block = Stmt[];

/** What the host does between two ticks. */
export type HostAction =
  | { k: 'cancel'; thread: number }
  | { k: 'emit'; signal: number }
  | { k: 'send'; thread: number }
  /**
   * A hot reload of the script every thread runs, or of the `script()` sub-script: a new version with the same code,
   * or a broken one that throws as it begins (until the next reload).
   */
  | { k: 'reload'; script: 'thread' | 'sub'; broken: boolean };

export interface Program {
  /** Root threads, spawned by the host before the first tick. */
  roots: Block[];
  /** Host actions, each before the tick it names (1-based). */
  host: { tick: number; action: HostAction }[];
}

/** The number of signals programs wait on; the host emits each one every {@link HOST_PERIOD} ticks. */
export const SIGNALS = 2;
/** Every this many ticks the host emits every signal and sends a message to every live thread. */
export const HOST_PERIOD = 3;

/** The program as indented, readable text: what a counterexample prints. */
export function printProgram(program: Program): string {
  const lines: string[] = [];
  program.roots.forEach((root, i) => {
    lines.push(`root ${i} {`);
    printBlock(root, 1, lines);
    lines.push('}');
  });
  for (const { tick, action } of program.host) lines.push(`host before tick ${tick}: ${printHost(action)}`);
  return lines.join('\n');
}

function printBlock(block: Block, depth: number, lines: string[]): void {
  for (const stmt of block) printStmt(stmt, depth, lines);
}

function printStmt(stmt: Stmt, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  const nested = (head: string, body: Block, at = depth): void => {
    lines.push(`${'  '.repeat(at)}${head} {`);
    printBlock(body, at + 1, lines);
    lines.push(`${'  '.repeat(at)}}`);
  };
  switch (stmt.k) {
    case 'spawn': return nested(stmt.detached ? 'spawn detached' : 'spawn', stmt.body);
    case 'call': return nested(stmt.frame ? 'call script()' : 'call plain yield*', stmt.body);
    case 'timeout': return nested(`timeout ${stmt.ticks} ticks`, stmt.body);
    case 'shield': return nested('shield', stmt.body);
    case 'crowd': return nested(`crowd of ${stmt.count}`, stmt.body);
    case 'supervise':
      lines.push(`${pad}supervise ${stmt.strategy}, at most ${stmt.intensity} restarts in ${stmt.period} ticks, after ${stmt.delay} ticks (`);
      stmt.children.forEach((child) => nested(`child ${child.restart}`, child.body, depth + 1));
      lines.push(`${pad})`);
      return;
    case 'race':
    case 'all':
      lines.push(`${pad}${stmt.k} (`);
      stmt.branches.forEach((branch) => nested('branch', branch, depth + 1));
      lines.push(`${pad})`);
      return;
    case 'try':
      lines.push(`${pad}try {`);
      printBlock(stmt.body, depth + 1, lines);
      if (stmt.handler) {
        lines.push(`${pad}} catch${stmt.handler.rethrow ? ' and rethrow' : ''} {`);
        printBlock(stmt.handler.body, depth + 1, lines);
      }
      if (stmt.cleanup) {
        lines.push(`${pad}} finally${stmt.cleanup.shielded ? ' shield' : ''} {`);
        printBlock(stmt.cleanup.body, depth + 1, lines);
      }
      lines.push(`${pad}}`);
      return;
    default:
      lines.push(pad + printLeaf(stmt));
  }
}

function printLeaf(stmt: Stmt): string {
  switch (stmt.k) {
    case 'yield': return 'yield';
    case 'waitTicks': return `wait(${stmt.ticks})`;
    case 'waitUntil': {
      const cancels = stmt.cancels ? `, cancelling ${printTarget(stmt.cancels)}` : '';
      return `wait(until +${stmt.ticks} ticks${cancels}${stmt.throws ? ', then throwing' : ''})`;
    }
    case 'waitSignal': return `wait(signal s${stmt.signal})`;
    case 'emit': return `emit s${stmt.signal}`;
    case 'sleep': return `sleep(${stmt.ticks} ticks)`;
    case 'join': return `join child[${stmt.child}]`;
    case 'cancel': return `cancel ${printTarget(stmt.target)}`;
    case 'send': return `send to ${printTarget(stmt.target)}`;
    case 'receive': return stmt.ticks === null ? 'receive()' : `receive(${stmt.ticks} ticks)`;
    case 'throw': return 'throw new Error';
    case 'receiveMatch': return `receive(${stmt.match}${stmt.ticks === null ? '' : `, ${stmt.ticks} ticks`})`;
    case 'register':
    case 'whereis':
    case 'sendName': return `${stmt.k} n${stmt.name}`;
    case 'joinGroup':
    case 'members':
    case 'broadcast': return `${stmt.k} g${stmt.group}`;
    case 'monitor': return `monitor ${printTarget(stmt.target)}`;
    case 'demonitor': return `demonitor monitor[${stmt.index}]`;
    case 'callChild': return `call child[${stmt.child}] for ${stmt.ticks} ticks`;
    case 'sendAfter': return `sendAfter ${stmt.ticks} ticks to ${printTarget(stmt.target)}`;
    default: return stmt.k;
  }
}

function printTarget(target: Target): string {
  switch (target.kind) {
    case 'self': return 'self';
    case 'parent': return 'parent';
    case 'child': return `child[${target.index}]`;
    case 'any': return `thread[${target.index}]`;
  }
}

function printHost(action: HostAction): string {
  switch (action.k) {
    case 'cancel': return `cancel thread[${action.thread}]`;
    case 'emit': return `emit s${action.signal}`;
    case 'send': return `send to thread[${action.thread}]`;
    case 'reload': return `reload the ${action.script === 'thread' ? 'thread script' : 'script() sub-script'}${action.broken ? ' with code that throws' : ''}`;
  }
}
