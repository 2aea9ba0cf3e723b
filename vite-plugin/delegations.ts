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
  const walk: Walk = { code, found: [], kept: keptDeclarationNames(program) };
  visit(program, { fn: '', naming: NO_NAME, owner: '' }, walk);
  return walk.found;
}

/** What a walk over one module carries. */
interface Walk {
  readonly code: string;
  readonly found: Delegation[];
  /** Function declarations' names as esbuild's keepNames sets them (see keptName), by the names declared. */
  readonly kept: ReadonlyMap<string, string>;
}

/** What a node's place tells of function names. */
interface Scope {
  /** The enclosing function's name. */
  readonly fn: string;
  /** The name V8 would give a function literal found here, from what it is assigned to. */
  readonly naming: Naming;
  /** The object or class whose members are named here: V8 prints a method as `Owner.method`. */
  readonly owner: string;
}

/** A name from a place: V8 prints it after the type of what the function is called on, if that is known here. */
interface Naming {
  readonly receiver: string;
  readonly name: string;
  /** Set by keepNames (see keptName): it wins over the function's own name. */
  readonly kept: boolean;
}

const NO_NAME: Naming = { receiver: '', name: '', kept: false };

function printed(naming: Naming): string {
  return naming.receiver === '' || naming.name === '' ? naming.name : `${naming.receiver}.${naming.name}`;
}

function visit(node: SyntaxNode, scope: Scope, walk: Walk): void {
  if (node.type === 'YieldExpression' && node['delegate'] === true && isNode(node['argument'])) {
    const argument = node['argument'];
    walk.found.push({ start: argument.start, end: argument.end, at: reportedOffset(node, argument, walk.code), fn: scope.fn });
  }
  const fn = FUNCTIONS.has(node.type) ? functionName(node, scope, walk.kept) : scope.fn;
  const owner = ownerFor(node, scope);
  eachChild(node, (child, field) => visit(child, { fn, naming: namingFor(node, field, scope), owner }, walk));
}

function eachChild(node: SyntaxNode, visitor: (child: SyntaxNode, field: string) => void): void {
  for (const [field, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visitor(item, field);
    } else if (isNode(value)) {
      visitor(value, field);
    }
  }
}

function functionName(node: SyntaxNode, scope: Scope, kept: ReadonlyMap<string, string>): string {
  const own = identifierName(node['id']);
  if (scope.naming.kept || own === undefined) return printed(scope.naming);
  return kept.get(own) ?? own;
}

function ownerFor(node: SyntaxNode, scope: Scope): string {
  if (node.type === 'ObjectExpression') return 'Object';
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') return identifierName(node['id']) ?? printed(scope.naming);
  return node.type === 'ClassBody' ? scope.owner : '';
}

// V8 names a function literal after what it is assigned to: a variable, a property, a method's key.
function namingFor(node: SyntaxNode, field: string, scope: Scope): Naming {
  switch (node.type) {
    case 'VariableDeclarator':
      return field === 'init' ? { ...NO_NAME, name: identifierName(node['id']) ?? '' } : NO_NAME;
    case 'AssignmentExpression':
      return field === 'right' ? assignedNaming(node['left']) : NO_NAME;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      // A static member's owner is the class, a function: V8 prints `Function.member`.
      if (field !== 'value' || node['computed'] === true) return NO_NAME;
      return { receiver: node['static'] === true ? 'Function' : scope.owner, name: keyName(node['key']) ?? '', kept: false };
    case 'ExportDefaultDeclaration':
      return { ...NO_NAME, name: 'default' };
    case 'CallExpression': {
      const kept = keptName(node);
      return field === 'arguments' && kept !== undefined ? { receiver: scope.naming.receiver, name: kept, kept: true } : NO_NAME;
    }
    default:
      return NO_NAME;
  }
}

// `walk = function* ...` is `walk`; `squad.walk = function* ...` is named `squad.walk`, and V8 prints the type of
// the object it is called on before that: `Object.squad.walk`, for the plain object it mostly is.
function assignedNaming(target: unknown): Naming {
  const name = targetName(target) ?? '';
  return { receiver: isNode(target) && target.type === 'MemberExpression' ? 'Object' : '', name, kept: false };
}

/**
 * The name `__name(fn, "walk")` gives `fn`: esbuild's keepNames (which tsx uses) sets a function's `name` so, where
 * it renamed the function or its place gives none, and V8 prints that name.
 */
function keptName(call: SyntaxNode): string | undefined {
  const callee = call['callee'];
  const args = call['arguments'];
  if (!isNode(callee) || identifierName(callee) !== '__name' || !Array.isArray(args)) return undefined;
  const name: unknown = args[1];
  return isNode(name) && name.type === 'Literal' && typeof name['value'] === 'string' ? name['value'] : undefined;
}

// `function* walk2() {}` ... `__name(walk2, "walk")`: the name a declaration is given after it.
function keptDeclarationNames(program: SyntaxNode): Map<string, string> {
  const kept = new Map<string, string>();
  const search = (node: SyntaxNode): void => {
    const name = node.type === 'CallExpression' ? keptName(node) : undefined;
    const target: unknown = name === undefined ? undefined : (node['arguments'] as unknown[])[0];
    const declared = identifierName(target);
    if (name !== undefined && declared !== undefined) kept.set(declared, name);
    eachChild(node, search);
  };
  search(program);
  return kept;
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
 * callee's name or its `(` (an optional call at its `(`), `new` at the `new`, a tagged template at the template,
 * a property load at the property's name, a `[` or a `?.`; the branch last emitted of a conditional, `||`, `&&`,
 * `??` or comma at that branch's start if it records none of its own. Null if none: a name, `this`, a literal.
 * Static: of a conditional whose test is a literal, the branch it takes, as V8 folds it; otherwise the last
 * branch, whichever runs.
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
  // An optional call (`walk?.(x)`) is recorded at its `(`, whatever the callee.
  const optional = call['optional'] === true;
  if (callee.type === 'Identifier' && !optional) return callee.start;
  if (callee.type === 'MemberExpression' && callee['computed'] !== true && isNode(callee['property']) && !optional) return callee['property'].start;
  // The `(` that opens the arguments, after the callee (and a `?.`) and its type arguments.
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
