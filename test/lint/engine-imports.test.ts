// The project's ESLint config says what each part of engine/ may import (engine/README.md): each case lints one
// import line as if it stood in a file of that part.
import { ESLint } from 'eslint';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, line: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${line}\nexport const used = [imported];\n`, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

// The first lint loads the whole config (the plugin from source, typescript-eslint): slow on a loaded machine.
describe('engine import boundaries', { timeout: 60_000 }, () => {
  it.each([
    ['engine/ops/probe.ts', "import { Thread as imported } from '../core/thread.ts';", 'core/kernel.ts'],
    ['engine/ops/probe.ts', "import { Accounting as imported } from '../accounting/accounting.ts';", 'not engine features'],
    ['engine/core/probe.ts', "import { Recorder as imported } from '../replay/recorder.ts';", 'recordings'],
    ['engine/core/probe.ts', "import { sleep as imported } from '../ops/sleep.ts';", 'types only'],
    ['engine/accounting/probe.ts', "import { sleep as imported } from '../ops/sleep.ts';", 'core alone'],
    ['engine/diagnostics/probe.ts', "import { Watchdog as imported } from '../watchdog/watchdog.ts';", 'core alone'],
    ['engine/watchdog/probe.ts', "import { HotReload as imported } from '../hot-reload/hot-reload.ts';", 'core alone'],
    ['engine/replay/probe.ts', "import { HotReload as imported } from '../hot-reload/hot-reload.ts';", 'core and the ops'],
    ['engine/det-math/probe.ts', "import { LoomError as imported } from '../core/errors.ts';", 'plain arithmetic'],
    ['engine/probe.ts', "import { Application as imported } from 'pixi.js';", 'no host, tool or renderer'],
    ['engine/core/probe.ts', "import { World as imported } from '../../game/sim/world.ts';", 'no host, tool or renderer'],
    ['engine/replay/probe.ts', "import { Room as imported } from '@colyseus/core';", 'no host, tool or renderer'],
    ['engine/probe.ts', "import { floors as imported } from '../bench/floors.ts';", 'no host, tool or renderer'],
    ['engine/probe.ts', "import { record as imported } from '../tools/record.ts';", 'no host, tool or renderer'],
    ['engine/hot-reload/probe.ts', "import { workloads as imported } from '../../harness/workloads.ts';", 'no host, tool or renderer'],
    ['engine/diagnostics/probe.ts', "import { attachInspector as imported } from '../../inspector/index.ts';", 'no host, tool or renderer'],
  ])('%s may not: %s', async (file, line, reason) => {
    const errors = await importErrors(file, line);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(reason);
  });

  it.each([
    ['engine/ops/probe.ts', "import { Op as imported } from '../core/kernel.ts';"],
    ['engine/ops/probe.ts', "import { misuse as imported } from './misuse.ts';"],
    ['engine/core/probe.ts', "import type { Group as imported } from '../ops/group.ts';"],
    ['engine/core/probe.ts', "import { Accounting as imported } from '../accounting/accounting.ts';"],
    ['engine/accounting/probe.ts', "import { SlotCounts as imported } from './slot-counts.ts';"],
    ['engine/replay/probe.ts', "import { sleep as imported } from '../ops/sleep.ts';"],
    ['engine/hot-reload/probe.ts', "import { replayRecording as imported } from '../replay/replay-recording.ts';"],
  ])('%s may: %s', async (file, line) => {
    expect(await importErrors(file, line)).toEqual([]);
  });
});
