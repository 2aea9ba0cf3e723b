// What TypeScript tells a user who gets a spawn or a send wrong: the messages must point at the mistake (the
// script's missing parameter, the message type), not at an overload they did not mean. Compiles snippets against
// the engine with the compiler API.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const SNIPPET = join(here, 'type-error-snippet.ts');

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts'],
  types: [],
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
};

/** The errors of `code`, a module in test/types/ that may import '../../engine/index.ts', one flattened message a line. */
function errorsOf(code: string): string[] {
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) =>
    file === SNIPPET ? ts.createSourceFile(file, code, language) : getSourceFile(file, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === SNIPPET || fileExists(file);
  const program = ts.createProgram([SNIPPET], OPTIONS, host);
  const snippet = program.getSourceFile(SNIPPET)!;
  return ts.getPreEmitDiagnostics(program, snippet).map((d) => {
    const line = snippet.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    return `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

// Each line after the first four is a mistake; errors are keyed by line. One program for all: each costs seconds.
const SOURCE = `import { Engine, receive, send, spawn } from '../../engine/index.ts';
interface Hero { name: string; hp: number }
function* gunner(arena: { width: number }, self: Hero) { yield; return self.hp * arena.width; }
function* listener() { for (;;) yield* receive<{ x: number }>(); }
new Engine().spawn(gunner, { name: 'x', hp: 1 });
new Engine().spawn({ name: 'g' }, gunner, { width: 1 });
function* parent() { yield* spawn(gunner, { width: 1 }); }
new Engine().spawn(gunner, { width: 1 }, { name: 'x', hp: 'full' });
send(new Engine().spawn(listener), { anything: true });
send(new Engine().spawn(gunner, { width: 1 }, { name: 'x', hp: 1 }), 'hello');
`;

describe('type errors', () => {
  let errors: string[] = [];
  beforeAll(() => {
    errors = errorsOf(SOURCE);
  });
  const on = (line: number): string[] => errors.filter((e) => e.startsWith(`${line}: `));

  it("names the script's parameters when a spawn argument is missing, not SpawnOptions", () => {
    expect(on(5)).toEqual([
      `5: Argument of type '[{ name: string; hp: number; }]' is not assignable to parameter of type 'ArgumentsOf<[arena: { width: number; }, self: Hero]>'.
  Type '[{ name: string; hp: number; }]' is not assignable to type '[arena: { width: number; }, self: Hero]'.
    Source has 1 element(s) but target requires 2.`,
    ]);
    expect(on(7)).toEqual([
      `7: Argument of type '[{ width: number; }]' is not assignable to parameter of type 'ArgumentsOf<[arena: { width: number; }, self: Hero]>'.
  Type '[{ width: number; }]' is not assignable to type '[arena: { width: number; }, self: Hero]'.
    Source has 1 element(s) but target requires 2.`,
    ]);
  });

  it('names them after spawn options too', () => {
    const [error, ...more] = on(6);
    expect(more).toEqual([]);
    expect(error).toMatch(/^6: .* to type '\[script: .*, arena: \{ width: number; \}, self: Hero\]'\.\n {4}Source has 2 element\(s\) but target requires 3\.$/s);
  });

  it('names the field that does not fit when a spawn argument has the wrong type', () => {
    const [error, ...more] = on(8);
    expect(more).toEqual([]);
    expect(error).toMatch(/^8: .*\n {6}The types of 'hp' are incompatible between these types\.\n {8}Type 'string' is not assignable to type 'number'\.$/s);
  });

  it('names the message type a send does not fit, and refuses a send to a thread that receives nothing', () => {
    expect(on(9)).toEqual(["9: Object literal may only specify known properties, and 'anything' does not exist in type '{ x: number; }'."]);
    expect(on(10)).toEqual(["10: Argument of type 'string' is not assignable to parameter of type 'NoMailbox'."]);
  });

  it('finds no other error', () => {
    expect(errors.map((e) => e.split(':')[0])).toEqual(['5', '6', '7', '8', '9', '10']);
  });
});
