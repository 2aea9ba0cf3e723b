import { formatFailure, snapshot, type Engine, type ScriptStack, type Thread, type ThreadSnapshot } from 'loom-threads';
import { actorFacts, type ActorFacts } from './actor-facts.ts';
import { el, setText } from './dom.ts';
import { age, count } from './format.ts';
import type { SourceLines } from './source-lines.ts';

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
  private shown: Thread | null | undefined = undefined;
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
    private readonly engine: () => Engine,
    private readonly onSelect: (thread: Thread) => void,
    private readonly lines: SourceLines,
    /** Shown while no thread is selected. */
    private readonly hint: string,
  ) {
    const title = el('div', 'loom-details-title');
    title.append(this.label, this.state, this.tags);
    this.breakButton.type = 'button';
    this.breakButton.title = 'Runs a debugger statement just before the engine resumes it: open DevTools first (docs/debugging.md)';
    this.breakButton.addEventListener('click', () => {
      if (this.shown?.alive) this.engine().breakBeforeResume(this.shown);
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
  }

  /** Shows `thread` as it is now, or a hint when nothing is selected. */
  render(thread: Thread | null): void {
    if (thread !== this.shown) {
      this.shown = thread;
      this.structure = '';
      this.element.replaceChildren(...(thread ? this.body : [el('div', 'loom-hint', this.hint)]));
    }
    if (thread) this.update(thread, snapshot(thread));
  }

  private update(thread: Thread, snap: ThreadSnapshot): void {
    const state = snap.state;
    setText(this.label, thread.label);
    setText(this.state, state);
    this.state.className = `loom-chip loom-state-${state}`;
    const reloaded = thread.reloads > 0 ? `hot-reloaded ${thread.reloads}×` : '';
    setText(this.tags, [snap.detached ? 'detached' : '', reloaded].filter(Boolean).join(' · '));
    const waitingAt = thread.waitingAt;
    const wait = snap.waitingOn && waitingAt ? `${snap.waitingOn} at ${this.lines.format(waitingAt)}` : snap.waitingOn;
    setText(this.wait, wait || (thread.alive ? '—' : `ended (${snap.state})`));
    this.breakButton.disabled = !thread.alive;
    const stack = thread.scriptStack;
    this.errorRow.hidden = stack?.error === undefined;
    if (stack !== null && stack.error !== undefined) setText(this.error, formatFailure(stack.error, null).split('\n')[0]!);
    setText(this.spawned, stack?.ancestryText((at) => this.lines.format(at)) ?? '—');
    this.showStack(stack);
    this.showActor(actorFacts(thread));
    setText(
      this.facts,
      `age ${age(snap.age, this.engine().dt)} · ${count(snap.resumes)} resumes · ` +
        (snap.msAverage > 0
          ? `${snap.ms.toFixed(3)} ms last tick · ${snap.msAverage.toFixed(3)} ms/tick average (timed alone)`
          : 'light: not timed alone (its time is in the tick total)'),
    );
    const structure = `${snap.parent}|${snap.children.join(',')}`;
    if (structure === this.structure) return;
    this.structure = structure;
    const parent = thread.parent;
    this.parent.replaceChildren(
      parent ? this.link(parent) : el('span', 'loom-dim', snap.detached ? 'none (detached)' : 'none (root)'),
    );
    this.showChildren(thread.children);
  }

  private showChildren(children: Thread[]): void {
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
  private showStack(stack: ScriptStack | null): void {
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

  private link(thread: Thread, text = thread.label): HTMLElement {
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
