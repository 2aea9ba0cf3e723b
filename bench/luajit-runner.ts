// Finds luajit on PATH and runs one Lua workload of bench/luajit/ in it (run.lua), reading the JSON line it prints.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What to tell someone whose machine has no luajit. */
export const LUAJIT_INSTALL_HINT = 'luajit not found on PATH: install it with `apt-get install -y luajit` (Debian, Ubuntu)';

/** The workloads bench/luajit/run.lua knows. */
export type LuaWorkload = 'frame' | 'sleepers' | 'spawn' | 'churn';

/** One measured run of one side: its figure (ns per resume, wake or thread) and the resumes it made. */
export interface LuaSideRun {
  ns: number;
  resumes: number;
  /** Scheduler side only: threads that ended during the run. */
  ended?: number;
}

/** The work a Lua workload did, counted after its rounds. */
export interface LuaTally {
  /** The scheduler's live threads. */
  threads: number;
  /** The scheduler's threads that have ended. */
  ended: number;
  /** Bodies that wrote a position inside the world: scheduler side, floor side. */
  written: number;
  floor_written: number;
  /** The floor's suspended coroutines (a failed one is dead); absent for spawn, whose coroutines all end. */
  floor_live?: number;
}

/** What run.lua prints: each side's median over the rounds, the median of per-round ratios, and the rounds. */
export interface LuaResult {
  workload: LuaWorkload;
  threads: number;
  ticks: number;
  unit: string;
  scheduler: number;
  floor: number;
  ratio: number;
  rounds: { scheduler: LuaSideRun; floor: LuaSideRun }[];
  tally: LuaTally;
  /** `jit.version`, e.g. `LuaJIT 2.1.0-beta3`. */
  luajit: string;
}

/** The path of `luajit` on `path` (the PATH variable's form), or null. */
export function findLuajit(path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'luajit');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** The version `luajit -v` names, e.g. `LuaJIT 2.1.0-beta3`. */
export function luajitVersion(luajit: string): string {
  return execFileSync(luajit, ['-v'], { encoding: 'utf8' }).split(' -- ')[0]!.trim();
}

const RUN_LUA = join(import.meta.dirname, 'luajit', 'run.lua');

/**
 * Runs `workload` with `threads` threads for `rounds` rounds in `luajit` (`ticks` a round, or the same count as
 * Loom's case when omitted). A script error in the Lua scheduler makes run.lua exit 1, and this throw with it.
 */
export function runLuaWorkload(luajit: string, workload: LuaWorkload, threads: number, rounds: number, ticks?: number): LuaResult {
  const args = [RUN_LUA, workload, String(threads), String(rounds), ...(ticks === undefined ? [] : [String(ticks)])];
  const out = execFileSync(luajit, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 20 });
  return JSON.parse(out) as LuaResult;
}
