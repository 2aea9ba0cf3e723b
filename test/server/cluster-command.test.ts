// `npm run server:cluster`: the command as its script runs it, in a child process, on a Redis the test starts (the
// cluster uses the one that answers) and free loopback ports, stopped by its pid. It prints one link naming every
// process (not one per process) and each process's pid and address, says when one ends, and with --inspect gives
// each process an inspection endpoint on a port of its own.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { startLocalRedis } from '../../server/local-redis.ts';
import { REPO_ROOT } from '../support/browser.ts';
import { nodeScript } from '../support/npm-script.ts';
import { describeRedis, freePort, freePortRun } from '../support/redis.ts';

describeRedis('npm run server:cluster', () => {
  it('prints one link naming every process, and with --inspect starts each its own inspection endpoint', async () => {
    const redis = await startLocalRedis(await freePort());
    // Game ports port and port + 1, inspection ports the two after: one run of four, so none is another's.
    const port = await freePortRun(4);
    const inspectPort = port + 2;
    const args = ['--port', String(port), '--processes', '2', '--swarm', '0', '--redis-port', String(redis.port), '--inspect', '--inspect-port', String(inspectPort)];
    const { flags, entry } = nodeScript('server:cluster');
    const cluster = spawn(process.execPath, [...flags, entry, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'development' },
    });
    let printed = '';
    cluster.stdout.on('data', (data: Buffer) => void (printed += data.toString()));
    cluster.stderr.on('data', (data: Buffer) => void (printed += data.toString()));
    const exited = new Promise<void>((resolve) => cluster.once('exit', () => resolve()));
    try {
      for (let i = 0; i < 600 && (printed.match(/Inspection endpoint on/g) ?? []).length + (printed.match(/Loom co-op server on/g) ?? []).length < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const games = [port, port + 1].map((at) => `ws://127.0.0.1:${at}`);
      expect(printed.split('\n').filter((line) => line.startsWith('Play:'))).toEqual([`Play: npm start, then open http://localhost:5173/?server=${games.join(',')} in two windows`]);
      expect(printed).toContain(`Their inspection endpoints, in the same order: ports ${inspectPort} to ${inspectPort + 1}`);
      const endpoints = [...printed.matchAll(/Inspection endpoint on (http:\/\/127\.0\.0\.1:(\d+))/g)];
      expect(endpoints.map((match) => Number(match[2])).sort()).toEqual([inspectPort, inspectPort + 1]);
      for (const [, url] of endpoints) expect((await fetch(`${url!}/rooms`)).status).toBe(200);
      // Each process by its pid and address, so a user can find and stop one; one that dies is said at once.
      expect(printed).toContain('Started 2 server processes, sharing');
      const pids = [...printed.matchAll(/^ {2}pid (\d+): (ws:\/\/\S+)$/gm)].map((match) => ({ pid: Number(match[1]), url: match[2] }));
      expect(pids.map((child) => child.url)).toEqual(games);
      process.kill(pids[1]!.pid, 'SIGKILL');
      for (let i = 0; i < 100 && !printed.includes('still running'); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(printed).toContain(`Server process ${pids[1]!.pid} (port ${port + 1}) ended (SIGKILL); 1 of the 2 this cluster started still running`);
    } finally {
      process.kill(cluster.pid!, 'SIGTERM'); // it stops its processes by pid, then exits
      await exited;
      await redis.stop();
    }
  }, 60_000);
});
