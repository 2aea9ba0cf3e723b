// The entry of the game's watchdog worker (see gameWatchdog): it reports through its own console, as the page's
// main thread is stuck when there is something to report.
import { startWatcher, type WatchdogShared } from 'loom-threads';

startWatcher((take) => addEventListener('message', (event: MessageEvent<WatchdogShared>) => take(event.data)), (line) => console.error(line));
