/**
 * `loom-threads/node`: imported first thing by Node, it makes script stack traces nearly free in Node, as
 * `loom-threads/vite` does under the dev server. It registers module hooks that write the place of each `yield*`
 * into each module that uses the engine, as Node loads it, so the engine need not capture the stack at run time.
 *
 * @example
 * ```sh
 * node --import tsx --import loom-threads/node server.ts   # after tsx: its hooks hand this one JavaScript
 * node --import loom-threads/node server.js
 * ```
 *
 * @module
 */
import { extname } from 'node:path';
import { register } from 'node:module';

// The sites are written as a trace mapped through the module's source map prints them; tsx turns the maps on too.
process.setSourceMapsEnabled(true);
// Node runs the hooks registered last first: these call tsx's load (registered before) and get its JavaScript.
// They are in the same form as this module: TypeScript from source, JavaScript from the package.
register(new URL(`./hooks${extname(new URL(import.meta.url).pathname)}`, import.meta.url));
