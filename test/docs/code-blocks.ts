// The code blocks of README.md and docs/*.md, read from the files, checked as the fence marks them:
//   ```ts (or js)          a complete script: type-checked, then run; a ```text output block after it is what it prints
//   ```ts file=PATH        a complete module that belongs at PATH in this repository: type-checked there, not run
//   ```ts page             a browser page's module: type-checked here, run in Chromium by test/e2e/inspector-docs.test.ts
//   ```ts fragment         a piece shown for illustration, using names from around it: not checked
// Other languages (sh, text, ...) are not code to check.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import * as loom from '../../engine/index.ts';
import * as loomWatchdogNode from '../../engine/watchdog/node-watchdog.ts';

export const ROOT = resolve(import.meta.dirname, '../..');

export type BlockKind = 'script' | 'file' | 'page' | 'fragment';

export interface CodeBlock {
  /** Where it is: `docs/guide.md:23` (the line of its opening fence). */
  where: string;
  lang: string;
  kind: BlockKind;
  /** For a `file=` block, the path it belongs at, from the repository's root. */
  path?: string;
  code: string;
  /** For a script, the text of the ```text output block that follows it, if any. */
  output?: string;
}

const CODE_LANGS = new Set(['ts', 'js', 'typescript', 'javascript', 'tsx', 'jsx']);

/** README.md and every docs/*.md, as paths from the root. */
export function documents(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

/** The TypeScript and JavaScript blocks of one Markdown file; throws on a fence marker it does not know. */
export function codeBlocks(document: string): CodeBlock[] {
  const lines = readFileSync(join(ROOT, document), 'utf8').split('\n');
  const fences: { line: number; lang: string; info: string; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((text, j) => j > i && /^```\s*$/.test(text));
    if (end < 0) throw new Error(`${document}:${i + 1}: a code block that is never closed`);
    fences.push({ line: i + 1, lang: open[1]!, info: open[2]!.trim(), code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  const blocks: CodeBlock[] = [];
  fences.forEach((fence, index) => {
    if (!CODE_LANGS.has(fence.lang)) return;
    const where = `${document}:${fence.line}`;
    const next = fences[index + 1];
    if (fence.info === '') {
      const output = next?.lang === 'text' && next.info === 'output' ? next.code : undefined;
      blocks.push({ where, lang: fence.lang, kind: 'script', code: fence.code, ...(output === undefined ? {} : { output }) });
    } else if (fence.info === 'page') {
      blocks.push({ where, lang: fence.lang, kind: 'page', code: fence.code });
    } else if (fence.info === 'fragment') {
      blocks.push({ where, lang: fence.lang, kind: 'fragment', code: fence.code });
    } else if (fence.info.startsWith('file=')) {
      blocks.push({ where, lang: fence.lang, kind: 'file', path: fence.info.slice('file='.length), code: fence.code });
    } else {
      throw new Error(`${where}: unknown marker "${fence.info}" (a script has none; else "page", "fragment" or "file=PATH")`);
    }
  });
  return blocks;
}

/** Where the type check puts a block: a script beside this module, a file block at its own path. */
function virtualPath(block: CodeBlock): string {
  if (block.path !== undefined) return join(ROOT, block.path);
  const name = block.where.replace(/[/:.]/g, '-');
  return join(import.meta.dirname, `${name}.snippet.${block.lang.startsWith('j') ? 'js' : 'ts'}`);
}

/**
 * Type-checks the blocks together, each as a module at its place, with the repository's tsconfig (`loom-threads`
 * is the engine's source). Returns one line per error: `where (line N): message`, N counted in the block.
 */
export function typeErrors(blocks: readonly CodeBlock[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  })!;
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, allowJs: true, checkJs: false };
  const virtual = new Map(blocks.map((block) => [virtualPath(block), block]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    const block = virtual.get(resolve(file));
    return block ? ts.createSourceFile(file, block.code, language, true) : getSourceFile(file, language, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => virtual.has(resolve(file)) || fileExists(file);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => virtual.get(resolve(file))?.code ?? readFile(file);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return [...virtual].flatMap(([file, block]) => {
    const source = program.getSourceFile(file)!;
    return ts.getPreEmitDiagnostics(program, source).map((d) => {
      const line = source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
      return `${block.where} (line ${line} of the block, as ${relative(ROOT, file)}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  });
}

/** What a script did: the lines it logged, and the engines it made (their watchdogs already stopped). */
export interface ScriptRun {
  logged: string[];
  engines: loom.Engine[];
}

/**
 * Runs a script block: transpiled to CommonJS, with `loom-threads` (and its `watchdog-node`) as the engine's source
 * and `console.log` recorded. The script drives its engines' ticks itself. Engines it made with a watchdog have it
 * stopped afterwards, so no worker outlives the test.
 */
export function runScript(block: CodeBlock): ScriptRun {
  const { outputText } = ts.transpileModule(block.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    fileName: virtualPath(block),
  });
  const engines: loom.Engine[] = [];
  class RecordedEngine extends loom.Engine {
    constructor(...args: ConstructorParameters<typeof loom.Engine>) {
      super(...args);
      engines.push(this);
    }
  }
  const modules: Record<string, unknown> = {
    'loom-threads': { ...loom, Engine: RecordedEngine },
    'loom-threads/watchdog-node': loomWatchdogNode,
  };
  const require = (id: string): unknown => {
    if (id in modules) return modules[id];
    throw new Error(`${block.where}: a script block may import only loom-threads, not ${id}`);
  };
  const logged: string[] = [];
  const console = { ...globalThis.console, log: (...args: unknown[]) => void logged.push(args.map(String).join(' ')) };
  const exports = {};
  try {
    new Function('require', 'exports', 'module', 'console', outputText)(require, exports, { exports }, console);
  } finally {
    for (const engine of engines) {
      const watchdog = engine.watchdog;
      engine.watchdog = null;
      watchdog?.stop();
    }
  }
  return { logged, engines };
}
