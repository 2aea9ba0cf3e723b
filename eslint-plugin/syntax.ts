// Where a node sits relative to the functions around it: the questions every Loom rule asks of the syntax tree.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/** A function of any form: declaration, expression or arrow. */
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression'
  );
}

/** The innermost function around `node`, or null at the top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let at = node.parent; at; at = at.parent) if (isFunction(at)) return at;
  return null;
}

/** Whether `node` runs as part of a script: some function around it is a generator (a callback inside one counts). */
export function isInsideGenerator(node: TSESTree.Node): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) if (fn.generator) return true;
  return false;
}

/** Whether `node` lies in the `finally` block of a `try` of its own function (not of a function nested in it). */
export function isInsideFinally(node: TSESTree.Node): boolean {
  for (let at: TSESTree.Node = node; at.parent && !isFunction(at); at = at.parent) {
    if (at.parent.type === 'TryStatement' && at.parent.finalizer === at) return true;
  }
  return false;
}

/**
 * Whether some node in `root`'s subtree (`root` included) satisfies `test`, without entering nested functions:
 * their code runs at another time, in another frame.
 */
export function containsInSameFunction(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  test: (node: TSESTree.Node) => boolean,
): boolean {
  const stack: TSESTree.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (test(node)) return true;
    if (node !== root && isFunction(node)) continue;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') stack.push(item as TSESTree.Node);
      }
    }
  }
  return false;
}

/** Whether `node` is a call of a function named `name`, plainly (`name(...)`) or as a member (`x.name(...)`). */
export function isCallOf(node: TSESTree.Node | null | undefined, name: string): boolean {
  if (node?.type !== 'CallExpression') return false;
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name === name;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' &&
    callee.property.name === name;
}
