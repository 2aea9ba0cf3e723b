import { describe, expect, it } from 'vitest';
import { Engine, HotScripts, script, sleep } from '../../engine/index.ts';
import { createTestEngine } from '../helpers.ts';

describe('hot reload: HotScripts, for a bundler\'s import.meta.hot', () => {
  it("reloads the attached engines from a module's kept scripts to the new ones of the same name, with their migrate hooks", () => {
    const { engine, steps } = createTestEngine({ hotReload: true });
    const order: string[] = [];
    const hot = new HotScripts();
    const detach = hot.attach(engine);
    const data: Record<string, unknown> = {}; // import.meta.hot.data: one object across the module's versions
    function* grunt(speed: number) { order.push(`grunt v1 ${speed}`); yield* sleep(10); }
    const hunt = script(function* hunt() { order.push('hunt v1'); yield* sleep(10); });
    function* gruntV2(speed: number) { order.push(`grunt v2 ${speed}`); yield* sleep(10); }
    const huntV2 = script(function* hunt() { order.push('hunt v2'); yield* sleep(10); });
    function* scout() { order.push('scout'); yield* sleep(10); }

    expect(hot.update(data, { grunt, hunt, SIGHT: 260 })).toEqual([]);
    const g = engine.spawn(grunt, 1);
    const h = engine.spawn(hunt);
    const s = engine.spawn(scout);
    steps(1);
    const restarted = hot.update(data, { grunt: gruntV2, hunt: huntV2, SIGHT: 300 }, { migrate: { grunt: ([speed]) => [(speed as number) * 2] } });
    steps(2);
    detach();
    function* gruntV3() { order.push('grunt v3'); yield* sleep(10); }
    expect(hot.update(data, { grunt: gruntV3 })).toEqual([]);
    steps(2);

    expect(restarted).toEqual([g, h]);
    expect(order).toEqual(['grunt v1 1', 'hunt v1', 'scout', 'grunt v2 2', 'hunt v2']);
    expect(s.reloads).toBe(0);
    expect(() => hot.attach(new Engine())).toThrow(/^HotScripts\.attach\(\): the engine was made without hotReload: true/);
  });
});
