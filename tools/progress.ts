/** Where a {@link ProgressLine} writes: a stream, or anything with `write` (tests). */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * A live status line: on a terminal it rewrites one line in place (at most every 100 ms); elsewhere (a pipe, a
 * log file, a test) it prints a line every 2 seconds, so logs stay readable.
 */
export class ProgressLine {
  private last = -Infinity;
  private shown = false;
  private readonly interval: number;

  constructor(private readonly sink: ProgressSink | null) {
    this.interval = sink?.isTTY ? 100 : 2000;
  }

  /** Shows `text` unless the line was updated too recently (or `force`). */
  update(text: string, force = false): void {
    const now = performance.now();
    if (this.sink === null || (!force && now - this.last < this.interval)) return;
    this.last = now;
    if (this.sink.isTTY) {
      this.sink.write(`\r\x1b[2K${text}`);
      this.shown = true;
    } else {
      this.sink.write(`${text}\n`);
    }
  }

  /** Clears the live line, so a table can follow. */
  clear(): void {
    if (this.sink?.isTTY && this.shown) this.sink.write('\r\x1b[2K');
    this.shown = false;
    this.last = -Infinity;
  }
}
