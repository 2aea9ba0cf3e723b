// Same seed, same run: a script that reads the wall clock or an unseeded generator breaks replays.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isInsideGenerator } from './syntax.ts';

type MessageId = 'random' | 'clock';

/** `object.property` of two plain names, e.g. `Math.random`, or `x.performance.now` read as `performance.now`. */
function memberName(node: TSESTree.Node): string | null {
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return null;
  const object = node.object;
  const objectName =
    object.type === 'Identifier' ? object.name
    : object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' ? object.property.name
    : null;
  return objectName && `${objectName}.${node.property.name}`;
}

const CALLS: Record<string, MessageId> = { 'Math.random': 'random', 'Date.now': 'clock', 'performance.now': 'clock' };

/**
 * `loom/no-nondeterminism`: `Math.random()`, `Date.now()`, `performance.now()`, `Date()` and `new Date()` inside a
 * script (a generator, or a callback inside one). Use `engine.random` and `engine.time`, which repeat with the seed.
 *
 * @example
 * ```ts
 * function* wander(self: Entity) {
 *   const engine = yield* useEngine();
 *   yield* sleep(Math.random());         // reported
 *   yield* sleep(engine.random.next());  // fine
 * }
 * ```
 */
export const noNondeterminism: TSESLint.RuleModule<MessageId, []> = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow unseeded randomness and wall-clock reads inside scripts' },
    messages: {
      random: '{{what}} differs from run to run: use `engine.random` (seeded), so same-seed runs repeat.',
      clock: '{{what}} reads the wall clock: use `engine.time` (simulated seconds), so same-seed runs repeat.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const report = (node: TSESTree.Node, messageId: MessageId) =>
      context.report({ node, messageId, data: { what: `\`${context.sourceCode.getText(node)}\`` } });
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const dateCall = node.callee.type === 'Identifier' && node.callee.name === 'Date';
        const messageId = dateCall ? 'clock' : CALLS[memberName(node.callee) ?? ''];
        if (messageId && isInsideGenerator(node)) report(node, messageId);
      },
      NewExpression(node: TSESTree.NewExpression) {
        const now = node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0;
        if (now && isInsideGenerator(node)) report(node, 'clock');
      },
    };
  },
};
