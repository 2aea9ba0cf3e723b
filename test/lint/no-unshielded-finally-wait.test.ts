import loom from 'loom-threads/eslint-plugin';
import { createRuleTester } from './rule-tester.ts';

const header = `
import { shield, sleep, script, type Shielded } from 'loom-threads';
const dying = script(function* dying() { yield* sleep(1); });
function perish(): Shielded<void> { return shield(dying()); }
function* a(): Generator<unknown, void, unknown> { yield* sleep(1); }
`;

createRuleTester().run('no-unshielded-finally-wait', loom.rules['no-unshielded-finally-wait'], {
  valid: [
    { name: 'a shielded wait in finally', code: 'function* s() { try { yield* a(); } finally { yield* shield(b()); } }' },
    { name: 'shield as a member', code: 'function* s() { try { yield* a(); } finally { yield* loom.shield(b()); } }' },
    { name: 'unstarred yield of a shield', code: 'function* s() { try { yield* a(); } finally { yield shield(b()); } }' },
    { name: 'a finally that does not wait', code: 'function* s() { try { yield* a(); } finally { cleanup(); } }' },
    { name: 'waits in try and catch', code: 'function* s() { try { yield* a(); } catch (e) { yield* b(); throw e; } }' },
    {
      name: 'a helper whose type is Shielded (type information)',
      code: `${header} function* s() { try { yield* a(); } finally { yield* perish(); } }`,
    },
    {
      name: 'a generator defined inside a finally waits in its own frame',
      code: 'function* s() { try { yield* a(); } finally { spawnIt(function* later() { yield* b(); }); } }',
    },
  ],
  invalid: [
    {
      name: 'yield* in finally',
      code: 'function* s() { try { yield* a(); } finally { yield* perish(); } }',
      errors: [{ messageId: 'unshielded', column: 47 }],
    },
    {
      name: 'unstarred yield and a bare yield in finally',
      code: 'function* s() { try { yield* a(); } finally { yield b(); yield; } }',
      errors: [{ messageId: 'unshielded', column: 47 }, { messageId: 'unshielded', column: 58 }],
    },
    {
      name: 'a sub-script that is not shielded (type information)',
      code: `${header} function* s() { try { yield* a(); } finally { yield* dying(); } }`,
      errors: [{ messageId: 'unshielded', line: 6 }],
    },
    {
      name: 'a wait nested in a block of a finally',
      code: 'function* s() { try { yield* a(); } finally { if (x) { for (;;) { yield* b(); } } } }',
      errors: [{ messageId: 'unshielded' }],
    },
    {
      name: 'a shield that is not the thing waited on',
      code: 'function* s() { try { yield* a(); } finally { yield* all([shield(b()), c()]); } }',
      errors: [{ messageId: 'unshielded' }],
    },
  ],
});
