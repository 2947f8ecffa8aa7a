/** Test images made here: pixels with structure (good PDQ quality), and JPEGs of them. */
import jpeg from 'jpeg-js';

/** A smooth gradient with a few shapes: enough structure for a good PDQ quality. */
export function testPixels(width: number, height: number, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      const inDisc = (x - width / 3) ** 2 + (y - height / 2) ** 2 < (height / 4) ** 2;
      data[p] = inDisc ? 230 : (x * 255) / width;
      data[p + 1] = ((y * 255) / height + seed * 40) % 256;
      data[p + 2] = (x + y) % 64 < 32 ? 40 : 200;
      data[p + 3] = 255;
    }
  }
  return data;
}

export function testJpeg(width = 320, height = 240, seed = 1): Buffer {
  return Buffer.from(jpeg.encode({ width, height, data: testPixels(width, height, seed) }, 90).data);
}
