// A consumer's script, type-checked and run by package.test.ts against the packed tarball: it must use only
// what the package exports, by the package's name.
import { Engine, sleep, stateName, type Thread } from 'loom-threads';
import { nodeWatchdog } from 'loom-threads/watchdog-node';

const watchdog = nodeWatchdog({ limitMs: 5000 }); // its worker is the package's compiled one
const engine = new Engine({ tickRate: 10, watchdog });
const order: string[] = [];

function* greeter(name: string, delay: number) {
  yield* sleep(delay);
  order.push(`${name}@${engine.time.toFixed(1)}`);
  return name.length;
}

const slow: Thread = engine.spawn(greeter, 'slow', 0.3);
engine.spawn(greeter, 'quick', 0.1);
for (let tick = 0; tick < 5; tick++) engine.step();

watchdog.stop();
console.log(JSON.stringify({ order, slow: stateName(slow.state) }));

