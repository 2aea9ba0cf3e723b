// A consumer's page, bundled by package.test.ts with Vite from the installed tarball and opened in Chromium: an
// engine, two threads, and the inspector attached, by the package's names only.
import { Engine, drive, sleep, type Thread } from 'loom-threads';
import { attachInspector, type InspectorHandle } from 'loom-threads/inspector';

declare global {
  interface Window {
    consumer?: { engine: Engine; inspector: InspectorHandle; waiter: Thread };
  }
}

const engine = new Engine();
const waiter = engine.spawn({ name: 'waiter' }, function* () {
  yield* sleep(60);
});
engine.spawn({ name: 'ticker' }, function* () {
  while (true) yield;
});
drive(engine, { request: (callback) => requestAnimationFrame(callback), cancel: (id) => cancelAnimationFrame(id), now: () => performance.now() });
const inspector = attachInspector(engine, { dock: 'left', open: true, storage: null });
window.consumer = { engine, inspector, waiter };
