import { checkScript, LoomError, type MessagesIn, newestScript, Op, pushFrame, RAW_SCRIPT, type Script, type ScriptGenerator, type SubScript, type Thread } from '../core/kernel.ts';

/**
 * Declares a sub-script: a generator function that other scripts call with `yield*`. Each call becomes a frame
 * that the engine pushes on the calling thread's stack, so resuming a thread ten sub-scripts deep costs the same
 * as resuming it at the top, the inspector shows the stack by name, and cancellation unwinds it frame by frame
 * (every `finally` runs, innermost first, and may wait).
 *
 * Inside a named function expression, its own name means the raw generator function: a recursive sub-script
 * must call the wrapper by another name, or the inner calls run as plain `yield*` delegation within one frame.
 *
 * @example
 * ```ts
 * const walkTo = script(function* walkTo(self: Entity, x: number, y: number) {
 *   while (!self.at(x, y)) { self.stepToward(x, y); yield; }
 *   return self.distanceWalked;
 * });
 * function* guard(self: Entity) {
 *   const walked = yield* walkTo(self, 10, 4); // typed: number
 * }
 * ```
 */
export function script<A extends unknown[], R, Y>(fn: (...args: A) => Generator<Y, R, unknown>): SubScript<A, R, MessagesIn<Y>> {
  const raw = checkScript(fn, 'script()', null) as unknown as Script<A, R>;
  const name = raw.name || 'sub-script';
  // With hot reload on, a call runs the newest version of the sub-script, from code that was not reloaded too.
  const call = (...args: A) => new Call<R, MessagesIn<Y>>(newestScript(raw)(...args), name);
  return Object.assign(call, { [RAW_SCRIPT]: raw });
}

/** A pending call of a sub-script: its generator, pushed as a frame when yielded. Runs once. */
class Call<R, M> extends Op<R, M> {
  private gen: ScriptGenerator | null;

  constructor(gen: ScriptGenerator, private readonly name: string) {
    super();
    this.gen = gen;
  }

  override get framing(): boolean {
    return true;
  }

  override get isWait(): boolean {
    return false;
  }

  get description(): string {
    return `${this.name}()`;
  }

  enter(thread: Thread): boolean {
    const gen = this.gen;
    if (gen === null) {
      throw new LoomError(`${this.description} in ${thread.label}: this call already ran; call ${this.name}(...) again to run it again`);
    }
    this.gen = null;
    pushFrame(thread, gen, this.name, false);
    return false;
  }
}
