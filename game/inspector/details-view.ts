import { snapshot, type Engine, type Thread, type ThreadSnapshot } from 'loom';
import { el, setText } from './dom.ts';
import { age, count } from './format.ts';

/** Children listed by name before the rest are summed up. */
const MAX_CHILDREN = 24;

const HINT = 'Select a thread in the list or the top list, or click an entity in the game.';

/**
 * The selected thread: its state and wait, its parent and children (each a link that selects it), and its stack of
 * sub-scripts, top (running or waiting now) first. The links are rebuilt only when the family or the stack changed,
 * so a refresh never swaps an element out from under the pointer between press and release.
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
  private readonly stack = el('ol', 'loom-stack');
  private readonly body: HTMLElement[];

  constructor(
    private readonly engine: Engine,
    private readonly onSelect: (thread: Thread) => void,
  ) {
    const title = el('div', 'loom-details-title');
    title.append(this.label, this.state, this.tags);
    this.body = [
      title,
      field('waits on', this.wait),
      field('stats', this.facts),
      field('parent', this.parent),
      field(this.childrenName, this.children),
      field('stack', this.stack),
    ];
  }

  /** Shows `thread` as it is now, or a hint when nothing is selected. */
  render(thread: Thread | null): void {
    if (thread !== this.shown) {
      this.shown = thread;
      this.structure = '';
      this.element.replaceChildren(...(thread ? this.body : [el('div', 'loom-hint', HINT)]));
    }
    if (thread) this.update(thread, snapshot(thread));
  }

  private update(thread: Thread, snap: ThreadSnapshot): void {
    const state = snap.state;
    setText(this.label, thread.label);
    setText(this.state, state);
    this.state.className = `loom-chip loom-state-${state}`;
    setText(this.tags, snap.detached ? 'detached' : '');
    setText(this.wait, snap.waitingOn || (thread.alive ? '—' : `ended (${snap.state})`));
    setText(
      this.facts,
      `age ${age(snap.age, this.engine.dt)} · ${count(snap.resumes)} resumes · ` +
        (snap.msAverage > 0
          ? `${snap.ms.toFixed(3)} ms last tick · ${snap.msAverage.toFixed(3)} ms/tick average (timed alone)`
          : 'light: not timed alone (its time is in the tick total)'),
    );
    const structure = `${snap.parent}|${snap.children.join(',')}|${snap.frames.join('>')}`;
    if (structure === this.structure) return;
    this.structure = structure;
    const parent = thread.parent;
    this.parent.replaceChildren(
      parent ? this.link(parent) : el('span', 'loom-dim', snap.detached ? 'none (detached)' : 'none (root)'),
    );
    this.showChildren(thread.children);
    this.showStack(snap.frames);
  }

  private showChildren(children: Thread[]): void {
    setText(this.childrenName, `children (${count(children.length)})`);
    const links: HTMLElement[] = children.slice(0, MAX_CHILDREN).map((child) => this.link(child));
    if (children.length === 0) links.push(el('span', 'loom-dim', 'none'));
    if (children.length > MAX_CHILDREN) links.push(el('span', 'loom-dim', `+${count(children.length - MAX_CHILDREN)} more`));
    this.children.replaceChildren(...links);
  }

  /** The frames, top first, numbered by depth; the top one is where the thread is now. */
  private showStack(frames: string[]): void {
    const items: HTMLElement[] = [];
    for (let depth = frames.length - 1; depth >= 0; depth--) {
      const frame = el('li', depth === frames.length - 1 ? 'loom-frame-top' : '', frames[depth]);
      frame.dataset.depth = String(depth + 1);
      items.push(frame);
    }
    if (items.length === 0) items.push(el('li', 'loom-dim', 'no frames (ended)'));
    this.stack.replaceChildren(...items);
  }

  private link(thread: Thread): HTMLElement {
    const link = el('button', 'loom-link', thread.label);
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
