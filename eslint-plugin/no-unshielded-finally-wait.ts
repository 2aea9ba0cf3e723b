// A cancel that lands while a `finally` waits is thrown at that wait, cutting the cleanup short.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isCallOf, isInsideFinally } from './syntax.ts';

/**
 * `loom/no-unshielded-finally-wait`: a wait (`yield` or `yield*`) in a `finally` block of a script, unless what
 * it waits on is a `shield(...)` call or, with type information, any value of the engine's `Shielded` type (a
 * helper that returns `shield(...)`). Cleanup that began on a normal return or an error can still be cancelled
 * while it waits; `shield` holds the cancel until the cleanup ends.
 *
 * @example
 * ```ts
 * function* grunt(self: Entity) {
 *   try { yield* fight(self); }
 *   finally {
 *     yield* perish(world, self);          // reported
 *     yield* shield(perish(world, self));  // fine
 *   }
 * }
 * ```
 */
export const noUnshieldedFinallyWait: TSESLint.RuleModule<'unshielded', []> = {
  meta: {
    type: 'problem',
    docs: { description: 'Require waits inside `finally` blocks of scripts to be wrapped in `shield(...)`' },
    messages: {
      unshielded:
        'A wait in `finally` can be cut short by a cancel landing while it runs: wrap the cleanup in `shield(...)` ' +
        '(`yield* shield(cleanup())`).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = context.sourceCode.parserServices;
    const checker = services?.program?.getTypeChecker();
    // `Shielded` marks itself with `shielded: true`, so a helper that returns a shield is seen through its type.
    const isShieldedType = (node: TSESTree.Expression): boolean => {
      if (!checker || !services?.esTreeNodeToTSNodeMap) return false;
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      const marker = checker.getTypeAtLocation(tsNode).getProperty('shielded');
      return !!marker && checker.typeToString(checker.getTypeOfSymbolAtLocation(marker, tsNode)) === 'true';
    };
    return {
      YieldExpression(node: TSESTree.YieldExpression) {
        if (!isInsideFinally(node) || isCallOf(node.argument, 'shield')) return;
        if (node.argument && isShieldedType(node.argument)) return;
        context.report({ node, messageId: 'unshielded' });
      },
    };
  },
};
