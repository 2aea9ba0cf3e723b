import { formatFailure, type SourcePosition } from 'loom-threads';
import { actorFacts, type ActorFacts } from './actor-facts.ts';
import { el, setText } from './dom.ts';
import { age, count } from './format.ts';
import { shownState, type InspectedEngine, type InspectedStack, type InspectedThread } from './inspected.ts';

/** Writes a source position for the panel: `SourceLines` source-maps a page's; a room's come as the server has them. */
export interface PositionFormat {
  format(position: SourcePosition): string;
}

/** Children listed by name before the rest are summed up. */
const MAX_CHILDREN = 24;

/**
 * The selected thread: its state and wait (with the line it waits at), its parent and children (each a link that
 * selects it), as an actor its names, groups, monitors and supervised children with their restart counts, how it
 * was spawned, and its script stack, innermost (running or waiting now) first, each frame with
 * its TypeScript line; a failed thread shows its error and the stack where it failed. The links are rebuilt only
 * when the family changed, so a refresh never swaps an element out from under the pointer between press and release.
 */
export class DetailsView {
  readonly element = el('div', 'loom-details');
  private shown: InspectedThread | null | undefined = undefined;
  private structure = '';
  private readonly label = el('span', 'loom-details-label');
  private readonly state = el('span', 'loom-chip');
  private readonly tags = el('span', 'loom-tags');
  private readonly wait = el('span', 'loom-wait');
  private readonly facts = el('span', 'loom-dim');
  private readonly parent = el('span', 'loom-links');
  private readonly children = el('span', 'loom-links');
  private readonly childrenName = el('span', 'loom-field-name');
  private readonly actor = el('span', 'loom-links');
  private readonly actorRow: HTMLElement;
  private actorKey = '';
  private readonly stack = el('ol', 'loom-stack');
  private readonly spawned = el('span', 'loom-dim');
  private readonly error = el('pre', 'loom-error');
  private readonly errorRow: HTMLElement;
  private readonly breakButton = el('button', 'loom-link loom-break', 'break before its next resume');
  private readonly body: HTMLElement[];

  constructor(
    /** The engine shown (the inspector may switch engines). */
    private readonly engine: () => InspectedEngine,
    private readonly onSelect: (thread: InspectedThread) => void,
    private readonly lines: PositionFormat,
    /** Shown while no thread is selected. */
    private readonly hint: string,
    /** Runs a `debugger` before the thread's next resume; null where that cannot be (a room on a server). */
    private readonly breakBefore: ((thread: InspectedThread) => void) | null,
  ) {
    const title = el('div', 'loom-details-title');
    title.append(this.label, this.state, this.tags);
    this.breakButton.type = 'button';
    this.breakButton.title = 'Runs a debugger statement just before the engine resumes it: open DevTools first (docs/debugging.md)';
    this.breakButton.addEventListener('click', () => {
      if (this.shown?.alive) this.breakBefore?.(this.shown);
    });
    this.errorRow = field('error', this.error);
    this.actorRow = field('actor', this.actor);
    this.body = [
      title,
      field('waits on', this.wait),
      field('stats', this.facts),
      field('parent', this.parent),
      field(this.childrenName, this.children),
      this.actorRow,
      field('stack', this.stack),
      this.errorRow,
      field('spawned', this.spawned),
      field('debug', this.breakButton),
    ];
    if (breakBefore === null) this.body.pop();
  }

  /** Shows `thread` as it is now, or a hint when nothing is selected. */
  render(thread: InspectedThread | null): void {
    if (thread !== this.shown) {
      this.shown = thread;
      this.structure = '';
      this.element.replaceChildren(...(thread ? this.body : [el('div', 'loom-hint', this.hint)]));
    }
    if (thread) this.update(thread);
  }

