// A replay recorded in one JavaScript engine diverges in another where a Math function rounds its last bit
// differently: ECMAScript leaves them approximate. Simulation code uses detMath, made of exactly rounded operations.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type MessageId = 'replace' | 'avoid' | 'power';

/** Approximate Math functions that `detMath` (from 'loom-threads') has a portable version of. */
const REPLACED = new Set(['sin', 'cos', 'atan', 'atan2', 'hypot']);
/** Approximate Math functions it does not have: everything but the exactly rounded sqrt, abs, floor and the like. */
const AVOIDED = new Set(['tan', 'asin', 'acos', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'cbrt']);

/** The property read from `Math` (`Math.sin`, `Math['sin']`), or null. */
function mathProperty(node: TSESTree.MemberExpression): string | null {
  if (node.object.type !== 'Identifier' || node.object.name !== 'Math') return null;
  const property = node.property;
  if (!node.computed && property.type === 'Identifier') return property.name;
  return property.type === 'Literal' && typeof property.value === 'string' ? property.value : null;
}

/** The names a destructuring of `Math` takes (`const { sin, cos: c } = Math`), each with its property node. */
function destructured(pattern: TSESTree.ObjectPattern): [string, TSESTree.Property][] {
  const names: [string, TSESTree.Property][] = [];
  for (const property of pattern.properties) {
    if (property.type !== 'Property') continue;
    const key = property.key;
    if (!property.computed && key.type === 'Identifier') names.push([key.name, property]);
    else if (key.type === 'Literal' && typeof key.value === 'string') names.push([key.value, property]);
  }
  return names;
}

const isMath = (node: TSESTree.Node | null): boolean => node?.type === 'Identifier' && node.name === 'Math';

/** A number literal, negated or not (`2`, `-27`). */
function isNumberLiteral(node: TSESTree.Node): boolean {
  if (node.type === 'UnaryExpression' && node.operator === '-') return isNumberLiteral(node.argument);
  return node.type === 'Literal' && typeof node.value === 'number';
}

/**
 * `loom/no-unportable-math`: a Math function whose result may differ in the last bit between JavaScript engines
 * (`Math.sin`, `cos`, `atan2`, `exp`, `pow`, `log`, `hypot`, ...), read or destructured (`const { sin } = Math`), and
 * `**` on anything but two number literals.
 * For simulation code that must replay the same in Node and every browser; `detMath` from 'loom-threads' has portable
 * sin, cos, atan, atan2 and hypot. `Math.sqrt`, `abs`, `floor`, `round`, `min`, `max` and the like are exact.
 *
 * @example
 * ```ts
 * self.vx = Math.cos(angle) * speed;    // reported
 * self.vx = detMath.cos(angle) * speed; // fine
 * ```
 */
export const noUnportableMath: TSESLint.RuleModule<MessageId, []> = {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow Math functions whose last bit differs between JavaScript engines, in simulation code' },
    messages: {
      replace: '`Math.{{name}}` may round differently in another JavaScript engine, and a replay there diverges: use `detMath.{{name}}` from \'loom\'.',
      avoid: '`Math.{{name}}` may round differently in another JavaScript engine, and a replay there diverges: compute it from + - * / and Math.sqrt, which are exact.',
      power: '`**` may round differently in another JavaScript engine, and a replay there diverges: multiply instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const check = (name: string, node: TSESTree.Node): void => {
      if (REPLACED.has(name)) context.report({ node, messageId: 'replace', data: { name } });
      else if (AVOIDED.has(name)) context.report({ node, messageId: 'avoid', data: { name } });
    };
    const checkPattern = (pattern: TSESTree.Node, source: TSESTree.Node | null): void => {
      if (pattern.type === 'ObjectPattern' && isMath(source)) for (const [name, node] of destructured(pattern)) check(name, node);
    };
    return {
      MemberExpression(node: TSESTree.MemberExpression) {
        const name = mathProperty(node);
        if (name !== null) check(name, node);
      },
      VariableDeclarator(node: TSESTree.VariableDeclarator) {
        checkPattern(node.id, node.init);
      },
      BinaryExpression(node: TSESTree.BinaryExpression) {
        if (node.operator === '**' && !(isNumberLiteral(node.left) && isNumberLiteral(node.right))) context.report({ node, messageId: 'power' });
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.operator === '**=') context.report({ node, messageId: 'power' });
        else if (node.operator === '=') checkPattern(node.left, node.right);
      },
    };
  },
};
