import fc from 'fast-check';
import { SIGNALS, type Block, type Cleanup, type Handler, type HostAction, type Program, type Stmt, type Target } from './program.ts';

// fast-check arbitraries for programs. Nesting is bounded by a depth (the arbitraries of each depth are built once),
// waits are a few ticks, and the host acts in the first ticks: programs end in tens of ticks. Rarely, a wait reaches
// past the timing wheel's first level (4,096 ticks), and a program begins with a crowd of over a thousand spawns.

const MAX_DEPTH = 3;
// A long wait ends near a multiple of 4,096 ticks, where waits from either level of the wheel meet.
const ticks = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 250 },
  { arbitrary: fc.integer({ min: 4093, max: 4100 }), weight: 1 },
);
const index = fc.nat({ max: 7 });
const signal = fc.nat({ max: SIGNALS - 1 });
const rarely = fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 });

const target: fc.Arbitrary<Target> = fc.oneof(
  fc.constant({ kind: 'self' as const }),
  fc.constant({ kind: 'parent' as const }),
  index.map((i) => ({ kind: 'child' as const, index: i })),
  index.map((i) => ({ kind: 'any' as const, index: i })),
);

const leaf: fc.Arbitrary<Stmt> = fc.oneof(
  { arbitrary: fc.constant({ k: 'yield' as const }), weight: 3 },
  { arbitrary: ticks.map((n) => ({ k: 'waitTicks' as const, ticks: n })), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('waitUntil' as const), ticks, cancels: fc.option(target, { freq: 4 }), throws: rarely }), weight: 2 },
  { arbitrary: signal.map((s) => ({ k: 'waitSignal' as const, signal: s })), weight: 2 },
  { arbitrary: signal.map((s) => ({ k: 'emit' as const, signal: s })), weight: 1 },
  { arbitrary: ticks.map((n) => ({ k: 'sleep' as const, ticks: n })), weight: 2 },
  { arbitrary: index.map((i) => ({ k: 'join' as const, child: i })), weight: 3 },
  { arbitrary: target.map((t) => ({ k: 'cancel' as const, target: t })), weight: 2 },
  { arbitrary: target.map((t) => ({ k: 'send' as const, target: t })), weight: 1 },
  { arbitrary: fc.option(ticks, { freq: 2 }).map((n) => ({ k: 'receive' as const, ticks: n })), weight: 2 },
  { arbitrary: fc.constant({ k: 'throw' as const }), weight: 3 },
  ...actorLeaves(),
);

// The actor ops: a few names and groups, so threads meet in them.
function actorLeaves(): { arbitrary: fc.Arbitrary<Stmt>; weight: number }[] {
  const key = fc.nat({ max: 1 });
  const match = fc.constantFrom('send' as const, 'tick' as const, 'after' as const, 'request' as const, 'down' as const);
  return [
    {
      // Without a timeout it waits for the host's tick messages, which keep coming: every wait is bounded.
      arbitrary: fc.tuple(match, fc.option(ticks, { freq: 2 }))
        .map(([kind, n]): Stmt => ({ k: 'receiveMatch', match: n === null ? 'tick' : kind, ticks: n })),
      weight: 2,
    },
    { arbitrary: key.map((n) => ({ k: 'register' as const, name: n })), weight: 1 },
    { arbitrary: key.map((n) => ({ k: 'whereis' as const, name: n })), weight: 1 },
    { arbitrary: key.map((n) => ({ k: 'sendName' as const, name: n })), weight: 1 },
    { arbitrary: key.map((g) => ({ k: 'joinGroup' as const, group: g })), weight: 1 },
    { arbitrary: key.map((g) => ({ k: 'members' as const, group: g })), weight: 1 },
    { arbitrary: key.map((g) => ({ k: 'broadcast' as const, group: g })), weight: 1 },
    { arbitrary: target.map((t) => ({ k: 'monitor' as const, target: t })), weight: 2 },
    { arbitrary: index.map((i) => ({ k: 'demonitor' as const, index: i })), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant('callChild' as const), child: index, ticks }), weight: 2 },
    { arbitrary: fc.constant({ k: 'reply' as const }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant('sendAfter' as const), ticks, target }), weight: 1 },
  ];
}

