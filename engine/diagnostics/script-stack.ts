import { parseStackLine, sitePosition, type Site, type SourcePosition } from './call-site.ts';
import { ELIDED, MAX_ANCESTRY, type Spawning } from './spawnings.ts';

/** One frame of a script stack: a script, a sub-script or a plain function, and where it is in its source. */
export interface ScriptFrame {
  /** The script's or function's name. */
  name: string;
  /**
   * Where it is: for the innermost frames, the line that threw (or where the thread waits); for the others, the
   * call of the frame above. Null where no call site was captured (see `EngineOptions.callSites`).
   */
  at: SourcePosition | null;
}

/** A frame the engine owns, as recorded: its script's name and where it called the frame above. */
export interface RecordedFrame {
  readonly name: string;
  readonly site: Site | null;
}

/**
 * The logical stack of a thread's script across its sub-scripts, innermost first, and how the thread was spawned.
 * A failed thread carries the one of its failure (`thread.scriptStack`, and `scriptStack` on the
 * {@link ThreadFailedError} or {@link ChildFailedError} its observer gets); the engine's own frames are left out,
 * and the error's native `stack` is untouched. Lines are parsed only when first read.
 *
 * @example
 * ```ts
 * engine.onError = (error, thread) => console.log(String(thread.scriptStack));
 * // at walkTo (game/scripts/grunt.ts:71:11)
 * // at patrol (game/scripts/grunt.ts:60:14)
 * // at grunt (game/scripts/grunt.ts:42:7)
 * // in #812 grunt ← spawned by #5 director at game/scripts/director.ts:88:24
 * ```
 */
export class ScriptStack {
  private parsed: ScriptFrame[] | null = null;

  /** @internal Made by the engine. `recorded` is bottom first; `top` is where the top frame waits, if known. */
  constructor(
    /** The thread's label. */
    readonly thread: string,
    private readonly recorded: readonly RecordedFrame[],
    private readonly top: Site | null,
    /** What was thrown, for a failure's stack; undefined for a live thread's. */
    readonly error: unknown,
    private readonly spawning: Spawning,
  ) {}

  /** The frames, innermost first. */
  get frames(): readonly ScriptFrame[] {
    return (this.parsed ??= this.parse());
  }

  /**
   * The thread and its spawners, innermost first, each with where it spawned the one before:
   * `#812 grunt ← spawned by #5 director at director.ts:88 ← spawned by the host at main.ts:12`.
   */
  get ancestry(): string {
    return this.ancestryText(formatPosition);
  }

  /** {@link ancestry}, with positions written by `where` (a source-mapped form, say). */
  ancestryText(where: (at: SourcePosition) => string): string {
    let text = label(this.spawning);
    let record: Spawning | null = this.spawning;
    for (let shown = 0; record !== null; shown++) {
      if (shown === MAX_ANCESTRY || record.by === ELIDED) return `${text} ← ...`;
      const at = sitePosition(record.site);
      const place = at === null ? '' : ` at ${where(at)}`;
      if (record.by !== null) text += ` ← spawned by ${label(record.by)}${place}`;
      else if (place !== '') text += ` ← spawned by the host${place}`;
      record = record.by;
    }
    return text;
  }

  /** The frames one a line, `at name (file:line:column)`, then the ancestry. */
  toString(): string {
    const lines = this.frames.map((frame) => `    at ${frame.name}${frame.at === null ? '' : ` (${formatPosition(frame.at)})`}`);
    lines.push(`    in ${this.ancestry}`);
    return lines.join('\n');
  }

  private parse(): ScriptFrame[] {
    const recorded = this.recorded;
    const frames: ScriptFrame[] = [];
    const topName = recorded[recorded.length - 1]!.name;
    const own = ownPositions(this.error, topName);
    if (own.length > 0) {
      for (const at of own) frames.push({ name: at.fn || topName, at });
      frames[frames.length - 1]!.name = topName;
    } else frames.push({ name: topName, at: sitePosition(this.top) });
    for (let depth = recorded.length - 2; depth >= 0; depth--) {
      const frame = recorded[depth]!;
      frames.push({ name: frame.name, at: sitePosition(frame.site) });
    }
    return frames;
  }
}

// `#id name`, as Thread.label prints it.
function label(record: Spawning): string {
  return `#${record.id} ${record.name}`;
}

/** `file:line:column`. */
export function formatPosition(at: SourcePosition): string {
  return `${at.file}:${at.line}:${at.column}`;
}

// The positions of the thrown error's own stack down to the top frame's script (the plain functions it called
// come first), or none if its script is not there: the error was made elsewhere, by the engine say.
function ownPositions(error: unknown, script: string): SourcePosition[] {
  const stack = error instanceof Error ? error.stack : undefined;
  if (typeof stack !== 'string') return [];
  const positions: SourcePosition[] = [];
  for (const line of stack.split('\n')) {
    const at = parseStackLine(line);
    if (at === null) continue;
    positions.push(at);
    // A script called as a method is named by V8 as `Object.grunt [as script]` (hot reload restarts it so).
    const fn = at.fn.replace(/ \[as [^\]]*\]$/, '');
    if (fn === script || fn.endsWith(`.${script}`)) return positions;
  }
  return [];
}
