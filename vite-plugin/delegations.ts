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
const TRANSPARENT = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ChainExpression']);
// Functions that can hold a `yield*`: an arrow cannot be a generator.
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression']);

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
      return field === 'right' ? assignedName(node['left']) : '';
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
  return owner === '' ? key : `${owner}.${key}`;
}

// `walk = function* ...` is `walk`; `squad.walk = function* ...` is named `squad.walk`, and V8 prints the type of
// the object it is called on before that: `Object.squad.walk`, for the plain object it mostly is.
function assignedName(target: unknown): string {
  const name = targetName(target);
  if (name === undefined) return '';
  return isNode(target) && target.type === 'MemberExpression' ? `Object.${name}` : name;
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
 * property's name, a `[` or a `?.`; the branch last emitted of a conditional, `||`, `&&`, `??` or comma at that
 * branch's start if it records none of its own. Null if none: a name, `this`, a literal. Static: of a conditional
 * whose test is a literal, the branch it takes, as V8 folds it; otherwise the last branch, whichever runs.
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
      return branchOffset(Array.isArray(node['expressions']) ? node['expressions'].at(-1) : undefined, code);
    case 'LogicalExpression':
      return branchOffset(node['right'], code);
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

// V8 records where each branch starts: the last branch's own last position, or else its start.
function branchOffset(branch: unknown, code: string): number | null {
  if (!isNode(branch)) return null;
  return recordedLast(branch, code) ?? unwrapped(branch).start;
}

// A literal test is folded: only the branch it takes is emitted, and it records no start of its own.
function conditionalOffset(conditional: SyntaxNode, code: string): number | null {
  const test = conditional['test'];
  const taken = isNode(test) && test.type === 'Literal' && test['regex'] === undefined && typeof test['value'] !== 'bigint'
    ? conditional[test['value'] ? 'consequent' : 'alternate']
    : undefined;
  if (taken !== undefined) return isNode(taken) ? recordedLast(taken, code) : null;
  return branchOffset(conditional['alternate'], code);
}

function unwrapped(node: SyntaxNode): SyntaxNode {
  let inner = node;
  while (TRANSPARENT.has(inner.type) && isNode(inner['expression'])) inner = inner['expression'];
  return inner;
}

function callOffset(call: SyntaxNode, code: string): number {
  let callee = call['callee'];
  // `walk!(x)` is served as `walk(x)`: the `!` leaves nothing for V8 to see.
  while (isNode(callee) && callee.type === 'TSNonNullExpression') callee = callee['expression'];
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

// An assignment's target as V8 names a function assigned to it: `walk`, `squad.walk`.
function targetName(node: unknown): string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type !== 'MemberExpression' || node['computed'] === true) return identifierName(node);
  const object = targetName(node['object']);
  const property = keyName(node['property']);
  return object === undefined || property === undefined ? undefined : `${object}.${property}`;
}

function isNode(value: unknown): value is SyntaxNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
