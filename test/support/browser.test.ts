import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_INSTALL_HINT,
  browserTestMode,
  collectConsoleErrors,
  countPixelsNear,
  describeBrowser,
  launchChromium,
  readCanvasPixels,
  saveArtifact,
  servePreview,
} from './browser.ts';
import { decodePng } from './png.ts';

type Rgb = [number, number, number];

const PAGE_BACKGROUND: Rgb = [32, 64, 96];
const WHITE: Rgb = [255, 255, 255];
const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];
const GREEN: Rgb = [0, 255, 0];
const VIEWPORT = { width: 320, height: 240 };

/** The fixture page: a 100x80 2D canvas, white with a red 40x30 rectangle; a 64x48 WebGL canvas, blue with a green 20x10 scissored clear. */
const FIXTURE_HTML = `<!doctype html>
<html>
  <head><meta charset="utf-8"><link rel="icon" href="data:,"><title>harness fixture</title></head>
  <body style="margin:0;background:rgb(${PAGE_BACKGROUND.join(',')})">
    <canvas id="flat" width="100" height="80" style="display:block"></canvas>
    <canvas id="gl" width="64" height="48" style="display:block"></canvas>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

const FIXTURE_MAIN = `
const flat = document.getElementById('flat').getContext('2d');
flat.fillStyle = '#ffffff';
flat.fillRect(0, 0, 100, 80);
flat.fillStyle = '#ff0000';
flat.fillRect(10, 10, 40, 30);

const gl = document.getElementById('gl').getContext('webgl');
if (!gl) throw new Error('WebGL is unavailable');
gl.clearColor(0, 0, 1, 1);
gl.clear(gl.COLOR_BUFFER_BIT);
gl.enable(gl.SCISSOR_TEST);
gl.scissor(8, 8, 20, 10);
gl.clearColor(0, 1, 0, 1);
gl.clear(gl.COLOR_BUFFER_BIT);