  private update(thread: InspectedThread): void {
    const state = shownState(thread);
    setText(this.label, thread.label);
    setText(this.state, state);
    this.state.className = `loom-chip loom-state-${state}`;
    const reloaded = thread.reloads > 0 ? `hot-reloaded ${thread.reloads}×` : '';
    setText(this.tags, [thread.detached ? 'detached' : '', reloaded].filter(Boolean).join(' · '));
    const waitingAt = thread.waitingAt;
    const waitingOn = thread.waitingOn;
    const wait = waitingOn && waitingAt ? `${waitingOn} at ${this.lines.format(waitingAt)}` : waitingOn;
    setText(this.wait, wait || (thread.alive ? '—' : `ended (${state})`));
    this.breakButton.disabled = !thread.alive;
    const stack = thread.scriptStack;
    this.errorRow.hidden = stack?.error === undefined;
    if (stack !== null && stack.error !== undefined) setText(this.error, formatFailure(stack.error, null).split('\n')[0]!);
    setText(this.spawned, stack?.ancestryText((at) => this.lines.format(at)) ?? '—');
    this.showStack(stack);
    const engine = this.engine();
    const accounting = engine.accounting;
    const average = accounting.threadAverageMs(thread);
    this.showActor(actorFacts(thread));
    setText(
      this.facts,
      `age ${age(thread.age, engine.dt)} · ${count(accounting.resumesOf(thread))} resumes · ` +
        (average > 0
          ? `${accounting.threadMs(thread).toFixed(3)} ms last tick · ${average.toFixed(3)} ms/tick average (timed alone)`
          : 'light: not timed alone (its time is in the tick total)'),
    );
    const parent = thread.parent;
    const children = thread.children;
    const structure = `${parent?.id ?? null}|${children.map((child) => child.id).join(',')}`;
    if (structure === this.structure) return;
    this.structure = structure;
    this.parent.replaceChildren(
      parent ? this.link(parent) : el('span', 'loom-dim', thread.detached ? 'none (detached)' : 'none (root)'),
    );
    this.showChildren(children);
  }

  private showChildren(children: readonly InspectedThread[]): void {
    setText(this.childrenName, `children (${count(children.length)})`);
    const links: HTMLElement[] = children.slice(0, MAX_CHILDREN).map((child) => this.link(child));
    if (children.length === 0) links.push(el('span', 'loom-dim', 'none'));
    if (children.length > MAX_CHILDREN) links.push(el('span', 'loom-dim', `+${count(children.length - MAX_CHILDREN)} more`));
    this.children.replaceChildren(...links);
  }

  // Names and groups, the threads it monitors, and a supervisor's children with their restart counts.
  private showActor(facts: ActorFacts | null): void {
    this.actorRow.hidden = facts === null;
    const key = facts?.key ?? '';
    if (key === this.actorKey) return;
    this.actorKey = key;
    if (facts === null) {
      this.actor.replaceChildren();
      return;
    }
    const parts: HTMLElement[] = [];
    if (facts.registry !== '') parts.push(el('span', 'loom-dim', facts.registry));
    if (facts.monitors.length > 0) parts.push(el('span', 'loom-dim', 'monitors'), ...facts.monitors.map((t) => this.link(t)));
    if (facts.supervised.length > 0) parts.push(el('span', 'loom-dim', 'supervises'));
    for (const child of facts.supervised) parts.push(child.thread ? this.link(child.thread, child.text) : el('span', 'loom-dim', child.text));
    this.actor.replaceChildren(...parts);
  }

  /** The frames, innermost first, numbered by depth, each with its line; the top one is where the thread is now. */
  private showStack(stack: InspectedStack | null): void {
    const frames = stack?.frames ?? [];
    const text = frames.map((frame) => `${frame.name} ${frame.at ? this.lines.format(frame.at) : ''}`).join('|');
    if (text === this.stack.dataset.frames) return;
    this.stack.dataset.frames = text;
    const items: HTMLElement[] = frames.map((frame, index) => {
      const item = el('li', index === 0 && stack!.error === undefined ? 'loom-frame-top' : '');
      item.append(el('span', 'loom-frame-name', frame.name));
      item.dataset.depth = String(frames.length - index);
      if (frame.at) item.append(el('span', 'loom-frame-at', ` ${this.lines.format(frame.at)}`));
      return item;
    });
    if (items.length === 0) items.push(el('li', 'loom-dim', 'no frames (ended)'));
    this.stack.replaceChildren(...items);
  }

  private link(thread: InspectedThread, text = thread.label): HTMLElement {
    const link = el('button', 'loom-link', text);
    link.type = 'button';
    link.title = `${thread.stateName}${thread.waitingOn ? `: ${thread.waitingOn}` : ''}`;
    link.addEventListener('click', () => this.onSelect(thread));
    return link;
  }
}

function field(name: string | HTMLElement, value: HTMLElement): HTMLElement {
  const row = el('div', 'loom-field');
  row.append(typeof name === 'string' ? el('span', 'loom-field-name', name) : name, value);
  return row;
}
