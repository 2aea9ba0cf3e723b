import { Op } from '../core/op.ts';
import { tickingScheduler } from '../core/thread.ts';
import { CallSiteMode, Site } from './call-site.ts';

/**
 * The call site of one place in a module's source, told by a build step instead of captured at run time: the
 * Vite plugin (`loom-threads/vite`) writes one per `yield*` of a module, made once, the first time it is needed.
 * `line` and `column` count from 1, as stack traces do; `fn` names the function the place is in ('' if none).
 *
 * @example
 * ```ts
 * const site = sourceSite('file:///game/scripts/grunt.ts', 12, 10, 'grunt');
 * // in grunt's body: yield* atSite(walkTo(door), site);
 * ```
 */
export function sourceSite(file: string, line: number, column: number, fn: string): Site {
  const place = `${file}:${line}:${column}`;
  return new Site(`    at ${fn === '' ? place : `${fn} (${place})`}`, true);
}

/**
 * `value`, after telling the ticking engine that the op it is (if it is one) starts at `site`: with `callSites`
 * other than `'off'`, the engine then takes `site` instead of capturing the stack, which costs about a
 * microsecond. Only what `yield*` starts at once may pass through here: the op's iterator takes the site.
 *
 * @example
 * ```ts
 * const here = sourceSite(import.meta.url, 7, 12, 'guard');
 * const door = yield* atSite(walkTo(x, y), here); // what the plugin writes for `yield* walkTo(x, y)`
 * ```
 */
export function atSite<T>(value: T, site: Site): T {
  if (!(value instanceof Op)) return value;
  const scheduler = tickingScheduler();
  if (scheduler !== null && scheduler.callSiteMode !== CallSiteMode.off) scheduler.sites.place(site);
  return value;
}
