import type { TFunction } from 'i18next';
import { toCsv, withBom } from '../../../server/http/csv';
import { fieldsOfIssues } from '../../../server/http/error-handler';
import { AppError, type FieldIssue } from '../../../server/http/errors';
import { translatorFor } from '../../../server/http/i18n';
import { parseYesNo } from '../../fundraising/imports/import-normalise';
import type { ParsedCsv } from '../../fundraising/imports/import-parse';
import { CreatePartnerInput, PARTNER_CSV_COLUMNS, type Partner, type PartnerCsvColumn } from '../contract';

// The directory's CSV, both ways: what the export writes is exactly what the import reads back
// (bilingual headers, languages joined by a space, yes/no as 1/0). Pure functions: no SQL, no HTTP.

/** The most partners one file may hold (a directory has hundreds). */
export const MAX_PARTNER_CSV_ROWS = 10_000;
/** The largest file accepted (10,000 partners with long notes fit in it). */
export const MAX_PARTNER_CSV_BYTES = 10 * 1024 * 1024;

const ja = translatorFor('ja');
const en = translatorFor('en');

/** 「名称 / Name (Japanese)」: one header for a reader of either language. */
export const csvHeader = (column: PartnerCsvColumn) => `${ja(`fields.partners.${column}`)} / ${en(`fields.partners.${column}`)}`;

const BOOLEAN_COLUMNS = new Set<PartnerCsvColumn>(['acceptsNoStatus', 'acceptsUninsured']);

/** The partners as the directory's CSV (UTF-8 with a BOM, formula-safe, CRLF). */
export function partnersCsv(partners: readonly Partner[]): string {
  const rows = partners.map((p) => PARTNER_CSV_COLUMNS.map((column): string | number => {
    const value = p[column];
    if (Array.isArray(value)) return value.join(' ');
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  }));
  return withBom(toCsv([PARTNER_CSV_COLUMNS.map(csvHeader), ...rows]));
}

// --- Reading a file back -------------------------------------------------------------------------

const headerKey = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(/\s*\/\s*/g, '/').trim();

/** Every way a column may be headed: the export's bilingual header, either language's label, the raw key. */
const headerIndex = new Map<string, PartnerCsvColumn>(PARTNER_CSV_COLUMNS.flatMap((column) => [
  [headerKey(csvHeader(column)), column], [headerKey(ja(`fields.partners.${column}`)), column],
  [headerKey(en(`fields.partners.${column}`)), column], [headerKey(column), column],
] as const));

/**
 * Which column each header of the file is (null: an unnamed column left empty, as spreadsheets add).
 * Refuses a file without kind and name, with a header it does not know, or with a column twice.
 */
export function matchColumns(parsed: ParsedCsv, t: TFunction): Array<PartnerCsvColumn | null> {
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<PartnerCsvColumn>();
  const columns = parsed.headers.map((header, i) => {
    const column = headerIndex.get(headerKey(header));
    if (column) {
      if (seen.has(column)) repeated.push(header);
      seen.add(column);
      return column;
    }
    const unnamedAndEmpty = /^#\d+$/.test(header) && parsed.rows.every((r) => (r.cells[i] ?? '') === '');
    if (!unnamedAndEmpty) unknown.push(header);
    return null;
  });
  const fileError = (code: string, params: Record<string, unknown>) => new AppError(422, code, { file: { key: 'invalid' } }, params);
  if (unknown.length > 0) throw fileError('partners.import_unknown_columns', { columns: unknown.join(', ') });
  if (repeated.length > 0) throw fileError('partners.import_repeated_columns', { columns: repeated.join(', ') });
  const missing = (['kind', 'nameJa'] as const).filter((c) => !seen.has(c));
  if (missing.length > 0) throw fileError('partners.import_missing_columns', { columns: missing.map((c) => t(`fields.partners.${c}`)).join(', ') });
  return columns;
}

// The export wrote a formula-like cell ('+81 3…', '=…') with a leading apostrophe: take it off again.
const unescapeFormula = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/, '');

/** One data row of an import file, read against the contract. */
export interface PartnerCsvRow {
  line: number;
  /** The id cell ('' for a new partner). */
  id: string;
  /** The name as written, for the preview even when the row is wrong. */
  nameJa: string;
  /** The row's fields, when they all passed the contract. */
  input: CreatePartnerInput | null;
  /** Field → what is wrong, before any lookup (id, 〒) is made. */
  issues: Record<string, FieldIssue>;
}

/** Reads each row with CreatePartnerInput; an empty cell takes the contract's default. */
export function readPartnerRows(parsed: ParsedCsv, columns: ReadonlyArray<PartnerCsvColumn | null>): PartnerCsvRow[] {
  const present = columns.filter((c): c is PartnerCsvColumn => c !== null);
  return parsed.rows.map((row) => {
    const raw: Partial<Record<PartnerCsvColumn, string>> = {};
    columns.forEach((column, i) => {
      if (column) raw[column] = unescapeFormula(row.cells[i] ?? '');
    });
    const issues: Record<string, FieldIssue> = {};
    const candidate: Record<string, unknown> = {};
    for (const column of present) {
      const cell = raw[column] ?? '';
      if (column === 'id' || cell === '') continue;
      if (column === 'languages') candidate.languages = cell.split(/[\s,、，;；/／]+/).filter(Boolean);
      else if (BOOLEAN_COLUMNS.has(column)) {
        const yes = parseYesNo(cell);
        if (yes === null) issues[column] = { key: 'yes_no' };
        else candidate[column] = yes;
      } else if (column === 'kind' || column === 'cost') candidate[column] = cell.normalize('NFKC').trim().toLowerCase();
      else candidate[column] = cell;
    }
    const result = CreatePartnerInput.safeParse(candidate);
    if (!result.success) {
      for (const [name, issue] of Object.entries(fieldsOfIssues(result.error.issues))) {
        // 'languages.2' → the column: a row's errors are shown against its cells.
        issues[name.split('.')[0] ?? name] ??= issue;
      }
    }
    return { line: row.line, id: (raw.id ?? '').trim(), nameJa: (raw.nameJa ?? '').trim(), input: result.success && Object.keys(issues).length === 0 ? result.data : null, issues };
  });
}

/** A row's problems in the reader's language, as the API's error fields read: 「メール: 形式が正しくありません」. */
export function issueMessages(issues: Record<string, FieldIssue>, t: TFunction): Record<string, string> {
  return Object.fromEntries(Object.entries(issues).map(([field, issue]) => [
    field, `${t(`fields.partners.${field}`, { defaultValue: field })}: ${t(`validation.${issue.key}`, issue.params ?? {})}`,
  ]));
}
