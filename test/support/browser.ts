/**
 * Support for browser tests: find Debian's Chromium, decide whether browser tests run, skip or fail,
 * launch it headless through playwright-core, serve a production build of the project (or the project itself, as
 * `npm start` does), and read back what a page shows.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type ViewportSize } from 'playwright-core';
import { build, createServer, preview } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { decodePng, type RgbaImage } from './png.ts';

/** The repository's root folder. */
export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** Where test artifacts (screenshots and the like) are written; git ignores it. */
export const ARTIFACT_DIR = join(REPO_ROOT, 'test-results');

/** What to tell someone whose machine has no Chromium. */
export const CHROMIUM_INSTALL_HINT =
  'Chromium not found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser): ' +
  'install it with `apt-get install -y chromium`, or point CHROMIUM_PATH at a Chromium binary.';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Lets WebGL fall back to the SwiftShader software renderer on machines without a GPU.
  '--enable-unsafe-swiftshader',
];

/** Returns the path of the first Chromium found: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

/** How browser tests behave here: run, skip (no Chromium), or fail (no Chromium but E2E_REQUIRED=1). */
export type BrowserTestMode =
  | { kind: 'run'; executablePath: string }
  | { kind: 'skip'; message: string }
  | { kind: 'fail'; message: string };

/** Decides how browser tests behave, from the Chromium found and whether E2E_REQUIRED=1 is set. */
export function browserTestMode(
  executablePath = findChromium(),
  required = process.env.E2E_REQUIRED === '1',
): BrowserTestMode {
  if (executablePath) return { kind: 'run', executablePath };
  if (required) return { kind: 'fail', message: `E2E_REQUIRED=1 but ${CHROMIUM_INSTALL_HINT}` };
  return { kind: 'skip', message: CHROMIUM_INSTALL_HINT };
}

/**
 * Like vitest's `describe` for a suite that needs Chromium: runs it when Chromium is there, skips it
 * with a warning when not, and replaces it with one failing test when E2E_REQUIRED=1 and Chromium is missing.
 */
export function describeBrowser(name: string, fn: () => void): void {
  const mode = browserTestMode();
  if (mode.kind === 'run') {
    describe(name, fn);
  } else if (mode.kind === 'skip') {
    console.warn(`Skipping browser tests "${name}": ${mode.message}`);
    describe.skip(name, fn);
  } else {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(mode.message);
      });
    });
  }
}

/** Launches headless Chromium with a fresh profile; the caller closes it. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_INSTALL_HINT);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** A running preview server: `url` ends with '/'; `outDir` is the production build it serves. */
export interface PreviewHandle {
  url: string;
  outDir: string;
  close(): Promise<void>;
}

const builds = new Map<string, Promise<string>>();
const OUT_DIR_PREFIX = 'loom-preview-';
const OUT_DIR_PATTERN = /^loom-preview-(\d+)-/;

/**
 * Builds `root` (the repository by default) for production once per process, then serves the build
 * with Vite's preview server on a free loopback port, adding `headers` to the ones the config sets.
 * Close the handle when done.
 */
export async function servePreview(root = REPO_ROOT, headers: Record<string, string> = {}): Promise<PreviewHandle> {
  const outDir = await buildOnce(root);
  const server = await preview({
    root,
    logLevel: 'warn',
    preview: { port: 0, host: '127.0.0.1', strictPort: true, headers },
    build: { outDir },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('Vite preview server reported no local URL');
  }
  return { url, outDir, close: () => server.close() };
}

/** A running Vite dev server on the checkout: `url` ends with '/'. */
export interface DevHandle {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the repository as `npm start` does, with its vite.config.ts, on a free loopback port; with `sites` false,
 * without its plugins (the call sites then come from the runtime's capture). Its dependency cache is its own, in a
 * temporary folder, so it never races another server's. Close the handle when done.
 */
export async function serveDevelopment(sites = true): Promise<DevHandle> {
  const { default: config } = await import('../../vite.config.ts');
  const cacheDir = await mkdtemp(join(tmpdir(), 'loom-dev-'));
  const server = await createServer({
    ...config,
    configFile: false,
    root: REPO_ROOT,
    plugins: sites ? config.plugins : [],
    cacheDir,
    logLevel: 'warn',
    server: { ...config.server, port: 0, host: '127.0.0.1', strictPort: true },
  });
  const close = async () => {
    await server.close();
    await rm(cacheDir, { recursive: true, force: true });
  };
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await close();
    throw new Error('Vite dev server reported no local URL');
  }
  return { url, close };
}

function buildOnce(root: string): Promise<string> {
  let outDir = builds.get(root);
  if (!outDir) {
    outDir = buildForProduction(root);
    builds.set(root, outDir);
  }
  return outDir;
}

/** Builds into a new temporary folder and returns it. */
async function buildForProduction(root: string): Promise<string> {
  await removeStaleOutDirs();
  const outDir = await mkdtemp(join(tmpdir(), `${OUT_DIR_PREFIX}${process.pid}-`));
  // Vite takes a set NODE_ENV over the mode, and vitest sets NODE_ENV=test: a production build needs both.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      mode: 'production',
      logLevel: 'warn',
      // A build on a busy test machine is slow for reasons of its own: its timing warning would only be noise here.
      build: { outDir, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/**
 * Removes the build folders of test processes that are gone. Vitest ends its workers with SIGTERM,
 * so no exit hook of theirs runs: each build folder is named after its process and swept later.
 */
async function removeStaleOutDirs(): Promise<void> {
  const names = await readdir(tmpdir());
  await Promise.all(names.map(async (name) => {
    const pid = Number(OUT_DIR_PATTERN.exec(name)?.[1]);
    if (pid && !isProcessAlive(pid)) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }));
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Starts recording the page's console errors, uncaught errors and failed requests into the returned array. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    errors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
  });
  return errors;
}

/** A page that has loaded, and the console errors it has shown so far (the array fills as it runs). */
export interface ReadyPage {
  page: Page;
  errors: string[];
}

/**
 * Opens `url` in `page`, collecting its console errors from the start, and waits until the page says it is ready
 * (`body[data-ready]`, which the game, a replay and the stress page set once they draw).
 *
 * @example
 * ```ts
 * const { page, errors } = await openReady(await project.browser.newPage(), `${project.url}?seed=7`);
 * ```
 */
export async function openReady(page: Page, url: string, timeout = 60_000): Promise<ReadyPage> {
  const errors = collectConsoleErrors(page);
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout });
  return { page, errors };
}

