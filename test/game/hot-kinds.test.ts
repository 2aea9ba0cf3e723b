import { describe, expect, it } from 'vitest';
import { HotKinds, applyKindEdit, describeKindEdit } from '../../game/scripts/hot-kinds.ts';
import { GRUNT } from '../../game/scripts/grunt.ts';
import type { Kind } from '../../game/sim/kind.ts';

/** A fresh copy of the grunt kind, as a module's first version holds it. */
function gruntKind(): Kind {
  return { ...GRUNT, stats: { ...GRUNT.stats }, death: { ...GRUNT.death }, art: { ...GRUNT.art }, wave: { ...GRUNT.wave! } };
}

describe("hot reload of a kind's data", () => {
  it('applies the fields a running game reads afresh, in place, and refuses the ones it cannot take', () => {
    const live = gruntKind();
    const stats = live.stats;
    const edited = gruntKind();
    Object.assign(edited.stats, { colour: 0x30ff90, hp: 9, hostile: false });
    Object.assign(edited.death, { burst: 40 });
    Object.assign(edited.art, { layer: 'top', scale: 1.5 });
    const edit = applyKindEdit(live, edited);
    expect(edit).toEqual({ kind: 'grunt', applied: ['stats.hp', 'stats.colour', 'death.burst', 'art.scale'], refused: ['stats.hostile', 'art.layer'] });
    expect(live.stats).toBe(stats); // the object the registries hold
    expect([live.stats.colour, live.stats.hp, live.death.burst, live.art.scale]).toEqual([0x30ff90, 9, 40, 1.5]);
    expect([live.stats.hostile, live.art.layer]).toEqual([true, 'units']);
    expect(describeKindEdit(edit)).toBe(
      "hot reload: grunt's stats.hp (for those spawned from now on), stats.colour, death.burst, art.scale applied; stats.hostile, art.layer not applied: reload the page to apply",
    );
  });

  it('a module run again with the same data changes nothing; its functions compare by their source', () => {
    const live = gruntKind();
    const again = { ...gruntKind(), wave: { ...GRUNT.wave!, count: (wave: number) => 2 + wave } };
    expect(applyKindEdit(live, again)).toEqual({ kind: 'grunt', applied: [], refused: [] });
  });

  it("keeps a module's first kind and applies each later version's data to it, telling the listeners", () => {
    const kinds = new HotKinds();
    const data: Record<string, unknown> = {};
    const first = gruntKind();
    const heard: string[] = [];
    kinds.onUpdate((edit) => heard.push(describeKindEdit(edit)));
    expect(kinds.update(data, first)).toBeNull();
    expect(kinds.update(data, gruntKind())).toBeNull(); // unchanged: nothing said
    kinds.update(data, { ...gruntKind(), stats: { ...GRUNT.stats, colour: 0x123456 } });
    kinds.update(data, { ...gruntKind(), stats: { ...GRUNT.stats, colour: 0x654321 } });
    expect(first.stats.colour).toBe(0x654321);
    expect(heard).toEqual(["hot reload: grunt's stats.colour applied", "hot reload: grunt's stats.colour applied"]);
  });
});
