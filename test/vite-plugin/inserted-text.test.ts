import { readFileSync } from 'node:fs';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';
import { SourceMap } from '../../inspector/source-map.ts';
import { insertText } from '../../vite-plugin/inserted-text.ts';
import { LineIndex } from '../../vite-plugin/line-index.ts';
import { placeSites } from '../../vite-plugin/placed-sites.ts';

const FIXTURE = new URL('./fixtures/placed-scripts.ts', import.meta.url);
const TOKEN = /[\w$]+|[^\w$\s]/g;

// Each token of the output mapped back through `map`, as `text@line:column`, where the source has it.
function mappedTokens(code: string, map: ReturnType<typeof insertText>['map']): string[] {
  const lookup = new SourceMap(map, 'http://localhost/source.ts');
  return code.split('\n').flatMap((text, line) =>
    [...text.matchAll(TOKEN)].map((token) => {
      const at = lookup.lookup(line + 1, token.index + 1);
      return `${token[0]}@${at === null ? 'none' : `${at.line}:${at.column}`}`;
    }),
  );
}

// Whether `all` holds every item of `wanted`, in the same order (with others between).
function inOrderWithin(wanted: string[], all: string[]): boolean {
  let next = 0;
  for (const item of all) if (item === wanted[next]) next++;
  return next === wanted.length;
}

function sourceTokens(source: string): string[] {
  return source.split('\n').flatMap((text, line) => [...text.matchAll(TOKEN)].map((token) => `${token[0]}@${line + 1}:${token.index + 1}`));
}

