/**
 * Which call sites the engine captures while scripts run, for script stack traces and the inspector:
 * - `'off'`: none, the default in production. Frames are still named; lines come only from a thrown error's own
 *   stack.
 * - `'frames'`: where each sub-script was called (`yield* walkTo(...)`, `shield(...)`) and where each thread was
 *   spawned, so a failure shows the line of every frame: the default in development.
 * - `'waits'`: also where each wait was started (`yield* sleep(0.6)`), so the inspector shows where a thread is parked.
 */
export type CallSites = 'off' | 'frames' | 'waits';

// Only what defaultCallSites reads: engine/ runs in browsers too, and types nothing else of Node's.
declare const process: { readonly env: Readonly<Record<string, string | undefined>> };

/**
 * The engine's default {@link CallSites}: `'off'` in production, `'frames'` otherwise. Production is told as React
 * and most libraries tell it, by `process.env.NODE_ENV === 'production'`: bundlers (Vite, webpack, esbuild, Rollup
 * with its replace plugin) write that into a production build, and Node reads it from the environment.
 *
 * @example
 * ```ts
 * // NODE_ENV=production node server.js: 'off'; in `vite` or `vitest`: 'frames'
 * console.log(defaultCallSites());
 * ```
 */
export function defaultCallSites(): CallSites {
  try {
    // Written out whole for bundlers to replace; a page with no bundler has no `process`, and the read throws.
    return process.env.NODE_ENV === 'production' ? 'off' : 'frames';
  } catch {
    return 'frames';
  }
}

/** The modes as the hot paths compare them. */
export const CallSiteMode = { off: 0, frames: 1, waits: 2 } as const;

/** A position in a source file, from a stack line. `file` is a path or a URL, as the runtime printed it. */
export interface SourcePosition {
  /** The function's name, as the runtime printed it; '' if it had none. */
  fn: string;
  file: string;
  line: number;
  column: number;
  /**
   * True where the position is the source's as written, told by a build step ({@link atSite}) rather than read from
   * the runtime's stack: no source map applies to it. Absent otherwise.
   */
  original?: true;
}

// `    at fn (file:line:col)`, `    at file:line:col`, `    at async fn (file:line:col)`; V8's format.
const V8_LINE = /^\s*at (?:(.*?) \()?(.+?):(\d+):(\d+)\)?$/;
// `fn@file:line:col`: Firefox and Safari.
const GECKO_LINE = /^(.*?)@(.+?):(\d+):(\d+)$/;

/** Parses one line of an `Error.stack`; null for lines with no position (`at Generator.next (<anonymous>)`). */
export function parseStackLine(text: string): SourcePosition | null {
  const match = V8_LINE.exec(text) ?? GECKO_LINE.exec(text);
  if (match === null) return null;
  return { fn: match[1] ?? '', file: match[2]!, line: Number(match[3]), column: Number(match[4]) };
}

/**
 * One call site: a place in the source (file, line, column) where a sub-script was called, a thread
 * spawned or a wait started. An engine keeps one per place (see SiteTable), shared by every frame and thread that
 * came from it, and parses it only when first read.
 *
 * @example
 * ```ts
 * const site = sourceSite('http://localhost:5173/game/scripts/grunt.ts', 12, 10, 'grunt');
 * site.position; // { fn: 'grunt', file: 'http://localhost:5173/game/scripts/grunt.ts', line: 12, column: 10, original: true }
 * ```
 */
export class Site {
  private parsed: SourcePosition | null | undefined = undefined;

  constructor(
    /** The stack the runtime printed for it: one `at` line, after a headline if the runtime wrote one. */
    readonly stack: string,
    /** Whether `stack` names the source as written (see {@link SourcePosition.original}). */
    readonly original = false,
  ) {}

  /** The position it names; null if the runtime printed none. Frozen: every trace through this place shares it. */
  get position(): SourcePosition | null {
    if (this.parsed === undefined) {
      const position = firstPosition(this.stack);
      if (position !== null && this.original) position.original = true;
      this.parsed = position === null ? null : Object.freeze(position);
    }
    return this.parsed;
  }
}

/** The position a site holds, parsed; null if it has none. */
export function sitePosition(site: Site | null): SourcePosition | null {
  return site === null ? null : site.position;
}

function firstPosition(stack: string): SourcePosition | null {
  for (const line of stack.split('\n')) {
    const position = parseStackLine(line);
    if (position !== null) return position;
  }
  return null;
}