/** Waits until the live game's engine has run `tick` ticks. */
export async function waitForTick(page: Page, tick: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction((at) => (window.loom?.engine.tick ?? 0) >= at, tick, { timeout });
}

/**
 * A fresh browser context (its own storage, as a new browser profile) for each test of the enclosing describe, at
 * `viewport`, closed after the test. Call it after {@link useServedProject}.
 */
export function useContextPerTest(project: ServedProject, viewport: ViewportSize): { readonly context: BrowserContext } {
  let context: BrowserContext | undefined;
  beforeEach(async () => {
    context = await project.browser.newContext({ viewport });
  });
  afterEach(async () => {
    await context?.close();
  });
  return {
    get context() {
      return context!;
    },
  };
}

/** Writes `data` to test-results/`name` (creating folders) and returns the file's path. */
export async function saveArtifact(name: string, data: Uint8Array | string): Promise<string> {
  const path = join(ARTIFACT_DIR, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
  return path;
}

/**
 * Returns the RGBA pixels shown for the element `selector` (a 2D or WebGL canvas), taken from a
 * screenshot of its box: it works without `preserveDrawingBuffer`, as it reads what was composited.
 */
export async function readCanvasPixels(page: Page, selector: string): Promise<RgbaImage> {
  const canvas = page.locator(selector);
  await canvas.scrollIntoViewIfNeeded();
  const clip = await canvas.boundingBox();
  if (!clip) throw new Error(`Element ${selector} has no visible box`);
  return decodePng(await page.screenshot({ clip }));
}

/** Counts the pixels whose red, green and blue each lie within `tolerance` of `rgb`. */
export function countPixelsNear(image: RgbaImage, rgb: readonly [number, number, number], tolerance = 0): number {
  const [r, g, b] = rgb;
  const { data } = image;
  let count = 0;
  for (let i = 0; i + 2 < data.length; i += 4) {
    const near =
      Math.abs((data[i] ?? 0) - r) <= tolerance &&
      Math.abs((data[i + 1] ?? 0) - g) <= tolerance &&
      Math.abs((data[i + 2] ?? 0) - b) <= tolerance;
    if (near) count++;
  }
  return count;
}

/** The built project served by Vite, and a Chromium, for the tests of one describe block. */
export interface ServedProject {
  /** The served build's address, ending in `/`. */
  readonly url: string;
  /** The folder served: a file written here is at `url` + its name. */
  readonly outDir: string;
  readonly browser: Browser;
}

/**
 * Serves the production build (with extra response `headers`, if given) and launches Chromium before the tests of
 * the enclosing describe, and closes both after them. Call it first in the describe, so its set-up runs before the
 * block's own.
 *
 * @example
 * ```ts
 * describeBrowser('the game', () => {
 *   const project = useServedProject();
 *   it('loads', async () => { const page = await project.browser.newPage(); await page.goto(project.url); });
 * });
 * ```
 */
export function useServedProject(headers: Record<string, string> = {}): ServedProject {
  let served: PreviewHandle | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    served = await servePreview(REPO_ROOT, headers);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return {
    get url() {
      return served!.url;
    },
    get outDir() {
      return served!.outDir;
    },
    get browser() {
      return browser!;
    },
  };
}
