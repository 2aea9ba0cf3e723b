import type { ScriptFrame, SourcePosition } from 'loom-threads';
import type { FeedDetails, FeedThread } from './feed-snapshot.ts';
import type { InspectedChild, InspectedStack, InspectedThread } from './inspected.ts';

/**
 * A thread of a room on a server, as its feed last told: the panel reads it as it reads a local `Thread`. One object
 * per thread id for as long as the thread lives, refilled by each snapshot, so the panel's selection holds.
 */
export class RemoteThread implements InspectedThread {
  row: FeedThread;
  /** Its details, while it is the selected thread. */
  details: FeedDetails | null = null;
  /** False once a snapshot no longer lists it. */
  alive = true;

  constructor(
    row: FeedThread,
    private readonly lookup: (id: number) => RemoteThread | undefined,
    private readonly childrenOf: (id: number) => RemoteThread[],
  ) {
    this.row = row;
  }

  get id(): number {
    return this.row.id;
  }
  get name(): string {
    return this.row.name;
  }
  get label(): string {
    return `#${this.row.id} ${this.row.name}`;
  }
  get reloads(): number {
    return this.row.reloads;
  }
  get state(): number {
    return this.row.state;
  }
  // A thread gone from the feed ended there; how, the feed does not say.
  get stateName(): string {
    return this.alive ? this.row.stateName : 'ended';
  }
  get cancelling(): boolean {
    return this.row.cancelling;
  }
  get detached(): boolean {
    return this.row.detached;
  }
  get waitingOn(): string {
    return this.alive ? this.row.waitingOn : '';
  }
  get waitingAt(): SourcePosition | null {
    return this.alive ? (this.details?.waitingAt ?? null) : null;
  }
  get age(): number {
    return this.row.age;
  }
  get parent(): RemoteThread | null {
    return this.row.parent === null ? null : (this.lookup(this.row.parent) ?? null);
  }
  /** Its live children: as the server lists them while selected, else the listed threads whose parent it is. */
  get children(): readonly RemoteThread[] {
    const details = this.details;
    if (details === null) return this.childrenOf(this.id);
    return details.children.map((id) => this.lookup(id)).filter((child) => child !== undefined);
  }
  // Its actor facts come with its details: known while it is the selected thread.
  get registeredNames(): readonly string[] {
    return this.details?.actor.names ?? [];
  }
  get groups(): readonly string[] {
    return this.details?.actor.groups ?? [];
  }
  get monitoring(): readonly RemoteThread[] {
    return (this.details?.actor.monitoring ?? []).map((id) => this.lookup(id)).filter((watched) => watched !== undefined);
  }
  get supervised(): readonly InspectedChild[] | null {
    return this.details?.actor.supervised?.map((child) => ({
      name: child.name,
      thread: child.thread === null ? null : (this.lookup(child.thread) ?? null),
      restarts: child.restarts,
    })) ?? null;
  }
  get scriptStack(): InspectedStack | null {
    return this.details === null || !this.alive ? null : new RemoteStack(this.details);
  }
}

/** The script stack the feed sent with a thread's details. */
class RemoteStack implements InspectedStack {
  readonly error = undefined;

  constructor(private readonly details: FeedDetails) {}

  get frames(): readonly ScriptFrame[] {
    return this.details.frames;
  }

  ancestryText(where: (at: SourcePosition) => string): string {
    const { text, at } = this.details.ancestry;
    return text.replace(/\uE000(\d+)\uE001/g, (_, index: string) => where(at[Number(index)]!));
  }
}