document.body.dataset.ready = import.meta.env.PROD ? 'production' : 'development';
`;

describe('browserTestMode', () => {
  it('runs when Chromium is found, whatever E2E_REQUIRED says', () => {
    expect(browserTestMode('/usr/bin/chromium', true)).toEqual({ kind: 'run', executablePath: '/usr/bin/chromium' });
  });

  it('skips with the install command when Chromium is missing', () => {
    expect(browserTestMode(null, false)).toEqual({ kind: 'skip', message: CHROMIUM_INSTALL_HINT });
    expect(CHROMIUM_INSTALL_HINT).toContain('apt-get install -y chromium');
  });

  it('fails with the same message when E2E_REQUIRED=1 and Chromium is missing', () => {
    expect(browserTestMode(null, true)).toEqual({ kind: 'fail', message: `E2E_REQUIRED=1 but ${CHROMIUM_INSTALL_HINT}` });
  });
});

/** Encodes an 8-bit RGB or RGBA PNG, every row with `filterType`. */
function encodePng(width: number, height: number, channels: 3 | 4, pixels: Uint8Array, filterType: number): Buffer {
  const stride = width * channels;
  const filtered = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    filtered[y * (stride + 1)] = filterType;
    for (let i = 0; i < stride; i++) {
      const at = (dx: number, dy: number): number => {
        const x = i + dx * channels;
        return x >= 0 && y + dy >= 0 ? (pixels[(y + dy) * stride + x] ?? 0) : 0;
      };
      filtered[y * (stride + 1) + 1 + i] = ((pixels[y * stride + i] ?? 0) - predictFor(filterType, at(-1, 0), at(0, -1), at(-1, -1))) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function predictFor(filterType: number, a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  return [0, a, b, (a + b) >> 1, paeth][filterType] ?? 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Deterministic, varied sample bytes so that every predictor matters. */
function samplePixels(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
}

describe('decodePng', () => {
  it.each([0, 1, 2, 3, 4])('decodes RGBA rows with filter type %i', (filterType) => {
    const pixels = samplePixels(7 * 5 * 4);
    const image = decodePng(encodePng(7, 5, 4, pixels, filterType));
    expect(image).toEqual({ width: 7, height: 5, data: pixels });
  });

  it.each([0, 1, 2, 3, 4])('decodes RGB rows with filter type %i into opaque RGBA', (filterType) => {
    const rgb = samplePixels(6 * 4 * 3);
    const image = decodePng(encodePng(6, 4, 3, rgb, filterType));
    expect(image.width).toBe(6);
    expect(image.height).toBe(4);
    for (let p = 0; p < 6 * 4; p++) {
      expect([...image.data.subarray(p * 4, p * 4 + 4)]).toEqual([...rgb.subarray(p * 3, p * 3 + 3), 255]);
    }
  });

  it('rejects what is not a PNG, or a corrupted one', () => {
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(/signature/);
    const png = encodePng(2, 2, 4, samplePixels(16), 0);
    png.writeUInt8(png.readUInt8(png.length - 20) ^ 0xff, png.length - 20); // a byte of the IDAT data
    expect(() => decodePng(png)).toThrow(/CRC/);
  });

  it('counts pixels near a colour within a tolerance', () => {
    const image = { width: 3, height: 1, data: Uint8Array.from([250, 2, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]) };
    expect(countPixelsNear(image, RED)).toBe(0);
    expect(countPixelsNear(image, RED, 5)).toBe(1);
    expect(countPixelsNear(image, BLUE)).toBe(1);
  });
});

describeBrowser('browser harness', () => {
  let fixtureRoot: string;
  let devServer: ViteDevServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    fixtureRoot = await mkdtemp(join(tmpdir(), 'loom-harness-'));
    await writeFile(join(fixtureRoot, 'index.html'), FIXTURE_HTML);
    await writeFile(join(fixtureRoot, 'main.js'), FIXTURE_MAIN);
    devServer = await createServer({
      root: fixtureRoot,
      configFile: false,
      logLevel: 'warn',
      server: { port: 0, host: '127.0.0.1', strictPort: true, watch: null },
    });
    await devServer.listen();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await devServer?.close();
    await rm(fixtureRoot, { recursive: true, force: true });
  });

  /** Opens `url` in a fresh page, waits for the fixture to draw; returns the page and its error log. */
  async function openFixture(url: string): Promise<{ page: Page; errors: string[] }> {
    if (!browser) throw new Error('Chromium did not start');
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors = collectConsoleErrors(page);
    await page.goto(url);
    await page.waitForSelector('body[data-ready]');
    return { page, errors };
  }

  function devUrl(): string {
    const url = devServer?.resolvedUrls?.local[0];
    if (!url) throw new Error('Vite dev server reported no local URL');
    return url;
  }

  it('reads back a 2D canvas and a WebGL canvas without preserveDrawingBuffer', async () => {
    const { page, errors } = await openFixture(devUrl());
    await saveArtifact('harness-fixture.png', await page.screenshot());

    const flat = await readCanvasPixels(page, '#flat');
    expect([flat.width, flat.height]).toEqual([100, 80]);
    expect(countPixelsNear(flat, RED, 8)).toBe(40 * 30);
    expect(countPixelsNear(flat, WHITE, 8)).toBe(100 * 80 - 40 * 30);

    const gl = await readCanvasPixels(page, '#gl');
    expect([gl.width, gl.height]).toEqual([64, 48]);
    expect(countPixelsNear(gl, GREEN, 8)).toBe(20 * 10);
    expect(countPixelsNear(gl, BLUE, 8)).toBe(64 * 48 - 20 * 10);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('decodes a PNG produced by page.screenshot', async () => {
    const { page, errors } = await openFixture(devUrl());
    const image = decodePng(await page.screenshot());
    expect([image.width, image.height]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    const pixelAt = (x: number, y: number): number[] => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
    expect(pixelAt(20, 20)).toEqual([...RED, 255]); // inside the red rectangle of #flat
    expect(pixelAt(5, 5)).toEqual([...WHITE, 255]); // #flat's white background
    expect(pixelAt(10, 80 + 48 - 10)).toEqual([...GREEN, 255]); // the green clear of #gl, which sits below #flat
    expect(pixelAt(200, 200)).toEqual([...PAGE_BACKGROUND, 255]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves a production build of a project, built once for several servers', async () => {
    const first = await servePreview(fixtureRoot);
    const second = await servePreview(fixtureRoot);
    try {
      expect(second.outDir).toBe(first.outDir);
      expect(second.url).not.toBe(first.url);
      for (const { url } of [first, second]) {
        const { page, errors } = await openFixture(url);
        expect(await page.getAttribute('body', 'data-ready')).toBe('production');
        expect(countPixelsNear(await readCanvasPixels(page, '#gl'), GREEN, 8)).toBe(20 * 10);
        expect(errors).toEqual([]);
        await page.close();
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
