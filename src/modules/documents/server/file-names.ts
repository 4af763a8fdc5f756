const MAX_NAME = 200;

/**
 * The name a browser sent for a file, made safe to keep and to send back: no directories, no
 * control or direction-override characters, NFC, at most 200 characters (keeping the extension).
 */
export function sanitiseFileName(raw: string | undefined, fallbackExtension: string): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/u, '');
  if (cleaned === '') return `document.${fallbackExtension}`;
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 10) return chars.slice(0, MAX_NAME).join('');
  return chars.slice(0, MAX_NAME - extension.length).join('') + extension.join('');
}

/** The name endings that truly fit each accepted type (the first is the one given to a file). */
export const extensionsOf: Record<string, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic'],
  'image/heif': ['heif'],
  'application/pdf': ['pdf'],
};

/**
 * The name with an ending that matches what the bytes are: `evil.html` holding PNG bytes is saved
 * as `evil.png`, so no computer opens a file with the wrong program. A fitting ending is kept.
 */
export function nameForType(fileName: string, contentType: string): string {
  const endings = extensionsOf[contentType];
  if (!endings?.[0]) return fileName;
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ending = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  return endings.includes(ending) ? fileName : `${stem}.${endings[0]}`;
}

/**
 * A Content-Disposition header with the name twice: a plain ASCII fallback for old clients and the
 * exact UTF-8 name as RFC 5987/6266 `filename*` (Japanese names survive in every current browser).
 */
export function contentDisposition(type: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