const blocks: fc.Arbitrary<Block>[] = [];
for (let depth = 0; depth <= MAX_DEPTH; depth++) blocks.push(blockOf(depth));

function blockOf(depth: number): fc.Arbitrary<Block> {
  const stmt = depth === 0 ? leaf : compound(depth);
  return fc.array(stmt, { minLength: 0, maxLength: depth === 0 ? 3 : 4 });
}

function compound(depth: number): fc.Arbitrary<Stmt> {
  const inner = blocks[depth - 1]!;
  const branches = fc.array(inner, { minLength: 1, maxLength: 3 });
  const handler: fc.Arbitrary<Handler> = fc.record({ rethrow: fc.boolean(), body: inner });
  const cleanup: fc.Arbitrary<Cleanup> = fc.record({ shielded: fc.boolean(), body: inner });
  return fc.oneof(
    { arbitrary: leaf, weight: 12 },
    { arbitrary: fc.record({ k: fc.constant('spawn' as const), detached: rarely, body: inner }), weight: 4 },
    { arbitrary: fc.record({ k: fc.constant('race' as const), branches }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant('all' as const), branches }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant('timeout' as const), ticks, body: inner }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant('call' as const), frame: fc.boolean(), body: inner }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant('shield' as const), body: inner }), weight: 1 },
    { arbitrary: supervise(inner), weight: 1 },
    {
      arbitrary: fc.record({ k: fc.constant('try' as const), body: inner, handler: fc.option(handler), cleanup: fc.option(cleanup, { freq: 3 }) }),
      weight: 5,
    },
  );
}

function supervise(inner: fc.Arbitrary<Block>): fc.Arbitrary<Stmt> {
  const child = fc.record({ restart: fc.constantFrom('permanent' as const, 'transient' as const, 'temporary' as const), body: inner });
  return fc.record({
    k: fc.constant('supervise' as const),
    strategy: fc.constantFrom('one-for-one' as const, 'one-for-all' as const, 'rest-for-one' as const),
    intensity: fc.nat({ max: 3 }),
    period: fc.integer({ min: 1, max: 8 }),
    delay: fc.nat({ max: 2 }),
    children: fc.array(child, { minLength: 1, maxLength: 3 }),
  });
}

const hostAction: fc.Arbitrary<HostAction> = fc.oneof(
  { arbitrary: index.map((i) => ({ k: 'cancel' as const, thread: i })), weight: 3 },
  { arbitrary: signal.map((s) => ({ k: 'emit' as const, signal: s })), weight: 1 },
  { arbitrary: index.map((i) => ({ k: 'send' as const, thread: i })), weight: 1 },
  { arbitrary: fc.record({ k: fc.constant('reload' as const), script: fc.constantFrom('thread' as const, 'sub' as const), broken: rarely }), weight: 1 },
);

const crowd: fc.Arbitrary<Stmt> = fc.record({
  k: fc.constant('crowd' as const),
  count: fc.integer({ min: 1001, max: 1100 }),
  body: blocks[0]!,
});
const rarelyACrowd = fc.oneof({ arbitrary: fc.constant(null), weight: 79 }, { arbitrary: crowd, weight: 1 });

/**
 * Random programs: one to three root threads and up to four host actions in the first 12 ticks. One in about 80
 * begins its first root with a crowd.
 */
export const programs: fc.Arbitrary<Program> = fc.record({
  roots: fc
    .tuple(fc.array(blocks[MAX_DEPTH]!, { minLength: 1, maxLength: 3 }), rarelyACrowd)
    .map(([roots, first]) => (first === null ? roots : [[first, ...roots[0]!], ...roots.slice(1)])),
  host: fc
    .array(fc.record({ tick: fc.integer({ min: 1, max: 12 }), action: hostAction }), { maxLength: 4 })
    .map((actions) => [...actions].sort((a, b) => a.tick - b.tick)),
});
