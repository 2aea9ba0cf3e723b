import loom from 'loom-threads/eslint-plugin';
import { createRuleTester } from './rule-tester.ts';

const header = `
import { sleep, join, script, spawn, type Thread } from 'loom-threads';
function* plainHelper(): Generator<unknown, void, unknown> { yield* sleep(1); }
const walkTo = script(function* walkTo(_x: number, _y: number) { yield* sleep(1); });
function notAnOp(): number { return 1; }
`;

createRuleTester().run('no-floating-op', loom.rules['no-floating-op'], {
  valid: [
    { name: 'yield* of an op', code: `${header} function* s() { yield* sleep(1); }` },
    { name: 'unstarred yield of an op', code: `${header} function* s() { yield sleep(1); }` },
    { name: 'yield* of a sub-script and of a plain helper', code: `${header} function* s() { yield* walkTo(1, 2); yield* plainHelper(); }` },
    { name: 'an op kept in a variable', code: `${header} function* s() { const op = sleep(1); yield* op; }` },
    { name: 'dropped on purpose with void', code: `${header} function* s() { void sleep(1); }` },
    { name: 'a call that is not an op', code: `${header} function* s() { notAnOp(); yield* sleep(1); }` },
    { name: 'outside a generator (there is no yield* to forget)', code: `${header} function f() { sleep(1); }` },
    { name: 'in a callback inside a script, which cannot wait', code: `${header} function* s() { [1].forEach(() => { sleep(1); }); }` },
  ],
  invalid: [
    {
      name: 'an op as a statement',
      code: `${header} function* s() { sleep(1); }`,
      errors: [{ messageId: 'floating', data: { what: 'op', call: 'sleep(1)' } }],
    },
    {
      name: 'join and spawn ops',
      code: `${header} function* s(t: Thread) { join(t); spawn(function* c() {}); }`,
      errors: [{ messageId: 'floating', line: 6 }, { messageId: 'floating', line: 6 }],
    },
    {
      name: 'a script() sub-script call',
      code: `${header} function* s() { walkTo(3, 4); }`,
      errors: [{ messageId: 'floating', data: { what: 'op', call: 'walkTo(3, 4)' } }],
    },
    {
      name: 'a plain generator helper call',
      code: `${header} const g = function* () { plainHelper(); };`,
      errors: [{ messageId: 'floating', data: { what: 'generator call', call: 'plainHelper()' } }],
    },
    {
      name: 'a generator method of a class',
      code: `${header} class A { *run() { sleep(2); } }`,
      errors: [{ messageId: 'floating' }],
    },
  ],
});
