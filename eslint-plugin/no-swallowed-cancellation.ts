// The engine cancels a thread by throwing a Cancellation at its wait; a catch around that wait can swallow it.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { containsInSameFunction } from './syntax.ts';

/**
 * `loom/no-swallowed-cancellation`: a `catch` whose `try` block waits (`yield` or `yield*`) and whose body has
 * no `throw`. It catches the Cancellation a cancel throws at the wait and lets the cancelled script go on.
 *
 * @example
 * ```ts
 * try { yield* sleep(1); } catch (e) { log(e); }                                  // reported
 * try { yield* sleep(1); } catch (e) { if (isCancellation(e)) throw e; log(e); }  // fine
 * ```
 */
export const noSwallowedCancellation: TSESLint.RuleModule<'swallows', []> = {
  meta: {
    type: 'problem',
    docs: { description: 'Require a `catch` around a wait in a script to rethrow what it does not handle' },
    messages: {
      swallows:
        'This catch surrounds a wait and never rethrows: it may swallow the Cancellation a cancel throws there. ' +
        'Rethrow it with `if (isCancellation(e)) throw e`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const keys = context.sourceCode.visitorKeys;
    return {
      CatchClause(node: TSESTree.CatchClause) {
        const tryBlock = (node.parent as TSESTree.TryStatement).block;
        if (!containsInSameFunction(tryBlock, keys, (n) => n.type === 'YieldExpression')) return;
        if (containsInSameFunction(node.body, keys, (n) => n.type === 'ThrowStatement')) return;
        context.report({ node, messageId: 'swallows' });
      },
    };
  },
};
