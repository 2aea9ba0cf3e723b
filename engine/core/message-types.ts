// The types of the messages threads take, for the type checker only. At run time a wait yields its op to the
// engine; its type says which messages the wait takes from the mailbox, so that `spawn` can type a thread's
// mailbox from the `receive` calls in its script (see ThreadOf), and `send` check what it posts.

declare const MESSAGE: unique symbol;

/**
 * The type of what a wait yields to the engine: `M` is the type of the messages it receives (never: none).
 * Only `receive<M>()` yields a `Step<M>` with an `M`; ops that run others (`race`, `all`, `timeout`, `shield`,
 * sub-script calls) yield what theirs do, so a script's yield type lists every message type it receives.
 *
 * @example
 * ```ts
 * const wait: Iterable<Step<Order>, Order | undefined> = receive<Order>(2);
 * ```
 */
export interface Step<out M = never> {
  readonly [MESSAGE]?: M;
}

/**
 * The message types in a yield type `Y`: the union of the `M` of each `Step<M>` in it. A script annotated as
 * yielding `unknown` (as `Generator<unknown, R, unknown>`, which recursive scripts need) says nothing of its
 * messages: its mailbox takes any.
 */
export type MessagesIn<Y> = unknown extends Y ? unknown : Y extends Step<infer M> ? M : never;

/** The message types an operation (an op, a sub-script call, a generator) receives while it runs. */
export type MessagesOf<O> = O extends Iterable<infer Y, unknown, unknown> ? MessagesIn<Y> : never;

/**
 * What `send` takes for a thread whose messages are `M`: an `M`, or, for a thread whose script never receives,
 * nothing ({@link NoMailbox}).
 */
export type MessageFor<M> = [M] extends [never] ? NoMailbox : M;

/** The type of a message to a thread whose script never receives: no value has it, and errors name it. */
export interface NoMailbox {
  readonly 'this thread never receives: its script calls no receive': never;
}
