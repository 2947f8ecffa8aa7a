/**
 * The image decoder process: real JPEG (with EXIF written here), PNG and GIF
 * made in the test; dimensions, metadata, GPS as coordinates, PDQ equal to
 * the in-process hash of the same pixels; decompression bombs refused from
 * the header; corrupt files, crashes and hangs recorded, never thrown.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import jpeg from 'jpeg-js';
import omggif from 'omggif';
import { PNG } from 'pngjs';
import { ForkImageDecoder, type DecodeResult } from '../../src/main/diagnostics/images/image-decoder.ts';
import { analyseImage, ImageRefused } from '../../src/main/diagnostics/images/analyse-image.ts';
import { headerDimensions } from '../../src/main/diagnostics/images/image-header.ts';
import { pdqHash } from '../../src/main/diagnostics/images/pdq.ts';
import { withExif } from './exif-builder.ts';
import { testJpeg, testPixels } from './test-images.ts';

const EXIF = { make: 'Canon', model: 'Canon EOS 250D', software: 'GIMP 2.10.36', dateTime: '2026:11:02 10:15:00', dateTimeOriginal: '2026:11:01 18:42:07', latitude: 33.5731, longitude: -7.5898 };

function decoder(t: { after: (fn: () => unknown) => void }, options: ConstructorParameters<typeof ForkImageDecoder>[0] = {}): ForkImageDecoder {
  const d = new ForkImageDecoder(options);
  t.after(() => d.close());
  return d;
}

function ok(result: DecodeResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.message}`);
  return result.analysis;
}

test('a JPEG with EXIF: type, dimensions, camera, software, dates, GPS as coordinates, PDQ of the same pixels, greyscale preview', async (t) => {
  const bytes = withExif(testJpeg(), EXIF);
  const a = ok(await decoder(t).analyse(bytes));
  assert.equal(a.mediaType, 'image/jpeg');
  assert.equal(a.decoded, true);
  assert.deepEqual([a.width, a.height], [320, 240]);
  assert.equal(a.metadata?.camera, 'Canon EOS 250D');
  assert.equal(a.metadata?.software, 'GIMP 2.10.36');
  assert.equal(a.metadata?.dates.original, '2026:11:01 18:42:07');
  assert.equal(a.metadata?.dates.modified, '2026:11:02 10:15:00');
  assert.ok(Math.abs(a.metadata!.gps!.latitude - 33.5731) < 1e-4, String(a.metadata?.gps?.latitude));
  assert.ok(Math.abs(a.metadata!.gps!.longitude - -7.5898) < 1e-4, String(a.metadata?.gps?.longitude));
  const same = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  const expected = pdqHash({ width: same.width, height: same.height, data: same.data });
  assert.equal(a.pdq, expected.hash);
  assert.equal(a.pdqQuality, expected.quality);
  assert.ok(a.pdqQuality! >= 50);
  assert.deepEqual([a.preview?.width, a.preview?.height], [256, 192]);
  assert.equal(a.preview?.grey.length, 256 * 192);
});

test('PNG and GIF are decoded; WebP is sniffed and measured, never decoded; a text file is no image', async (t) => {
  const d = decoder(t);
  const png = new PNG({ width: 64, height: 40 });
  testPixels(64, 40).copy(png.data);
  const pngBytes = PNG.sync.write(png);
  const p = ok(await d.analyse(pngBytes));
  assert.deepEqual([p.mediaType, p.width, p.height, p.decoded], ['image/png', 64, 40, true]);
  assert.equal(p.pdq, pdqHash({ width: 64, height: 40, data: testPixels(64, 40) }).hash);

  const gifBytes = Buffer.alloc(4096);
  const writer = new (omggif as unknown as { GifWriter: new (b: Buffer, w: number, h: number, o: object) => { addFrame(x: number, y: number, w: number, h: number, px: number[], o: object): void; end(): number } }).GifWriter(gifBytes, 16, 8, { palette: [0x000000, 0xffffff] });
  writer.addFrame(0, 0, 16, 8, Array.from({ length: 128 }, (_, k) => (k % 3 === 0 ? 1 : 0)), {});
  const g = ok(await d.analyse(gifBytes.subarray(0, writer.end())));
  assert.deepEqual([g.mediaType, g.width, g.height, g.decoded], ['image/gif', 16, 8, true]);

  const webp = Buffer.alloc(40);
  webp.write('RIFF', 0, 'latin1');
  webp.writeUInt32LE(32, 4);
  webp.write('WEBPVP8X', 8, 'latin1');
  webp.writeUIntLE(799, 24, 3);
  webp.writeUIntLE(599, 27, 3);
  const w = ok(await d.analyse(webp));
  assert.deepEqual([w.mediaType, w.width, w.height, w.decoded, w.pdq], ['image/webp', 800, 600, false, null]);

  const text = ok(await d.analyse(Buffer.from('%PDF-1.7 not an image')));
  assert.deepEqual([text.mediaType, text.decoded], ['application/pdf', false]);
});

test('a decompression bomb is refused from its header, before any decoding', async (t) => {
  const png = new PNG({ width: 4, height: 4 });
  const bytes = PNG.sync.write(png);
  bytes.writeUInt32BE(100_000, 16);
  bytes.writeUInt32BE(100_000, 20);
  assert.deepEqual(headerDimensions('image/png', bytes), { width: 100_000, height: 100_000 });
  assert.throws(() => analyseImage(bytes), (e: unknown) => e instanceof ImageRefused && e.code === 'TOO_MANY_PIXELS');
  // A JPEG whose SOF claims 65,000 × 65,000.
  const j = testJpeg(16, 16);
  const sof = j.indexOf(Buffer.from([0xff, 0xc0]));
  j.writeUInt16BE(65_000, sof + 5);
  j.writeUInt16BE(65_000, sof + 7);
  const d = decoder(t);
  const started = performance.now();
  for (const b of [bytes, j]) {
    const r = await d.analyse(b);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'TOO_MANY_PIXELS');
  }
  assert.ok(performance.now() - started < 5_000);
});

test('a corrupt file is a recorded error; a crash and a hang are killed and recorded, and the next image gets a fresh process', async (t) => {
  const real = decoder(t);
  const corrupt = Buffer.concat([testJpeg(64, 64).subarray(0, 200), Buffer.alloc(300, 0x55)]);
  const c = await real.analyse(corrupt);
  assert.equal(c.ok, false);
  assert.equal(!c.ok && c.code, 'CORRUPT');

  const flaky = decoder(t, { entry: fileURLToPath(new URL('./fixtures/flaky-decoder.ts', import.meta.url)), timeoutMs: 1_500 });
  const crash = await flaky.analyse(new Uint8Array([0, 1, 2]));
  assert.equal(!crash.ok && crash.code, 'CRASHED');
  const started = performance.now();
  const hang = await flaky.analyse(new Uint8Array([1, 2, 3]));
  assert.equal(!hang.ok && hang.code, 'TIMEOUT');
  assert.ok(performance.now() - started < 10_000);
  const after = ok(await flaky.analyse(testJpeg(32, 32)));
  assert.equal(after.width, 32);
});

test('the decoder process cannot write files nor start processes (Node permission model), nor build code from strings', async (t) => {
  // The same flags ForkImageDecoder passes, checked on one-line scripts.
  const { spawnSync } = await import('node:child_process');
  const run = (code: string) =>
    spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--permission', `--allow-fs-read=${process.cwd()}`, '-e', code], { encoding: 'utf8' });
  assert.notEqual(run("require('node:fs').writeFileSync('/tmp/iblagh-decoder-probe', 'x')").status, 0);
  assert.notEqual(run("require('node:child_process').execSync('true')").status, 0);
  assert.notEqual(run("new Function('return 1')()").status, 0);
  t.diagnostic('network is not blocked by Node 24\'s permission model; the decoder entry removes fetch/WebSocket and has no code that connects');
});
