import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../http/errors';

export interface PhotoOptions {
  /** The largest upload accepted, in bytes (default 8 MiB). */
  maxBytes?: number;
  /** The longest side of the stored photo, in pixels (default 1200); smaller photos are not enlarged. */
  maxSide?: number;
  /** The form field errors name (default `photo`). */
  field?: string;
}

export interface PreparedPhoto {
  bytes: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_MAX_SIDE = 1200;
/** Room for 48-megapixel phone cameras; a small file claiming more is a decompression bomb. */
const MAX_INPUT_PIXELS = 50_000_000;
/** What the bytes must really be. HEIC is left out: sharp's prebuilt libvips cannot decode it. */
const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif']);

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

/**
 * A photo from the public made safe to store and show: size checked, the type sniffed from the
 * bytes (never from a name or header), EXIF orientation applied, fitted inside `maxSide`, and
 * re-encoded as a JPEG without any EXIF, GPS, XMP, IPTC or ICC data (sharp keeps none unless asked).
 * Throws 413 `photo.too_large` / `photo.too_many_pixels`, 415 `photo.unsupported_type`, 400 `photo.unreadable`.
 */
export async function preparePhoto(bytes: Uint8Array, options: PhotoOptions = {}): Promise<PreparedPhoto> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxSide = options.maxSide ?? DEFAULT_MAX_SIDE;
  const field = options.field ?? 'photo';

  if (bytes.length > maxBytes) {
    const maxMb = megabytes(maxBytes);
    throw new AppError(413, 'photo.too_large', { [field]: { key: 'too_big', params: { maximum: `${maxMb} MB` } } }, { maxMb });
  }
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !ACCEPTED_TYPES.has(detected.mime)) {
    throw new AppError(415, 'photo.unsupported_type', { [field]: { key: 'invalid_format' } });
  }
  const unreadable = () => new AppError(400, 'photo.unreadable', { [field]: { key: 'invalid' } });

  // The header alone tells the dimensions, so an oversized image is refused before it is decoded.
  const header = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => {
    throw unreadable();
  });
  if (header.width * header.height > MAX_INPUT_PIXELS) {
    const maxMegapixels = MAX_INPUT_PIXELS / 1_000_000;
    throw new AppError(413, 'photo.too_many_pixels', { [field]: { key: 'invalid' } }, { maxMegapixels });
  }

  // failOn 'error' refuses corrupt or truncated pixel data but not the harmless warnings many
  // phone JPEGs carry; limitInputPixels stays as sharp's own guard should the header mislead.
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw unreadable();
    });
  return { bytes: data, contentType: 'image/jpeg', width: info.width, height: info.height };
}
