import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { preparePhoto } from './photos';

const solid = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } });

/** 300×200, left half red and right half blue, as a camera held upright stores it: Orientation 6 (turn 90° clockwise). */
async function uprightCameraJpeg(): Promise<Buffer> {
  const red = await solid(150, 200, '#ff0000').png().toBuffer();
  return solid(300, 200, '#0000ff')
    .composite([{ input: red, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestCam', Model: 'Secret Phone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 22/1', GPSLongitudeRef: 'E', GPSLongitude: '139/1 41/1 30/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Runner Name"/></rdf:RDF></x:xmpmeta>')
    .withIccProfile('p3')
    .jpeg()
    .toBuffer();
}

/** A PNG whose header claims width × height but whose pixel data is one row: decoding it would fail. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1 + width * 3))), chunk('IEND', Buffer.alloc(0))]);
}

async function pixel(jpeg: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at] ?? -1, data[at + 1] ?? -1, data[at + 2] ?? -1];
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('preparePhoto', () => {
  it('applies the EXIF orientation and keeps no EXIF, GPS, XMP or ICC data', async () => {
    const input = await uprightCameraJpeg();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('Secret Phone');
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();

    const photo = await preparePhoto(input);
    expect(photo.contentType).toBe('image/jpeg');
    expect([photo.width, photo.height]).toEqual([200, 300]);
    const after = await sharp(photo.bytes).metadata();
    expect(after).toMatchObject({ format: 'jpeg', width: 200, height: 300, hasProfile: false });
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(photo.bytes.toString('latin1')).not.toMatch(/Secret Phone|TestCam|Runner Name|GPS/);
    // Turned clockwise, the stored left (red) half is now on top and the blue half below.
    const [topR, , topB] = await pixel(photo.bytes, 100, 20);
    const [bottomR, , bottomB] = await pixel(photo.bytes, 100, 280);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomR).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
  });

  it('fits a large photo inside maxSide, keeping its proportions, and never enlarges a small one', async () => {
    const large = await preparePhoto(await solid(4000, 3000, '#336699').png().toBuffer());
    expect([large.width, large.height]).toEqual([1200, 900]);
    expect((await sharp(large.bytes).metadata()).format).toBe('jpeg');

    const tall = await preparePhoto(await solid(1000, 3000, '#336699').webp().toBuffer(), { maxSide: 600 });
    expect([tall.width, tall.height]).toEqual([200, 600]);

    const small = await preparePhoto(await solid(320, 240, '#336699').avif().toBuffer());
    expect([small.width, small.height]).toEqual([320, 240]);
  });

  it('puts a transparent PNG on white, not black', async () => {
    const transparent = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const photo = await preparePhoto(transparent);
    expect((await pixel(photo.bytes, 20, 20)).every((channel) => channel > 245)).toBe(true);
  });

  it('refuses a file over the size limit before looking at it (413, naming the field)', async () => {
    const error = await refusal(preparePhoto(new Uint8Array(2049), { maxBytes: 2048, field: 'runnerPhoto' }));
    expect(error).toMatchObject({ status: 413, code: 'photo.too_large' });
    expect(Object.keys(error.fields)).toEqual(['runnerPhoto']);

    const defaultLimit = await refusal(preparePhoto(new Uint8Array(8 * 1024 * 1024 + 1)));
    expect(defaultLimit).toMatchObject({ status: 413, code: 'photo.too_large', params: { maxMb: 8 } });
  });

  it('refuses anything the bytes show is not a JPEG, PNG, WebP or AVIF (415), whatever it claims to be', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const gif = await solid(10, 10, '#000000').gif().toBuffer();
    const tiff = await solid(10, 10, '#000000').tiff().toBuffer();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    for (const bytes of [svg, html, gif, tiff, pdf, Buffer.from('just some text, named photo.jpg')]) {
      const error = await refusal(preparePhoto(bytes, { field: 'runnerPhoto' }));
      expect(error).toMatchObject({ status: 415, code: 'photo.unsupported_type', fields: { runnerPhoto: { key: 'invalid_format' } } });
    }
    expect((await refusal(preparePhoto(svg))).fields).toHaveProperty('photo');
  });

  it('refuses bytes that start like a JPEG but are not one, and a truncated JPEG (400)', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 0x5a)]);
    expect(await refusal(preparePhoto(fake))).toMatchObject({ status: 400, code: 'photo.unreadable', fields: { photo: { key: 'invalid' } } });

    const real = await solid(600, 400, '#884422').jpeg().toBuffer();
    const truncated = real.subarray(0, Math.floor(real.length * 0.6));
    expect(await refusal(preparePhoto(truncated))).toMatchObject({ status: 400, code: 'photo.unreadable' });
  });

  it('refuses an image whose header claims more than 50 megapixels, without decoding it (413)', async () => {
    // Had it been decoded, the missing rows would make it 400 unreadable instead.
    const bomb = pngHeaderOnly(8000, 6300);
    expect(await refusal(preparePhoto(bomb))).toMatchObject({ status: 413, code: 'photo.too_many_pixels', params: { maxMegapixels: 50 } });
    expect(await refusal(preparePhoto(pngHeaderOnly(800, 630)))).toMatchObject({ status: 400, code: 'photo.unreadable' });
  });
});
