import { SourceMap, type SourceMapPayload, type SourceMapping } from 'node:module';
import { describe, expect, it } from 'vitest';
import { insertText } from '../../vite-plugin/inserted-text.ts';
import { shiftedMap } from '../../vite-plugin/shifted-map.ts';
import { decodeVlq, encodeVlq } from '../../vite-plugin/vlq.ts';

const TOKEN = /[\w$]+|[^\w$\s]/g;

describe('source map numbers (base64 VLQ)', () => {
  it('reads back every number it writes, signed, across one to four digits', () => {
    const values = [0, 1, -1, 15, 16, -16, 31, 32, 511, 512, -4095, 65_535, 1_000_000, -(2 ** 30)];
    const text = values.map(encodeVlq).join('');
    const read: number[] = [];
    for (let at = 0; at < text.length;) {
      const { value, next } = decodeVlq(text, at);
      read.push(value);
      at = next;
    }
    expect(read).toEqual(values);
    expect(values.map(encodeVlq).slice(0, 6)).toEqual(['A', 'C', 'D', 'e', 'gB', 'hB']);
  });

  it('says where a mapping holds no number', () => {
    expect(() => decodeVlq('A!', 1)).toThrow('source map: no number at 1 of its mappings');
    expect(() => decodeVlq('g', 0)).toThrow('no number at 0');
  });
});