describe('text put into a module, and its source map', () => {
  it('gives the line and column of an offset: at a line\'s start and end, and on an empty line', () => {
    const lines = new LineIndex('\nab\ncd\n\nef');
    const at = (offset: number) => Object.values(lines.position(offset)).join(':');
    expect([0, 1, 2, 3, 4, 6, 7, 8, 9].map(at)).toEqual(['1:1', '2:1', '2:2', '2:3', '3:1', '3:3', '4:1', '5:1', '5:2']);
  });

  it('breaks lines where V8 does: at \\r\\n once, a lone \\r, U+2028 and U+2029; and keeps each break as it was', () => {
    const source = 'a\r\nb\rc\u2028d\u2029e\n';
    const lines = new LineIndex(source);
    expect(['a', 'b', 'c', 'd', 'e'].map((letter) => Object.values(lines.position(source.indexOf(letter))).join(':'))).toEqual(['1:1', '2:1', '3:1', '4:1', '5:1']);
    expect(lines.position(source.length)).toEqual({ line: 6, column: 1 });
    const { code, map } = insertText(source, [{ offset: source.indexOf('d'), text: 'x' }], '', '', 'a.js');
    expect(code).toBe('a\r\nb\rc\u2028xd\u2029e\n');
    expect(map.mappings.split(';')).toHaveLength(6);
  });

  it('puts three insertions at one offset in the order given, and one at a line\'s end before its newline', () => {
    const { code } = insertText('\na\nb', [
      { offset: 1, text: '1' },
      { offset: 1, text: '2' },
      { offset: 1, text: '3' },
      { offset: 2, text: '!' },
      { offset: 0, text: '^' },
    ], '', '', 'a.ts');
    expect(code).toBe('^\n123a!\nb');
  });

  it('maps the start of an insertion with an `at` to that place of the source, and the rest where it would', () => {
    const { code, map } = insertText('a;\nyield* b.c()', [{ offset: 10, text: 'w(', at: 12 }, { offset: 15, text: ')' }], '', '', 'a.js');
    expect(code).toBe('a;\nyield* w(b.c())');
    const lookup = new SourceMap(map, 'http://localhost/a.js');
    expect(lookup.lookup(2, 8)).toMatchObject({ line: 2, column: 10 });
    expect(lookup.lookup(2, 9)).toMatchObject({ line: 2, column: 10 });
    expect(lookup.lookup(2, 10)).toMatchObject({ line: 2, column: 8 });
    expect(lookup.lookup(2, 7)).toMatchObject({ line: 2, column: 6 });
  });

  it('puts each insertion at its offset, in the order given where offsets are equal', () => {
    const { code } = insertText('yield* yield* f(x);', [
      { offset: 18, text: ', inner)' },
      { offset: 18, text: ', outer)' },
      { offset: 7, text: 'wrap(' },
      { offset: 14, text: 'wrap(' },
    ], 'head;', ';tail', 'a.ts');
    expect(code).toBe('head;yield* wrap(yield* wrap(f(x), inner), outer);;tail');
  });

  it('maps every token of the source, moved or not, back to its own line and column', () => {
    const source = 'function* g() {\n  yield* a(yield* b(1));\r\n\n  const s = "é 😀";\tyield* c();\n}';
    const insertions = [
      { offset: source.indexOf('a(yield'), text: '__at(' },
      { offset: source.indexOf('b(1)'), text: '__at(' },
      { offset: source.indexOf('b(1)') + 4, text: ', s1)' },
      { offset: source.indexOf('b(1)') + 5, text: ', s0)' },
      { offset: source.indexOf('c()'), text: '__at(' },
      { offset: source.indexOf('c()') + 3, text: ', s2)' },
    ];
    const { code, map } = insertText(source, insertions, 'import x from "y";', '\nvar s0, s1, s2;\n', 'a.ts');
    // The inserted tokens map to the source token before them; the source's own, in order, each to its own place.
    expect(inOrderWithin(sourceTokens(source), mappedTokens(code, map))).toBe(true);
    expect(map.sources).toEqual(['a.ts']);
    expect(map.sourcesContent).toEqual([source]);
  });

  it('keeps every line of a module at its number: the import and the sites follow the last', () => {
    const source = readFileSync(FIXTURE, 'utf8');
    const placed = placeSites(source, '/game/scripts/placed-scripts.ts', { parse: parseSync })!;
    const before = source.split('\n');
    const after = placed.code.split('\n');
    const unwrapped = (line: string) => line.replaceAll('__loom$at(', '').replace(/, __loom\$s\(\d+\)\)/g, '');
    for (const [index, line] of before.entries()) expect(unwrapped(after[index]!), `line ${index + 1}`).toBe(line);
    expect(after.slice(before.length).join('\n')).toMatch(
      /^import \{ atSite as __loom\$at, sourceSite as __loom\$site \} from "loom-threads";\nfunction __loom\$s\(index\) \{\n {2}return \(__loom\$sites \?\?= \[\n {4}__loom\$site\(import\.meta\.url, 6, 10, "nap"\),\n/,
    );
    expect(inOrderWithin(sourceTokens(source), mappedTokens(placed.code, placed.map))).toBe(true);
  });

  it('leaves a first line that must stay first, a `#!` or a directive, where it is', () => {
    const source = '#!/usr/bin/env node\n"use strict";\nexport function* g() { yield* sleep(1); }\n';
    const after = placeSites(source, '/a.js', { parse: parseSync })!.code.split('\n');
    expect(after.slice(0, 2)).toEqual(['#!/usr/bin/env node', '"use strict";']);
  });

  it('leaves alone a module it has transformed already', () => {
    const once = placeSites('export function* g() { yield* sleep(1); }', '/a.ts', { parse: parseSync })!.code;
    expect(placeSites(once, '/a.ts', { parse: parseSync })).toBeNull();
  });

  it('leaves alone a module with no yield*, or one that does not parse (the bundler reports that)', () => {
    expect(placeSites('export const a = 1;', '/a.ts', { parse: parseSync })).toBeNull();
    expect(placeSites('export function* g() { yield 1; yield sleep(1); }', '/a.ts', { parse: parseSync })).toBeNull();
    expect(placeSites('export function* g() { yield* sleep(1)', '/a.ts', { parse: parseSync })).toBeNull();
    expect(placeSites('export function* g() { yield* sleep(1); } }', '/a.ts', { parse: parseSync })).toBeNull();
  });

  it("names the module by its path for Node, by import.meta.url for a page, and imports from the engine it is told", () => {
    const source = 'export function* g() { yield* sleep(1); }';
    expect(placeSites(source, '/work/game/a.ts?v=12', { parse: parseSync, server: true })!.code).toContain('__loom$site("/work/game/a.ts", 1, 31, "g")');
    expect(placeSites(source, '/work/game/a.ts?v=12', { parse: parseSync, engine: '@me/loom' })!.code).toMatch(/\nimport .* from "@me\/loom";\n[^]*__loom\$site\(import\.meta\.url, 1, 31, "g"\),\n/);
  });
});
