// Loom's ESLint plugin (flat config): rules for the mistakes scripts make that the compiler does not catch.
import type { TSESLint } from '@typescript-eslint/utils';
import { noFloatingOp } from './no-floating-op.ts';
import { noNondeterminism } from './no-nondeterminism.ts';
import { noSwallowedCancellation } from './no-swallowed-cancellation.ts';
import { noUnportableMath } from './no-unportable-math.ts';
import { noUnshieldedFinallyWait } from './no-unshielded-finally-wait.ts';

const rules = {
  'no-floating-op': noFloatingOp,
  'no-unshielded-finally-wait': noUnshieldedFinallyWait,
  'no-swallowed-cancellation': noSwallowedCancellation,
  'no-nondeterminism': noNondeterminism,
  'no-unportable-math': noUnportableMath,
};

/** Loom's rules, under the `loom/` prefix, with ESLint's `no-unsafe-finally` (a `return` in `finally` defeats a cancel). */
const recommendedRules: TSESLint.FlatConfig.Rules = {
  'loom/no-floating-op': 'error',
  'loom/no-unshielded-finally-wait': 'error',
  'loom/no-swallowed-cancellation': 'error',
  'loom/no-nondeterminism': 'error',
  'no-unsafe-finally': 'error',
};

/** The plugin object. `loom/no-floating-op` needs type information (typescript-eslint's `projectService`). */
export interface LoomPlugin {
  meta: { name: string };
  rules: typeof rules;
  configs: { recommended: TSESLint.FlatConfig.Config };
}

/**
 * The plugin, with a `recommended` flat config that registers it as `loom` and turns every rule on.
 *
 * @example
 * ```js
 * // eslint.config.js
 * import tseslint from 'typescript-eslint';
 * import loom from 'loom-threads/eslint-plugin';
 *
 * export default tseslint.config(
 *   ...tseslint.configs.recommended,
 *   { languageOptions: { parserOptions: { projectService: true } } },
 *   { files: ['src/scripts/**\/*.ts'], ...loom.configs.recommended },
 * );
 * ```
 */
const plugin: LoomPlugin = {
  meta: { name: 'loom-threads/eslint-plugin' },
  rules,
  configs: { recommended: {} },
};
plugin.configs.recommended = { name: 'loom/recommended', plugins: { loom: plugin }, rules: recommendedRules };

export default plugin;
