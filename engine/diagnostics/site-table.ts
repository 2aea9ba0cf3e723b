import { Site } from './call-site.ts';

type CaptureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown) => void;

/** The part of V8's structured call site (the stack trace API's CallSite) that tells one place from another. */
interface CallSiteInfo {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

type PrepareStackTrace = (error: Error, trace: CallSiteInfo[]) => unknown;

// Hands over the captured frame as V8 gives it, unprinted: printing the stack is most of what a capture costs.
const firstFrame: PrepareStackTrace = (_error, trace) => trace[0];

/**
 * An engine's call sites, one per place in the source: a thread or frame keeps a pointer to a shared
 * site, not a captured stack of its own. A capture reads the place as numbers from V8's structured stack (file,
 * line, column) and prints its line only the first time the place is seen.
 */
export class SiteTable {
  // By file, then by line and column as one number.
  private readonly files = new Map<string | null | undefined, Map<number, Site>>();
  // The site of the spawn op a thread is starting, with `'frames'`: kept in the spawner's extra instead, it would
  // cost an extra to every thread that spawns but has none. The spawn takes it; a spawn that fails leaves it.
  private spawner: object | null = null;
  private spawnSite: Site | null = null;
  // The site a build step told for the op about to be started (see atSite): its iterator takes it at once.
  private placed: Site | null = null;

  /** Holds `site` for the op whose iterator runs next (see takePlaced). */
  place(site: Site): void {
    this.placed = site;
  }

  /** The site held for the op now starting, once; null if none is. */
  takePlaced(): Site | null {
    const site = this.placed;
    this.placed = null;
    return site;
  }

  /** Holds `site` for the spawn `thread` is starting (see takeSpawn). */
  noteSpawn(thread: object, site: Site | null): void {
    this.spawner = thread;
    this.spawnSite = site;
  }

  /** The site held for a spawn by `thread`, if any; null otherwise. */
  spawnSiteOf(thread: object): Site | null {
    return this.spawner === thread ? this.spawnSite : null;
  }

  /** The site held for a spawn by `thread`, once; null if none is. */
  takeSpawn(thread: object): Site | null {
    const site = this.spawnSiteOf(thread);
    this.spawner = null;
    this.spawnSite = null;
    return site;
  }

  /**
   * The site of the function that called `callee`, or null where the runtime cannot capture one: only V8 has
   * `Error.captureStackTrace` with a frame to start below, and a structured stack.
   */
  capture(callee: (...args: never[]) => unknown): Site | null {
    const frame = this.captured(callee, firstFrame);
    if (!isCallSite(frame)) return null;
    const file = frame.getFileName();
    const place = (frame.getLineNumber() ?? 0) * 2 ** 32 + (frame.getColumnNumber() ?? 0);
    let sites = this.files.get(file);
    if (sites === undefined) {
      sites = new Map();
      this.files.set(file, sites);
    }
    let site = sites.get(place);
    if (site === undefined) {
      // Printed by the runtime's own hook, once: it maps the line to its source where a source map is loaded.
      const printed = this.captured(callee, undefined);
      site = new Site(typeof printed === 'string' ? printed : `    at ${String(frame)}`);
      sites.set(place, site);
    }
    return site;
  }

  // The stack of one frame below `callee`, as `hook` makes it (the runtime's own hook if undefined).
  private captured(callee: (...args: never[]) => unknown, hook: PrepareStackTrace | undefined): unknown {
    // Not every runtime has these (only V8 does), whatever the DOM or Node typings say.
    const runtime = Error as unknown as { captureStackTrace?: CaptureStackTrace; prepareStackTrace?: PrepareStackTrace };
    const capture = runtime.captureStackTrace;
    if (capture === undefined) return undefined;
    // The limit and the hook are the runtime's, shared: they are set for this one capture and put back at once.
    const limit = Error.stackTraceLimit;
    const prepare = runtime.prepareStackTrace;
    Error.stackTraceLimit = 1;
    if (hook !== undefined) runtime.prepareStackTrace = hook;
    // A fresh holder each time: a kept one would hold the last frame V8 captured, with the objects it refers to.
    const holder: { stack?: unknown } = {};
    capture(holder, callee);
    const stack = holder.stack;
    if (hook !== undefined) runtime.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
    return stack;
  }
}

function isCallSite(frame: unknown): frame is CallSiteInfo {
  return typeof frame === 'object' && frame !== null && typeof (frame as Partial<CallSiteInfo>).getLineNumber === 'function';
}
