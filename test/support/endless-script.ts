// A child process for test/watchdog/watchdog.test.ts: an engine under nodeWatchdog, whose thread `grunt` enters the
// sub-script walkTo, yields once, then either spins forever ('hang') or yields every tick ('yield').
// Run: node --import tsx test/support/endless-script.ts hang|yield LIMIT_MS [exit]
import { Engine, script, sleep } from '../../engine/index.ts';
import { nodeWatchdog } from '../../engine/watchdog/node-watchdog.ts';

const [mode, limitMs, exit] = process.argv.slice(2);
const engine = new Engine({ watchdog: nodeWatchdog({ limitMs: Number(limitMs), exit: exit === 'exit' }) });

// Spawned first, these put grunt in a slot past the watchdog's first table, which must grow while it runs.
for (let i = 0; i < 1100; i++) engine.spawn(function* sleeper() { yield* sleep(1000); });

const walkTo = script(function* walkTo(hang: boolean) {
  yield;
  let steps = 0;
  while (hang || steps < 100) {
    steps++;
    if (!hang) yield;
  }
});
engine.spawn(function* grunt() {
  yield* walkTo(mode === 'hang');
});

for (let tick = 0; tick < 200; tick++) engine.step();
console.log(`ran ${engine.tick} ticks`);
