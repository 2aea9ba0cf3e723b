import loom from 'loom-threads/eslint-plugin';
import { createRuleTester } from './rule-tester.ts';

createRuleTester().run('no-nondeterminism', loom.rules['no-nondeterminism'], {
  valid: [
    { name: 'engine.random and engine.time', code: 'function* s(engine: E) { const r = engine.random.next(); const t = engine.time; yield* a(r, t); }' },
    { name: 'outside a script (host code)', code: 'function frame() { return [Math.random(), Date.now(), performance.now(), new Date()]; }' },
    { name: 'a Date built from a value', code: 'function* s() { const d = new Date(0); yield* a(d); }' },
    { name: 'other members of Math and Date', code: 'function* s() { yield* a(Math.floor(1.5), Date.parse("2020")); }' },
  ],
  invalid: [
    {
      name: 'Math.random in a script',
      code: 'function* s() { yield* sleep(Math.random()); }',
      errors: [{ messageId: 'random', data: { what: '`Math.random()`' } }],
    },
    {
      name: 'clock reads in a script',
      code: 'function* s() { const t = [Date.now(), performance.now(), window.performance.now(), new Date(), Date()]; yield* a(t); }',
      errors: [
        { messageId: 'clock', data: { what: '`Date.now()`' } },
        { messageId: 'clock', data: { what: '`performance.now()`' } },
        { messageId: 'clock', data: { what: '`window.performance.now()`' } },
        { messageId: 'clock', data: { what: '`new Date()`' } },
        { messageId: 'clock', data: { what: '`Date()`' } },
      ],
    },
    {
      name: 'a callback inside a script (a wait predicate)',
      code: 'function* s() { yield* wait(() => Math.random() < 0.5); }',
      errors: [{ messageId: 'random' }],
    },
  ],
});
