import loom from 'loom-threads/eslint-plugin';
import { createRuleTester } from './rule-tester.ts';

createRuleTester().run('no-unportable-math', loom.rules['no-unportable-math'], {
  valid: [
    { name: 'detMath', code: 'import { detMath } from "loom-threads"; export const v = detMath.cos(1) * detMath.hypot(3, 4) + detMath.atan2(1, 2);' },
    {
      name: 'the exactly rounded Math functions and constants',
      code: 'export const v = [Math.sqrt(2), Math.abs(-1), Math.floor(1.5), Math.round(1.5), Math.min(1, 2), Math.max(1, 2), Math.fround(1), Math.trunc(1), Math.sign(-1), Math.PI];',
    },
    { name: 'a power of two number literals', code: 'export const tiny = 2 ** -27;' },
    { name: 'a sin of something else', code: 'const trig = { sin: (x: number) => x }; export const v = trig.sin(1);' },
    { name: 'the exact ones destructured, and a sin destructured from something else', code: 'const { sqrt, PI } = Math; const { sin } = { sin: (x: number) => x }; export const v = sqrt(PI) + sin(1);' },
  ],
  invalid: [
    {
      name: 'what detMath replaces, called or passed on',
      code: 'export const v = [Math.sin(1), Math.cos(1), Math.atan(1), Math.atan2(1, 2), Math.hypot(3, 4), [1].map(Math.sin)];',
      errors: ['sin', 'cos', 'atan', 'atan2', 'hypot', 'sin'].map((name) => ({ messageId: 'replace' as const, data: { name } })),
    },
    {
      name: 'what it does not have',
      code: 'export const v = [Math.exp(1), Math.pow(2, 0.5), Math.log(2), Math.tan(1), Math["cbrt"](8)];',
      errors: ['exp', 'pow', 'log', 'tan', 'cbrt'].map((name) => ({ messageId: 'avoid' as const, data: { name } })),
    },
    {
      name: 'destructured from Math, in a declaration or an assignment, renamed or not',
      code: 'const { sin, cos: cosine, sqrt, "atan2": angle } = Math; let tan; ({ tan } = Math); export const v = [sin, cosine, sqrt, angle, tan];',
      errors: [
        { messageId: 'replace' as const, data: { name: 'sin' } },
        { messageId: 'replace' as const, data: { name: 'cos' } },
        { messageId: 'replace' as const, data: { name: 'atan2' } },
        { messageId: 'avoid' as const, data: { name: 'tan' } },
      ],
    },
    {
      name: 'the power operator on a variable',
      code: 'let x = 3; export const v = x ** 2; x **= 2;',
      errors: [{ messageId: 'power' }, { messageId: 'power' }],
    },
  ],
});
