// Names V8 gives that the fixtures compared with V8 under vitest cannot show (test/node-hook/ compares them in Node):
// esbuild's keepNames (tsx's transform uses it) renames a function where names collide and gives it back its name
// as `__name(fn, "name")`, which V8 prints; and an anonymous default export, which vitest's own transform renames.
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';
import { placeSites } from '../../vite-plugin/placed-sites.ts';

function names(code: string): string[] {
  const placed = placeSites(code, '/p/a.js', { parse: parseSync, server: true, lang: 'js' });
  return [...(placed?.code ?? '').matchAll(/__loom\$site\("\/p\/a\.js", \d+, \d+, "([^"]*)"\)/g)].map((match) => match[1]!);
}

describe('function names set by esbuild\'s keepNames', () => {
  it('names a renamed function expression, and a renamed declaration, by the name given back', () => {
    expect(names('const nap=script(__name(function*nap2(s){yield*sleep(s)},"nap"));')).toEqual(['nap']);
    expect(names('function*walk2(){yield*a()}__name(walk2,"walk");function*walk(){yield*b()}')).toEqual(['walk', 'walk']);
  });

  it('names a member by its owner and the name given back', () => {
    expect(names('const orders={march:__name(function*(){yield*a()},"march")};')).toEqual(['Object.march']);
    expect(names('class Squad{static hold=__name(function*(){yield*a()},"hold")}')).toEqual(['Function.hold']);
  });

  it('leaves names alone where no name is given back: another call, a name not written out', () => {
    expect(names('const g=wrap(function*(){yield*a()},"x");')).toEqual(['']);
    expect(names('const g=__name(function*f(){yield*a()},name);function*h(){yield*b()}__name(h,other);')).toEqual(['f', 'h']);
  });
});

describe('an anonymous default export', () => {
  it("is named 'default', and a named one by its name", () => {
    expect(names('export default function* () { yield* a(); }')).toEqual(['default']);
    expect(names('export default function* patrol() { yield* a(); }')).toEqual(['patrol']);
  });
});
