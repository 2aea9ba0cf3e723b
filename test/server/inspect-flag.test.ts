// `npm run server -- --inspect`: the command line starts the inspection endpoint only when told, and refuses it in
// production. The server runs as a child process on free loopback ports, stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomListing } from 'loom-threads/inspector/feed';
import { REPO_ROOT } from '../support/browser.ts';
import { nodeScript } from '../support/npm-script.ts';

const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
});

/** Starts `npm run server` as its script does, and collects what it prints. */
function server(args: string[], env: Record<string, string> = {}) {
  const { flags, entry } = nodeScript('server');
  const child = spawn(process.execPath, [...flags, entry, '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'development', ...env },
  });
  started.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (data: Buffer) => (out.stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (out.stderr += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  /** Resolves once the server has printed a line matching `pattern`, with the match. */
  const printed = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 600; i++) {
      const match = pattern.exec(out.stdout);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${out.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the server never printed ${pattern}: ${out.stdout}`);
  };
  return { out, exited, printed };
}

describe('npm run server -- --inspect', () => {
  it('without the flag starts no inspection endpoint and says nothing of one', async () => {
    const plain = server([]);
    await plain.printed(/Loom co-op server on ws:\/\/127\.0\.0\.1:\d+/);
    await plain.printed(/Play: npm start/);
    expect(plain.out.stdout).not.toContain('nspect');
  });

  it('with the flag starts the endpoint on a loopback port of its own and prints where to point the inspector page', async () => {
    const inspected = server(['--inspect', '--inspect-port', '0']);
    const [, url] = await inspected.printed(/Inspection endpoint on (http:\/\/127\.0\.0\.1:\d+) \(loopback only, read-only: a development tool\)/);
    await inspected.printed(/inspect\.html\?inspect=http:\/\/127\.0\.0\.1:\d+/);
    const game = /Loom co-op server on ws:\/\/127\.0\.0\.1:(\d+)/.exec(inspected.out.stdout)![1];
    expect(new URL(url!).port).not.toBe(game);
    const response = await fetch(`${url}/rooms`);
    expect((await response.json()) as { rooms: RoomListing[] }).toEqual({ rooms: [] });
  });

  it('refuses the flag with NODE_ENV=production: it exits, naming why', async () => {
    const refused = server(['--inspect', '--inspect-port', '0'], { NODE_ENV: 'production' });
    expect(await refused.exited).not.toBe(0);
    expect(refused.out.stderr).toContain('the Loom inspection endpoint is a development tool: it does not start with NODE_ENV=production');
    expect(refused.out.stdout).not.toContain('Loom co-op server on');
  });
});
