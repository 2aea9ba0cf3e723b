import type { Block, Program, Stmt } from './program.ts';

// fast-check shrinks inside a statement's kind (a `try` stays a `try`); this greedy pass also replaces a statement
// by its inner blocks, drops catch and finally clauses, branches, roots and host actions, so a counterexample
// reads as the few statements that matter.

/** The smallest program reached by one-step simplifications that each keep `stillFails` true. */
export function simplify(program: Program, stillFails: (candidate: Program) => boolean): Program {
  let current = program;
  for (let changed = true; changed; ) {
    changed = false;
    for (const candidate of candidates(current)) {
      if (stillFails(candidate)) {
        current = candidate;
        changed = true;
        break;
      }
    }
  }
  return current;
}

function* candidates(program: Program): Generator<Program> {
  for (let i = 0; program.roots.length > 1 && i < program.roots.length; i++) {
    yield { ...program, roots: program.roots.filter((_, j) => j !== i) };
  }
  for (let i = 0; i < program.host.length; i++) yield { ...program, host: program.host.filter((_, j) => j !== i) };
  for (let i = 0; i < program.roots.length; i++) {
    for (const root of simplerBlocks(program.roots[i]!)) yield { ...program, roots: program.roots.map((r, j) => (j === i ? root : r)) };
  }
}

/** Blocks one step simpler than `block`: a statement dropped, inlined, or made simpler. */
function* simplerBlocks(block: Block): Generator<Block> {
  for (let i = 0; i < block.length; i++) {
    const replace = (stmts: Stmt[]): Block => [...block.slice(0, i), ...stmts, ...block.slice(i + 1)];
    yield replace([]);
    const stmt = block[i]!;
    for (const inner of innerBlocks(stmt)) yield replace(inner);
    for (const simpler of simplerStmts(stmt)) yield replace([simpler]);
  }
}

function innerBlocks(stmt: Stmt): Block[] {
  switch (stmt.k) {
    case 'spawn':
    case 'timeout':
    case 'call':
    case 'shield':
    case 'crowd':
      return [stmt.body];
    case 'race':
    case 'all':
      return stmt.branches;
    case 'try':
      return [stmt.body, ...(stmt.handler ? [stmt.handler.body] : []), ...(stmt.cleanup ? [stmt.cleanup.body] : [])];
    default:
      return [];
  }
}

function* simplerStmts(stmt: Stmt): Generator<Stmt> {
  switch (stmt.k) {
    case 'spawn':
      if (stmt.detached) yield { ...stmt, detached: false };
      for (const body of simplerBlocks(stmt.body)) yield { ...stmt, body };
      return;
    case 'timeout':
    case 'call':
    case 'shield':
      for (const body of simplerBlocks(stmt.body)) yield { ...stmt, body };
      return;
    case 'crowd':
      if (stmt.count > 1) yield { ...stmt, count: Math.floor(stmt.count / 2) };
      for (const body of simplerBlocks(stmt.body)) yield { ...stmt, body };
      return;
    case 'race':
    case 'all':
      for (let b = 0; b < stmt.branches.length; b++) {
        if (stmt.branches.length > 1) yield { ...stmt, branches: stmt.branches.filter((_, j) => j !== b) };
        for (const branch of simplerBlocks(stmt.branches[b]!)) {
          yield { ...stmt, branches: stmt.branches.map((x, j) => (j === b ? branch : x)) };
        }
      }
      return;
    case 'try':
      if (stmt.handler) yield { ...stmt, handler: null };
      if (stmt.cleanup) yield { ...stmt, cleanup: null };
      if (stmt.handler?.rethrow) yield { ...stmt, handler: { ...stmt.handler, rethrow: false } };
      if (stmt.cleanup?.shielded) yield { ...stmt, cleanup: { ...stmt.cleanup, shielded: false } };
      for (const body of simplerBlocks(stmt.body)) yield { ...stmt, body };
      if (stmt.handler) for (const body of simplerBlocks(stmt.handler.body)) yield { ...stmt, handler: { ...stmt.handler, body } };
      if (stmt.cleanup) for (const body of simplerBlocks(stmt.cleanup.body)) yield { ...stmt, cleanup: { ...stmt.cleanup, body } };
      return;
    default:
      return;
  }
}
