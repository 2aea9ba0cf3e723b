/** A node of the ESTree the parser gives (oxc's, with TypeScript's nodes): offsets in UTF-16 units. */
export interface SyntaxNode {
  readonly type: string;
  readonly start: number;
  readonly end: number;
  readonly [field: string]: unknown;
}

/** One `yield* argument` of a module: what to wrap, where the runtime would say it is, and in which function. */
export interface Delegation {
  /** The argument's extent, which the plugin wraps. */
  readonly start: number;
  readonly end: number;
  /** The offset V8 reports for the frame while `yield*` starts its argument's iterator. */
  readonly at: number;
  /** The enclosing function's name, as a stack trace would print it; '' if it has none. */
  readonly fn: string;
}

// Wrappers that change nothing at run time: the position is the wrapped expression's.
const TRANSPARENT = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'ChainExpression']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Every `yield* argument` in `program`, outermost first. */
export function findDelegations(program: SyntaxNode, code: string): Delegation[] {
  const found: Delegation[] = [];
  visit(program, { fn: '', naming: '', owner: '' }, code, found);
  return found;
}

/** What a node's place tells of function names. */
interface Scope {
  /** The enclosing function's name. */
  readonly fn: string;
  /** The name V8 would give a function literal found here, from what it is assigned to. */
  readonly naming: string;
  /** The object or class whose members are named here: V8 prints a method as `Owner.method`. */
  readonly owner: string;
}

function visit(node: SyntaxNode, scope: Scope, code: string, found: Delegation[]): void {
  if (node.type === 'YieldExpression' && node['delegate'] === true && isNode(node['argument'])) {
    const argument = node['argument'];
    found.push({ start: argument.start, end: argument.end, at: reportedOffset(node, argument, code), fn: scope.fn });
  }
  const fn = FUNCTIONS.has(node.type) ? functionName(node, scope) : scope.fn;
  for (const [field, value] of Object.entries(node)) {
    const inner: Scope = { fn, naming: namingFor(node, field, scope.owner), owner: ownerFor(node, scope) };
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item, inner, code, found);
    } else if (isNode(value)) {
      visit(value, inner, code, found);
    }
  }
}

function functionName(node: SyntaxNode, scope: Scope): string {
  return identifierName(node['id']) ?? scope.naming;
}

function ownerFor(node: SyntaxNode, scope: Scope): string {
  if (node.type === 'ObjectExpression') return 'Object';
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return identifierName(node['id']) ?? scope.naming;
  return node.type === 'ClassBody' ? scope.owner : '';
}

// V8 names a function literal after what it is assigned to: a variable, a property, a method's key.
function namingFor(node: SyntaxNode, field: string, owner: string): string {
  switch (node.type) {
    case 'VariableDeclarator':
      return field === 'init' ? (identifierName(node['id']) ?? '') : '';
    case 'AssignmentExpression':
      return field === 'right' ? (targetName(node['left']) ?? '') : '';
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      // A static member's owner is the class, a function: V8 prints `Function.member`.
      if (field !== 'value' || node['computed'] === true) return '';
      return memberName(node['static'] === true ? 'Function' : owner, keyName(node['key']));
    default:
      return '';
  }
}

function memberName(owner: string, key: string | undefined): string {
  if (key === undefined) return '';
  return owner === '' || key.startsWith('#') ? key : `${owner}.${key}`;
}

/**
 * Where V8 says the frame is while `yield*` starts its argument: the last position its bytecode recorded while
 * evaluating it (see recordedLast), or, where it recorded none (a variable, `this`), the `yield` itself.
 */
function reportedOffset(yieldNode: SyntaxNode, argument: SyntaxNode, code: string): number {
  return recordedLast(argument, code) ?? yieldNode.start;
}

/**
 * The last source position V8 records in evaluating `node`, in the order it generates bytecode: a call at its
 * callee's name or its `(`, `new` at the `new`, a tagged template at the template, a property load at the
 * property's name, a `[` or a `?.`. Null if none: a name, `this`, a literal. Static: of a conditional, the last
 * branch V8 emits, whichever runs.
 */
function recordedLast(node: SyntaxNode, code: string): number | null {
  switch (node.type) {
    case 'CallExpression':
      return callOffset(node, code);
    case 'NewExpression':
      return node.start;
    case 'TaggedTemplateExpression':
      return isNode(node['quasi']) ? node['quasi'].start : node.start;
    case 'MemberExpression':
      return memberOffset(node, code);
    case 'SequenceExpression':
      return lastOf(node['expressions'], code);
    case 'LogicalExpression':
      return lastOf([node['left'], node['right']], code);
    case 'ConditionalExpression':
      return conditionalOffset(node, code);
    default:
      return TRANSPARENT.has(node.type) && isNode(node['expression']) ? recordedLast(node['expression'], code) : null;
  }
}

function memberOffset(member: SyntaxNode, code: string): number | null {
  const object = member['object'];
  const property = member['property'];
  if (!isNode(object) || !isNode(property)) return null;
  if (member['computed'] === true) return code.lastIndexOf('[', property.start);
  return member['optional'] === true ? code.indexOf('?.', object.end) : property.start;
}

// A literal `true` or `false` test is folded: only the branch it takes is emitted.
function conditionalOffset(conditional: SyntaxNode, code: string): number | null {
  const test = conditional['test'];
  const folded = isNode(test) && test.type === 'Literal' && typeof test['value'] === 'boolean' ? test['value'] : null;
  if (folded === true) return isNode(conditional['consequent']) ? recordedLast(conditional['consequent'], code) : null;
  if (folded === false) return isNode(conditional['alternate']) ? recordedLast(conditional['alternate'], code) : null;
  return lastOf([conditional['test'], conditional['consequent'], conditional['alternate']], code);
}

function lastOf(nodes: unknown, code: string): number | null {
  if (!Array.isArray(nodes)) return null;
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node: unknown = nodes[index];
    const offset = isNode(node) ? recordedLast(node, code) : null;
    if (offset !== null) return offset;
  }
  return null;
}

function callOffset(call: SyntaxNode, code: string): number {
  const callee = call['callee'];
  if (!isNode(callee)) return call.start;
  if (callee.type === 'Identifier') return callee.start;
  if (callee.type === 'MemberExpression' && callee['computed'] !== true && isNode(callee['property'])) return callee['property'].start;
  // The `(` that opens the arguments, after the callee and its type arguments.
  const typeArguments = call['typeArguments'];
  const open = code.indexOf('(', isNode(typeArguments) ? typeArguments.end : callee.end);
  return open < 0 ? call.start : open;
}

function identifierName(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Identifier' && typeof node['name'] === 'string' ? node['name'] : undefined;
}

function keyName(node: unknown): string | undefined {
  if (isNode(node) && node.type === 'Literal' && typeof node['value'] === 'string') return node['value'];
  return identifierName(node) ?? (isNode(node) && node.type === 'PrivateIdentifier' ? `#${String(node['name'])}` : undefined);
}

function targetName(node: unknown): string | undefined {
  if (isNode(node) && node.type === 'MemberExpression' && node['computed'] !== true) return keyName(node['property']);
  return identifierName(node);
}

function isNode(value: unknown): value is SyntaxNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
