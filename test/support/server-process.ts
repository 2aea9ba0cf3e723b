// A game server in a child process (`server/main.ts`, as `npm run server` runs it, or a test's own entry such as
// test/support/mail-server.ts): for tests with several processes, and for kill -9. Started on a given loopback port,
// stopped (or killed) by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeScript } from './npm-script.ts';

const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** A server process the test started. */
export interface ServerProcess {
  pid: number;
  port: number;
  url: string;
  /** Everything it printed so far. */
  output(): string;
  /** Sends a signal to its pid (SIGKILL, SIGSTOP, SIGCONT...). */
  signal(signal: NodeJS.Signals): void;
  /** Resolves when it has exited. */
  exited: Promise<void>;
  /** Kills it (SIGKILL, after SIGCONT in case it was stopped) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `ENTRY --port PORT ...args` (by default `server/main.ts`) and waits until it prints that it listens on that
 * port (at most `waitMs`).
 */
export async function startServerProcess(port: number, args: readonly string[], waitMs = 60_000, entry = join('server', 'main.ts')): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeScript('server').flags, entry, '--port', String(port), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (data: Buffer) => void (printed += data.toString()));
  child.stderr!.on('data', (data: Buffer) => void (printed += data.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle = serverProcess(child, port, () => printed, exited);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server on port ${port} did not start within ${waitMs} ms:\n${printed}`)), waitMs);
    const check = (): void => {
      if (printed.includes(`server on ws://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server on port ${port} exited before it listened:\n${printed}`));
    });
  });
  return handle;
}

function serverProcess(child: ChildProcess, port: number, output: () => string, exited: Promise<void>): ServerProcess {
  const pid = child.pid!;
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    pid,
    port,
    url: `ws://127.0.0.1:${port}`,
    output,
    exited,
    signal: (signal) => void (alive() && process.kill(pid, signal)),
    async stop() {
      if (alive()) {
        process.kill(pid, 'SIGCONT');
        process.kill(pid, 'SIGKILL');
      }
      await exited;
    },
  };
}
