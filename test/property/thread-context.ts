import type { Monitor, Request, Thread } from '../../engine/index.ts';
import type { Recorder } from './recorder.ts';

/** What the interpreter knows of one thread while it runs: its children and where it stands with a cancel. */
export class ThreadContext {
  readonly children: Thread[] = [];
  started = false;
  /** Its cancel has been delivered: a wait threw its Cancellation. */
  delivered = false;
  /** Finally blocks entered since delivery, nested: code in them is cleanup and may run. */
  cleanupDepth = 0;
  /** Shielded bodies it is inside. */
  shieldDepth = 0;
  /** A cancel landed inside a shield: it is thrown where the outermost shield ends. */
  held = false;
  /**
   * A cancel landed: the next wait that does not throw a failure must throw it. (A child's failure queued on the
   * thread, or held by a shield, is thrown first: the engine gives pending failures precedence.)
   */
  due = false;
  /** It was cancelled before it ran: none of its code may ever run. */
  cancelledUnstarted = false;
  /** Cleanup threw while it was cancelling: that error, not its Cancellation, is in flight (JavaScript's rule). */
  replaced = false;
  /**
   * A catch took the error that had replaced its Cancellation: the program swallowed its own cancel (the hazard the
   * design leaves to lint), so code after the cancelled point may run, and the engine may report the swallow.
   */
  swallowed = false;
  /** Restarts by hot reloads that this context has seen: a restart begins a fresh context. */
  reloads = 0;
  /** A hot reload unwinds it, to restart it on new code. */
  reloading = false;
  /** A real cancel landed while a reload unwound it: it must end cancelled, not restart. */
  reallyCancelled = false;

  /** The monitors it made, in order: what `demonitor monitor[i]` names. */
  readonly monitors: Monitor[] = [];
  /** Requests it received and has not answered, oldest first. */
  readonly requests: Request[] = [];

  constructor(readonly thread: Thread, readonly recorder: Recorder) {}

  /** The script reached a point that must not run once its cancel has been delivered, outside cleanup. */
  point(what: string): void {
    const label = this.thread.label;
    this.recorder.trace.push(`${this.recorder.engine.tick} ${label} ${what}`);
    if (this.cancelledUnstarted) this.recorder.violate('nothing runs after a cancelled point', `${label} was cancelled before it started, yet ran: ${what}`);
    else if (this.delivered && this.cleanupDepth === 0 && !this.swallowed) {
      this.recorder.violate('nothing runs after a cancelled point', `${label} ran ${what} after its cancel was delivered, outside cleanup`);
    }
    if (!this.thread.alive) this.recorder.violate('every thread ends exactly once', `${label} ran ${what} after it ended`);
  }

  /** A wait threw the thread's Cancellation. */
  deliver(): void {
    this.delivered = true;
    this.replaced = false;
    this.due = false;
  }

  /** A wait returned normally, or threw a failure: a cancel that landed must not be passed by a normal return. */
  resumed(what: string, failed: boolean): void {
    if (this.due && !failed) {
      this.recorder.violate('nothing runs after a cancelled point', `${this.thread.label}: a cancel landed, yet ${what} returned normally`);
      this.due = false;
    }
  }

  /** A shielded body begins: a cancel still due is held until it ends. */
  enterShield(): void {
    this.shieldDepth++;
    if (this.due) {
      this.due = false;
      this.held = true;
    }
  }

  /** A shielded body ended: a cancel held meanwhile is now due, after any child failure the shield held too. */
  leaveShield(): void {
    this.shieldDepth--;
    if (this.shieldDepth === 0 && this.held) {
      this.held = false;
      this.due = true;
    }
  }

  /**
   * A shield returned normally: a cancel it held (now due) must have been thrown where it ended, so no code after
   * it runs (docs/cancellation-and-errors.md). A held child failure is thrown there first, and the cancel is then
   * due at the next wait: that shield threw, and does not come here.
   */
  shieldReturned(): void {
    if (this.due && this.shieldDepth === 0) {
      this.recorder.violate('nothing runs after a cancelled point', `${this.thread.label}: a cancel held by a shield, yet the shield returned normally`);
      this.due = false;
    }
  }
}
