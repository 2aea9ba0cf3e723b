import { resolve } from 'node:path';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/**
 * What eslint.config.js reports for `import '<specifier>'` in a file at `file` (a path from the repository root):
 * the config's own no-restricted-imports entry for that path, run alone, so the probe needs no type information.
 */
async function restrictedImport(file: string, specifier: string): Promise<string[]> {
  const config = (await eslint.calculateConfigForFile(file)) as Linter.Config;
  const rule = config.rules?.['no-restricted-imports'];
  if (rule === undefined) return [];
  const messages = new Linter({ cwd: ROOT }).verify(
    `import '${specifier}';\n`,
    { files: ['**/*.ts'], rules: { 'no-restricted-imports': rule } },
    resolve(ROOT, file),
  );
  return messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// [the importing file, an import it must not make]
const forbidden: [string, string][] = [
  ['game/probe.ts', '../engine/watchdog/hang-watcher.ts'],
  ['game/view/probe.ts', '../../engine/core/thread.ts'],
  ['game/probe.ts', '../inspector/index.ts'],
  ['game/stress/probe.ts', '../../inspector/inspector.ts'],
  ['bench/probe.ts', '../inspector/index.ts'],
  ['tools/probe.ts', '../inspector/index.ts'],
  ['inspector/probe.ts', '../game/sim/world.ts'],
  ['inspector/probe.ts', '../harness/workloads.ts'],
  ['inspector/probe.ts', '../engine/core/thread.ts'],
  ['game/probe.ts', '../bench/bench.ts'],
  ['game/probe.ts', '../tools/record.ts'],
  ['game/sim/probe.ts', '../scripts/kinds.ts'],
  ['game/sim/probe.ts', '../view/hud.ts'],
  ['game/sim/probe.ts', '../headless/simulation.ts'],
  ['game/sim/probe.ts', 'pixi.js'],
  ['game/sim/nested/probe.ts', '../../scripts/kinds.ts'],
  ['game/scripts/probe.ts', '../view/hud.ts'],
  ['game/scripts/probe.ts', '../headless/simulation.ts'],
  ['game/scripts/probe.ts', 'pixi.js'],
  ['game/scripts/probe.ts', '../app.ts'],
  ['game/view/probe.ts', '../scripts/grunt.ts'],
  ['game/headless/probe.ts', '../view/game-view.ts'],
  ['game/headless/probe.ts', '../app.ts'],
  ['game/stress/probe.ts', '../../bench/workloads.ts'],
  ['game/stress/probe.ts', '../sim/world.ts'],
  ['harness/probe.ts', '../game/sim/world.ts'],
  ['harness/probe.ts', '../bench/floors.ts'],
  ['harness/probe.ts', 'pixi.js'],
  ['tools/probe.ts', '../bench/format.ts'],
  ['tools/probe.ts', '../game/view/hud.ts'],
  ['tools/probe.ts', '../game/sim/world.ts'],
  ['bench/probe.ts', '../tools/stress-run.ts'],
  ['eslint-plugin/probe.ts', '../engine/index.ts'],
  ['vite-plugin/probe.ts', '../engine/index.ts'],
  ['vite-plugin/probe.ts', 'loom-threads'],
  ['node-hook/probe.ts', '../engine/index.ts'],
  ['node-hook/probe.ts', 'loom-threads'],
  ['node-hook/probe.ts', '../game/sim/world.ts'],
  ['game/live-inspect/probe.ts', '../sim/world.ts'],
  ['game/live-inspect/probe.ts', '../../inspector/remote-room.ts'],
  ['colyseus/probe.ts', '../inspector/engine-feed.ts'],
  ['colyseus/probe.ts', '../server/arena-game.ts'],
];

// [the importing file, an import its folder may make]
const allowed: [string, string][] = [
  ['game/sim/probe.ts', './world.ts'],
  ['game/sim/probe.ts', 'loom-threads'],
  ['game/sim/nested/probe.ts', '../world.ts'],
  ['game/scripts/probe.ts', '../sim/world.ts'],
  ['game/scripts/probe.ts', './hot-modules.ts'],
  ['game/scripts/probe.ts', '../../assets/grunt.svg'],
  ['game/view/probe.ts', '../sim/world.ts'],
  ['game/view/probe.ts', 'pixi.js'],
  ['game/headless/probe.ts', '../scripts/game.ts'],
  ['game/stress/probe.ts', '../../harness/workloads.ts'],
  ['game/live-inspect/probe.ts', './rooms-page.ts'],
  ['game/live-inspect/probe.ts', 'loom-threads/inspector'],
  ['colyseus/probe.ts', 'loom-threads/inspector/feed'],
  ['vite-plugin/probe.ts', 'vite'],
  ['vite-plugin/probe.ts', './delegations.ts'],
  ['node-hook/probe.ts', '../vite-plugin/placed-sites.ts'],
  ['node-hook/probe.ts', 'node:module'],
  ['game/probe.ts', './headless/session.ts'],
  ['harness/probe.ts', './stats.ts'],
  ['harness/probe.ts', 'node:v8'],
  ['tools/probe.ts', '../harness/format.ts'],
  ['tools/probe.ts', '../game/headless/session.ts'],
  ['bench/probe.ts', '../harness/workloads.ts'],
  ['bench/probe.ts', '../game/headless/simulation.ts'],
  ['bench/probe.ts', '../test/support/browser.ts'],
  ['test/probe.test.ts', '../bench/floors.ts'],
  ['test/probe.test.ts', '../tools/stress-args.ts'],
  ['test/game/probe.test.ts', '../../game/sim/world.ts'],
];

describe('each folder imports only what its README.md allows (eslint.config.js, no-restricted-imports; engine/ in engine-imports.test.ts)', () => {
  it.each(forbidden)('%s may not import %s', async (file, specifier) => {
    const reported = await restrictedImport(file, specifier);
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/^no-restricted-imports: /);
  });

  it.each(allowed)('%s may import %s', async (file, specifier) => {
    expect(await restrictedImport(file, specifier)).toEqual([]);
  });
});
