import Papa from 'papaparse';
import { AppError } from '../../../server/http/errors';
import { type ImportEncoding, type ImportFileErrorCode, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './imports.contract';

// Reading an uploaded file: bytes → text (the encoding found, not asked for) → rows with the line
// numbers a fundraiser sees when the file is opened in a text editor. No database, no HTTP.

/** A whole-file refusal: the one HTTP error type, with the file named as the field at fault. */
export function importFileError(status: number, code: ImportFileErrorCode, params: Record<string, unknown> = {}): AppError {
  return new AppError(status, code, { file: { key: 'invalid' } }, params);
}

export interface DecodedFile {
  text: string;
  encoding: ImportEncoding;
  /** The file began with a byte-order mark (Excel's "CSV UTF-8" does; Congrant's CSVs too). */
  hasBom: boolean;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;

// WHATWG's "shift_jis" decoder is Windows-31J (CP932): NEC and IBM extensions (①, ㈱, 髙, 﨑) decode.
// Node and browsers accept "shift_jis", "windows-31j", "sjis", "ms932" as its labels, not "cp932".
const decoders = {
  'utf-8': () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
  'utf-16le': () => new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
  'utf-16be': () => new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
  shift_jis: () => new TextDecoder('shift_jis', { fatal: true }),
} satisfies Record<ImportEncoding, () => TextDecoder>;

function tryDecode(encoding: ImportEncoding, bytes: Uint8Array): string | null {
  try {
    return decoders[encoding]().decode(bytes);
  } catch {
    return null;
  }
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

/** xlsx is a ZIP; xls is an OLE compound file. Congrant's downloads are Excel files. */
const isExcel = (bytes: Uint8Array) =>
  startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Share of control characters in the first 64k characters: text has almost none, a binary file
 * read as text has many. Tab, line feed and carriage return are text.
 */
function controlShare(text: string): number {
  const sample = text.slice(0, 65_536);
  if (sample.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) controls++;
  }
  return controls / sample.length;
}

/**
 * Reads an uploaded CSV whatever Japanese software wrote it: UTF-8 with or without a BOM, UTF-16
 * with a BOM (Excel's "Unicode text"), else Shift_JIS (Windows-31J, what Japanese banks and older
 * Excel write). Throws `import.empty`, `import.too_large` (over `maxBytes`, default 20 MiB),
 * `import.excel_file`, `import.not_csv` (NUL bytes or mostly control characters) or
 * `import.unknown_encoding`.
 */
export function decodeImportFile(bytes: Uint8Array, options: { maxBytes?: number } = {}): DecodedFile {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (bytes.length === 0) throw importFileError(400, 'import.empty');
  if (bytes.length > maxBytes) throw importFileError(413, 'import.too_large', { maxMb: megabytes(maxBytes) });
  if (isExcel(bytes)) throw importFileError(415, 'import.excel_file');

  let decoded: DecodedFile | null = null;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    if (text === null) throw importFileError(415, 'import.unknown_encoding');
    decoded = { text, encoding: 'utf-8', hasBom: true };
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = tryDecode(encoding, bytes.subarray(2));
    if (text === null) throw importFileError(415, 'import.unknown_encoding');
    decoded = { text, encoding, hasBom: true };
  } else {
    // A NUL byte is never in a UTF-8 or Shift_JIS text file (UTF-16 has them, but only with a BOM here).
    if (bytes.includes(0)) throw importFileError(415, 'import.not_csv');
    for (const encoding of ['utf-8', 'shift_jis'] as const) {
      const text = tryDecode(encoding, bytes);
      if (text !== null) {
        decoded = { text, encoding, hasBom: false };
        break;
      }
    }
    if (decoded === null) throw importFileError(415, 'import.unknown_encoding');
  }
  if (decoded.text.includes('\u0000') || controlShare(decoded.text) > 0.1) throw importFileError(415, 'import.not_csv');
  if (decoded.text.trim() === '') throw importFileError(400, 'import.empty');
  return decoded;
}

// --- CSV ------------------------------------------------------------------------------------

export type CsvDelimiter = ',' | '\t' | ';';

export interface CsvRow {
  /** The 1-based line of the file where the row starts (a quoted cell may span lines). */
  line: number;
  /** Trimmed cells, as many as there are headers. */
  cells: string[];
}

export interface ParsedCsv {
  /** Trimmed and unique: an empty header becomes `#3`, a repeated one `メモ (2)`. */
  headers: string[];
  /** The line of the header row. */
  headerLine: number;
  rows: CsvRow[];
  delimiter: CsvDelimiter;
}

export interface ParseCsvOptions {
  /** The most data rows accepted (default 200,000). */
  maxRows?: number;
  /** The 1-based line of the header row, for a bank file with a title above it; default the first non-blank line. */
  headerLine?: number;
}

/** Counts each candidate outside quotes in one line; the most frequent wins, comma on a tie. */
export function sniffDelimiter(line: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === '\t' || ch === ';')) counts[ch]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of ['\t', ';'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((cell, i) => {
    const base = cell === '' ? `#${i + 1}` : cell;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * Splits CSV text into a header row and data rows (papaparse): commas, tabs or semicolons (sniffed
 * from the header line), CRLF, LF or CR line ends, quoted cells with commas and line breaks. Cells
 * are trimmed (full-width spaces too); blank lines are dropped. Throws `import.empty` (no header),
 * `import.malformed_csv` (an unclosed quote, with its line) or `import.too_many_rows`.
 */
export function parseCsv(input: string, options: ParseCsvOptions = {}): ParsedCsv {
  const maxRows = options.maxRows ?? MAX_IMPORT_ROWS;
  // One line end everywhere: papaparse guesses one per file, and a file edited on two machines has both.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n', (options.headerLine ?? 0) + 1000);
  const firstLineIndex = options.headerLine !== undefined ? options.headerLine - 1 : lines.findIndex((l) => l.trim() !== '');
  const headerText = lines[firstLineIndex];
  if (firstLineIndex < 0 || headerText === undefined) throw importFileError(400, 'import.empty');
  const delimiter = sniffDelimiter(headerText);

  // Assigned in papaparse's callback, which TypeScript's narrowing does not follow.
  let headerCells = null as string[] | null;
  let headerLine = 0;
  const rows: CsvRow[] = [];
  let failure = null as AppError | null;
  // Line numbers: papaparse gives each row's end offset; the newlines before a row's start count its line.
  let rowStart = 0;
  let scanned = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    scanned = Math.max(scanned, offset);
    return line;
  };

  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result, parser) => {
      const startLine = lineAt(rowStart);
      rowStart = result.meta.cursor;
      const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
      if (quoteError) {
        failure = importFileError(422, 'import.malformed_csv', { line: startLine });
        parser.abort();
        return;
      }
      const cells = result.data.map((c) => c.trim());
      if (cells.every((c) => c === '')) return;
      if (headerCells === null) {
        if (startLine < firstLineIndex + 1) return;
        headerCells = uniqueHeaders(cells);
        headerLine = startLine;
        return;
      }
      if (rows.length >= maxRows) {
        failure = importFileError(413, 'import.too_many_rows', { maxRows });
        parser.abort();
        return;
      }
      const width = headerCells.length;
      rows.push({ line: startLine, cells: Array.from({ length: width }, (_, i) => cells[i] ?? '') });
    },
  });
  if (failure) throw failure;
  if (headerCells === null) throw importFileError(400, 'import.empty');
  return { headers: headerCells, headerLine, rows, delimiter };
}
