import Papa from 'papaparse';

/**
 * A cell that a spreadsheet would run as a formula: starting with = + - @ (also their full-width
 * forms, which Japanese spreadsheets accept), a tab or a carriage return. Such a cell is written
 * with a leading apostrophe, so `=HYPERLINK(…)` typed into an aid item's name stays text.
 */
export const CSV_FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Rows as CSV (CRLF, quoted where needed) with every text cell neutralised against formula
 * injection; numbers stay numbers. Every CSV Tobira writes goes through here.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return Papa.unparse(rows.map((r) => [...r]), { newline: '\r\n', escapeFormulae: CSV_FORMULA_START });
}

/** UTF-8 with a byte-order mark, so Excel opens the Japanese correctly. */
export const withBom = (csv: string) => `\uFEFF${csv}`;
