/**
 * `loom-threads/node`: imported first thing by Node, it makes script stack traces nearly free in Node, as
 * `loom-threads/vite` does under the dev server. It registers module hooks that write the place of each `yield*`
 * into each module that can import the engine, as Node loads it, so the engine need not capture the stack at run
 * time. It needs `vite` installed (for its parser); without it, it warns and registers nothing.
 *
 * @example
 * ```sh
 * node --import tsx --import loom-threads/node server.ts   # after tsx: its hooks hand this one JavaScript
 * node --import loom-threads/node server.js
 * ```
 *
 * @module
 */
import { createRequire, register } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SiteHooksData } from './hooks.ts';

const parser = parserModule();
if (parser === null) {
  process.emitWarning('loom-threads/node needs vite (npm install -D vite) for its parser: not found, so call sites are captured at run time', { code: 'LOOM_NO_PARSER' });
} else {
  // The sites are written as a trace mapped through the module's source map prints them; tsx turns maps on too.
  process.setSourceMapsEnabled(true);
  const data: SiteHooksData = { parser };
  // Node runs the hooks registered last first: these call tsx's load (registered before) and get its JavaScript.
  // They are in the same form as this module: TypeScript from source, JavaScript from the package.
  register(new URL(`./hooks${extname(new URL(import.meta.url).pathname)}`, import.meta.url), { data });
}

// Vite's parser is rolldown's: found through Vite, it is loaded alone, without the rest of Vite.
function parserModule(): string | null {
  try {
    return pathToFileURL(createRequire(fileURLToPath(import.meta.resolve('vite'))).resolve('rolldown/utils')).href;
  } catch {
    return null;
  }
}
