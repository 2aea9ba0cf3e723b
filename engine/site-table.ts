import { Site } from './call-site.ts';

type CaptureStackTrace = (target: object, constructorOpt?: (...args: never[]) => unknown) => void;

/**
 * @internal An engine's call sites, one per distinct line of source: a thread or frame keeps a pointer to a shared
 * site, not a captured stack of its own. Keyed by the printed stack of a one-frame capture, so the key is what
 * identifies the line and nothing is parsed until a site is read.
 */
export class SiteTable {
  private readonly sites = new Map<string, Site>();
  // One object captured into again and again: nothing captured outlives the capture but the printed text.
  private readonly holder: { stack?: unknown } = {};

  /**
   * The site of the function that called `callee`, or null where the runtime cannot capture one (only V8 has
   * `Error.captureStackTrace` with a frame to start below) or prints no text (a user's `Error.prepareStackTrace`).
   */
  capture(callee: (...args: never[]) => unknown): Site | null {
    const capture = (Error as { captureStackTrace?: CaptureStackTrace }).captureStackTrace;
    if (capture === undefined) return null;
    // The limit is the runtime's, shared: it is set for this one capture and put back at once.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 1;
    capture(this.holder, callee);
    Error.stackTraceLimit = limit;
    const text = this.holder.stack;
    if (typeof text !== 'string') return null;
    let site = this.sites.get(text);
    if (site === undefined) {
      site = new Site(text);
      this.sites.set(text, site);
    }
    return site;
  }
}
