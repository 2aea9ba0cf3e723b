import loom from 'loom-threads/eslint-plugin';
import { createRuleTester } from './rule-tester.ts';

createRuleTester().run('no-swallowed-cancellation', loom.rules['no-swallowed-cancellation'], {
  valid: [
    {
      name: 'a catch that rethrows cancellation',
      code: 'function* s() { try { yield* a(); } catch (e) { if (isCancellation(e)) throw e; log(e); } }',
    },
    { name: 'a catch that rethrows everything', code: 'function* s() { try { yield* a(); } catch (e) { log(e); throw e; } }' },
    { name: 'a try that does not wait', code: 'function* s() { try { parse(); } catch { fallback(); } yield* a(); }' },
    {
      name: 'a wait only in a function nested in the try',
      code: 'function* s() { try { spawnIt(function* c() { yield* a(); }); } catch { fallback(); } }',
    },
    { name: 'try/finally without catch', code: 'function* s() { try { yield* a(); } finally { done(); } }' },
  ],
  invalid: [
    {
      name: 'a catch that logs and goes on',
      code: 'function* s() { try { yield* a(); } catch (e) { log(e); } yield* b(); }',
      errors: [{ messageId: 'swallows', column: 37 }],
    },
    {
      name: 'a catch without a binding',
      code: 'function* s() { try { yield a(); } catch { return 1; } }',
      errors: [{ messageId: 'swallows' }],
    },
    {
      name: 'a wait deep in the try block',
      code: 'function* s() { try { while (x) { if (y) yield* a(); } } catch (e) { log(e); } }',
      errors: [{ messageId: 'swallows' }],
    },
    {
      name: 'a throw only inside a function in the catch does not rethrow',
      code: 'function* s() { try { yield* a(); } catch (e) { later(() => { throw e; }); } }',
      errors: [{ messageId: 'swallows' }],
    },
  ],
});
