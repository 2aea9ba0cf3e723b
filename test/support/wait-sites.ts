// Where a thread waits, tick by tick: how the call-site tests compare sites written in with sites captured, in
// this process (test/vite-plugin/) and in child processes (test/node-hook/fixtures/).
import { Engine, type ScriptGenerator, type SourcePosition } from '../../engine/index.ts';

/**
 * Where the thread running `body` waits, each time that changes, as `where` writes it, with `callSites: 'waits'`.
 * Throws if the thread has not ended within 5,000 ticks: a list cut short would compare as equal to another.
 */
export function waitSites(body: () => ScriptGenerator, where: (at: SourcePosition) => string): string[] {
  const engine = new Engine({ callSites: 'waits' });
  const thread = engine.spawn(body);
  const seen: string[] = [];
  for (let tick = 0; tick < 5000 && thread.alive; tick++) {
    engine.step();
    const at = thread.waitingAt;
    if (at !== null && seen.at(-1) !== where(at)) seen.push(where(at));
  }
  if (thread.alive) throw new Error(`${thread.label} was still running after 5,000 ticks`);
  return seen;
}