describe("a source map, moved along with text put into its module (shiftedMap)", () => {
  // A module as a compiler gave it, on two lines, with its map to the source it was made from.
  const compiled = 'function*g(){yield*a(1);yield*b.c(2)}\nfunction*h(){yield*d()}';
  const source = 'function* g() {\n  yield* a(1);\n  yield* b.c(2);\n}\nfunction* h() { yield* d(); }';
  // What the compiler mapped: every token of each line to where the source has it (token by token, in order).
  const sourceTokens = source.split('\n').flatMap((text, line) => [...text.matchAll(TOKEN)].map((token) => ({ line, column: token.index })));
  const compiledMap = (() => {
    let next = 0;
    const lines = compiled.split('\n').map((text) => [...text.matchAll(TOKEN)].map((token) => ({ column: token.index, to: sourceTokens[next++]! })));
    let [column, sourceLine, sourceColumn] = [0, 0, 0];
    const mappings = lines.map((segments) => {
      column = 0;
      return segments.map(({ column: at, to }) => {
        const text = encodeVlq(at - column) + encodeVlq(0) + encodeVlq(to.line - sourceLine) + encodeVlq(to.column - sourceColumn);
        [column, sourceLine, sourceColumn] = [at, to.line, to.column];
        return text;
      }).join(',');
    });
    const payload: SourceMapPayload = { version: 3, file: 'compiled.js', sources: ['source.ts'], sourcesContent: [], sourceRoot: '', names: [], mappings: mappings.join(';') };
    return payload;
  })();
  const wrap = (start: number, end: number) => [{ offset: start, text: 'w(' }, { offset: end, text: ', s)' }];
  const insertions = [...wrap(compiled.indexOf('a(1)'), compiled.indexOf(';yield*b')), ...wrap(compiled.indexOf('b.c'), compiled.indexOf('}\n')), ...wrap(compiled.indexOf('d()'), compiled.length - 1)];

  it('maps each token, after the text put in, where the map before mapped it', () => {
    const { code } = insertText(compiled, insertions, '', '', 'compiled.js');
    expect(code).toBe('function*g(){yield*w(a(1), s);yield*w(b.c(2), s)}\nfunction*h(){yield*w(d(), s)}');
    const before = new SourceMap(compiledMap);
    const after = new SourceMap(shiftedMap(compiledMap, compiled, insertions));
    const position = (text: string, offset: number) => {
      const line = text.slice(0, offset).split('\n').length - 1;
      return { line, column: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
    };
    const tokens = [...compiled.matchAll(TOKEN)];
    expect(tokens.length).toBeGreaterThan(30);
    for (const token of tokens) {
      // Text put in at a token's offset goes before it.
      const moved = token.index + insertions.filter((insertion) => insertion.offset <= token.index).reduce((sum, insertion) => sum + insertion.text.length, 0);
      expect(code.slice(moved, moved + token[0].length)).toBe(token[0]);
      const was = position(compiled, token.index);
      const now = position(code, moved);
      const { originalLine, originalColumn } = before.findEntry(was.line, was.column) as SourceMapping;
      expect(after.findEntry(now.line, now.column)).toMatchObject({ originalLine, originalColumn });
    }
  });

  it('maps text put in where the position before it maps, and keeps what it does not move', () => {
    const shifted = shiftedMap({ ...compiledMap, sourcesContent: ['kept'] }, compiled, insertions);
    expect(shifted.sourcesContent).toEqual(['kept']);
    const after = new SourceMap(shifted);
    // `w(` before `a(1)` on the first line: where `yield*`'s `*` maps.
    expect(after.findEntry(0, 'function*g(){yield*w'.length - 1)).toMatchObject({ originalLine: 1, originalColumn: 7 });
    expect(shiftedMap(compiledMap, compiled, []).mappings).toBe(compiledMap.mappings);
  });

  it('maps the start of text put in with an `at` where that place maps, on its line or one before, name and all', () => {
    // `yield*f()` → `yield*w(f(), s)`: `w(` stands for `f`, which maps to line 2, column 4, named 0.
    const onLine = shiftedMap({ mappings: 'AAAA,MCAIA' }, 'yield*f()', [{ offset: 6, text: 'w(', at: 6 }, { offset: 9, text: ', s)' }]);
    expect(new SourceMap({ ...compiledMap, sources: ['a.ts', 'b.ts'], names: ['f'], mappings: onLine.mappings }).findEntry(0, 6)).toMatchObject({ originalSource: 'b.ts', originalLine: 0, originalColumn: 4, name: 'f' });
    expect(onLine.mappings).toBe('AAAA,MCAIA,EAAAA');
    // The place is at the start of the second line, whose first segment is further on: the last one before it.
    const before = shiftedMap({ mappings: 'AAAA,EAEE;IAAI' }, 'ab\n    f()', [{ offset: 7, text: 'w(', at: 3 }]);
    expect(before.mappings).toBe('AAAA,EAEE;IAAA,EAAI');
    // Nothing at or before the place: the text maps where the position before it does.
    expect(shiftedMap({ mappings: 'EAAA' }, 'f()', [{ offset: 0, text: 'w(', at: 0 }]).mappings).toBe('IAAA');
  });

  it('writes back what it reads: every field, relative as the map had it, across lines', () => {
    expect(shiftedMap({ mappings: 'ECAC,GCEGC;;AAAA,ICCCD' }, 'ab\ncd\nefgh', []).mappings).toBe('ECAC,GCEGC;;AAAA,ICCCD');
  });

  it('finds the segment an `at` names as a lookup does: the last at or before it on its line, else on a line before', () => {
    const anchored = (mappings: string, source: string, at: number) => shiftedMap({ mappings }, source, [{ offset: 0, text: 'w(', at }]).mappings.split(';')[0]!.split(',')[0];
    // On its line, the first segment covers column 2 (the next one starts after it).
    expect(anchored('AAAA,IAAI', 'abcdef', 2)).toBe('AAAA');
    // Column 0 of the second line, whose first segment starts later: the last segment of the first line, not a later line's.
    const place = shiftedMap({ mappings: 'AAAA,EAAE;EAAI;AAAA', }, 'ab\n  cd\nef', [{ offset: 3, text: 'w(', at: 3 }]);
    expect(place.mappings).toBe('AAAA,EAAE;AAAA,IAAI;AAAA');
    // A segment with a column alone maps nothing: the text maps where the position before it does.
    expect(shiftedMap({ mappings: 'AAAA,E' }, 'abcdef', [{ offset: 4, text: 'w(', at: 3 }]).mappings).toBe('AAAA,E');
    // A place past the map's last line: the map's last segment.
    expect(shiftedMap({ mappings: 'AAAA,EAAE' }, 'ab\ncd', [{ offset: 3, text: 'w(', at: 4 }]).mappings).toBe('AAAA,EAAE;AAAA');
  });

  it('puts the segment of an `at` where its text starts, after the text put in before it on the line, in any order given', () => {
    // 'f(a, g(b))': a wrapper closes at 9, another opens at 5 (and stands for `g`), and one opens at 0; given closing first.
    const shifted = shiftedMap({ mappings: 'AAAA,KAAK' }, 'f(a, g(b))', [{ offset: 9, text: ', s)' }, { offset: 5, text: 'w(', at: 5 }, { offset: 0, text: 'w(' }]);
    // `f` moves to 2; the text `w(` before `g` starts at 5 + 2 = 7, mapped as `g` is; `g` moves to 9.
    expect(shifted.mappings).toBe('EAAA,KAAK,EAAA');
    // Two at one offset keep the order given: the second starts after the first.
    expect(shiftedMap({ mappings: 'AAAA' }, 'f', [{ offset: 0, text: 'ab' }, { offset: 0, text: 'c(', at: 0 }]).mappings).toBe('EAAA,EAAA');
  });

  it('leaves a line the map has no segment on as it is, text put into it or not', () => {
    expect(shiftedMap({ mappings: 'AAAA;;AACA' }, 'f\ng(x)\nh', [{ offset: 2, text: 'w(' }]).mappings).toBe('AAAA;;AACA');
  });
});
