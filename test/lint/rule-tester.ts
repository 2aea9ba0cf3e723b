// typescript-eslint's RuleTester, run by vitest, parsing with type information from the fixture project.
import { RuleTester } from '@typescript-eslint/rule-tester';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A rule tester whose cases are type-checked as fixture/file.ts, where `loom-threads` resolves to the engine's source. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        project: './tsconfig.json',
        tsconfigRootDir: join(dirname(fileURLToPath(import.meta.url)), 'fixture'),
      },
    },
  });
}
