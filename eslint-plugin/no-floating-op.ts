// An op or a sub-script called as a statement inside a script builds a value and drops it: nothing waits.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type ts from 'typescript';
import { enclosingFunction } from './syntax.ts';

/** Whether `type` (or a member of a union) is an engine `Op` or a generator object: both do nothing until run. */
function isUnrunWork(type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some(isUnrunWork);
  const symbol = type.getSymbol();
  if (!symbol) return false;
  const name = symbol.getName();
  if (name === 'Generator') return true;
  // The engine's Op class, from source (engine/core/op.ts) or from the package (lib/engine/op.d.ts).
  return name === 'Op' && (symbol.declarations ?? []).some((d) => /[\\/]op\.(d\.)?ts$/.test(d.getSourceFile().fileName));
}

/**
 * `loom/no-floating-op`: inside a generator, a statement that is a call whose type is an engine `Op` or a
 * `Generator` (a sub-script or a plain helper) and is not `yield*`ed: it compiles and silently does nothing.
 * Needs type information (`parserOptions.projectService`), like `no-floating-promises`.
 *
 * @example
 * ```ts
 * function* guard(self: Entity) {
 *   sleep(1);               // reported: nothing waits
 *   yield* sleep(1);        // fine
 *   void walkTo(self, 3, 4); // fine: dropped on purpose
 * }
 * ```
 */
export const noFloatingOp: TSESLint.RuleModule<'floating', []> = {
  meta: {
    type: 'problem',
    docs: { description: 'Require `yield*` on an op or sub-script called as a statement inside a script' },
    messages: {
      floating:
        'This {{what}} is built and dropped: nothing waits. Write `yield* {{call}}` (or `void {{call}}` to drop it on purpose).',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program || !services.esTreeNodeToTSNodeMap) {
      throw new Error(
        'loom/no-floating-op needs type information: set languageOptions.parserOptions.projectService (typescript-eslint).',
      );
    }
    const checker = services.program.getTypeChecker();
    const nodeMap = services.esTreeNodeToTSNodeMap;
    return {
      ExpressionStatement(node: TSESTree.ExpressionStatement) {
        const call = node.expression;
        if (call.type !== 'CallExpression' || !enclosingFunction(node)?.generator) return;
        const type = checker.getTypeAtLocation(nodeMap.get(call));
        if (!isUnrunWork(type)) return;
        const what = type.getSymbol()?.getName() === 'Generator' ? 'generator call' : 'op';
        context.report({ node, messageId: 'floating', data: { what, call: context.sourceCode.getText(call) } });
      },
    };
  },
};
