/**
 * Which call sites the engine captures while scripts run, for script stack traces and the inspector:
 * - `'off'`: none, the default. Frames are still named; lines come only from a thrown error's own stack.
 * - `'frames'`: where each sub-script was called (`yield* walkTo(...)`, `shield(...)`) and where each thread was
 *   spawned, so a failure shows the line of every frame: the setting for development.
 * - `'waits'`: also where each wait was started (`yield* sleep(0.6)`), so the inspector shows where a thread is parked.
 */
export type CallSites = 'off' | 'frames' | 'waits';

/** @internal The modes as the hot paths compare them. */
export const CallSiteMode = { off: 0, frames: 1, waits: 2 } as const;

/**
 * @internal One captured call site: V8 (Chrome, Node) fills `stack` with one line, formatted only when first read,
 * so a site that is never printed costs the capture alone.
 */
export interface Site {
  readonly stack?: string;
}

/** A position in a source file, from a stack line. `file` is a path or a URL, as the runtime printed it. */
export interface SourcePosition {
  /** The function's name, as the runtime printed it; '' if it had none. */
  fn: string;
  file: string;
  line: number;
  column: number;
}

type CaptureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown) => void;

/**
 * @internal The call site of the function that called `callee`: a one-line stack, or null where the runtime
 * cannot capture one (only V8 has `Error.captureStackTrace` with a frame to start below).
 */
export function captureSite(callee: (...args: never[]) => unknown): Site | null {
  const capture = (Error as { captureStackTrace?: CaptureStackTrace }).captureStackTrace;
  if (capture === undefined) return null;
  // The limit is the runtime's, shared: it is set for this one capture and put back at once.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  const site: { stack?: string } = {};
  capture(site, callee);
  Error.stackTraceLimit = limit;
  return site;
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

/** @internal The position a site holds, parsed; null if it has none. */
export function sitePosition(site: Site | null): SourcePosition | null {
  const lines = site?.stack?.split('\n') ?? [];
  for (const line of lines) {
    const position = parseStackLine(line);
    if (position !== null) return position;
  }
  return null;
}
