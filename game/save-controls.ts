import { el, setText } from './dom.ts';
import './save-controls.css';

/** What the save bar's buttons, and a file dropped on the page, do. */
export interface SaveActions {
  save(): void;
  /** A .loomrec file chosen or dropped: its bytes and its name. Without it, the bar has no "load…" (co-op). */
  load?(bytes: Uint8Array, name: string): void;
}

/** The mounted save bar. */
export interface SaveControls {
  /** Shows a line of status, in the error colour if it is a `problem`. */
  show(text: string, problem?: boolean): void;
  /** Offers `bytes` as a download named `name` (a `blob:` link), in place of the one offered before. */
  offer(bytes: Uint8Array, name: string): void;
  /** Shows how far a restore has come, from 0 to 1; null hides the bar. */
  progress(fraction: number | null): void;
  /** Takes the bar off the page. */
  remove(): void;
}

/**
 * The small bar at the bottom left of the game: "save [K]", "load…" (a file picker), the last save's download
 * link, a status line and a restore's progress. A file dropped anywhere on the page is loaded as if picked. Without
 * a `load` action (co-op), there is no "load…" and a dropped file is left alone.
 *
 * @example
 * ```ts
 * const controls = mountSaveControls(document.body, { save: () => keep(), load: (bytes) => restoreFrom(bytes) });
 * controls.show('saved at tick 1200');
 * ```
 */
export function mountSaveControls(parent: HTMLElement, actions: SaveActions): SaveControls {
  const bar = el('div', 'loom-saves');
  const save = button('save [K]', 'save', () => actions.save());
  const picker = el('input');
  picker.type = 'file';
  picker.accept = '.loomrec';
  picker.hidden = true;
  const load = button('load…', 'load', () => picker.click());
  const status = el('span', 'status');
  const meter = el('progress', 'progress');
  meter.max = 1;
  meter.hidden = true;
  const download = el('a', 'download', 'download');
  download.hidden = true;
  bar.append(save, ...(actions.load ? [load, picker] : []), status, meter, download);
  parent.append(bar);

  const read = async (file: File | undefined): Promise<void> => {
    if (file !== undefined) actions.load?.(new Uint8Array(await file.arrayBuffer()), file.name);
  };
  picker.addEventListener('change', () => {
    void read(picker.files?.[0]);
    picker.value = ''; // picking the same file again is a change too
  });
  const carriesFiles = (event: DragEvent): boolean => actions.load !== undefined && event.dataTransfer?.types.includes('Files') === true;
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault(); // without it, the browser opens the file instead of dropping it here
    bar.classList.add('dropping');
  });
  window.addEventListener('dragleave', () => bar.classList.remove('dropping'));
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    bar.classList.remove('dropping');
    void read(event.dataTransfer?.files[0]);
  });

  return {
    show(text, problem = false) {
      setText(status, text);
      status.title = text; // the bar cuts a long status short
      status.dataset.problem = String(problem);
    },
    progress(fraction) {
      meter.hidden = fraction === null;
      meter.value = fraction ?? 0;
    },
    remove: () => bar.remove(),
    offer(bytes, name) {
      if (download.href !== '') URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
      download.download = name;
      download.title = name;
      download.hidden = false;
    },
  };
}

// A clicked button gives its focus back, so Space (fire) does not press it again.
function button(text: string, action: string, onClick: () => void): HTMLButtonElement {
  const node = el('button', '', text);
  node.dataset.action = action;
  node.addEventListener('click', () => {
    node.blur();
    onClick();
  });
  return node;
}
