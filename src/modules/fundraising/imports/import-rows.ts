import { createHash } from 'node:crypto';
import type { GiftMethod } from '../contract';
import type { CsvRow, ParsedCsv } from './import-parse';
import {
  type DonorName,
  type Parsed,
  excerpt,
  NO_NAME,
  isBlankMarker,
  isFormulaCell,
  isKatakanaReading,
  isMasked,
  nonGiftDeposit,
  normaliseMessage,
  normalisePrefecture,
  normaliseText,
  organisationFromName,
  parseBankPayer,
  parseEmail,
  parseImportDate,
  parseKanaName,
  parseMethod,
  parsePhone,
  parsePostalCode,
  parseRecurrence,
  parseYen,
  parseYesNo,
  splitAddress,
  splitFullName,
  stripLegalFormReading,
  tokyoToday,
  toKatakanaReading,
} from './import-normalise';
import { validateMapping } from './import-sources';
import {
  DONOR_TARGETS,
  IMPORT_MAX_LENGTH,
  type ImportIssue,
  type ImportPreview,
  type ImportRecurrence,
  type ImportRow,
  type ImportRowErrorKey,
  type ImportRowFailure,
  type ImportRowWarningKey,
  type ImportSkippedRow,
  type ImportSkipReason,
  type ImportSource,
  type ImportSupporter,
  ImportTarget,
  type ResolvedMapping,
} from './imports.contract';

// Rows + mapping → gifts a fundraiser can check before anything is written: each row becomes an
// ImportRow (with warnings), a failure (its errors), or a skipped line (not a gift). The database
// side (batches, matching supporters, commit, rollback) builds on this and adds no parsing.

export interface MapRowsOptions {
  source: ImportSource;
  /** The office's today (`YYYY-MM-DD`, Tokyo); a later gift date is an error. Defaults to today in Tokyo. */
  today?: string;
}

/** A bank's 入払区分 / 入出金区分 value meaning money out. */
const OUTGOING = /出金|支払|払出|引出|振替出|debit|out/i;

/** Where a field comes from when its own column is not mapped (a split name from the one-column name…). */
const FED_BY: Partial<Record<ImportTarget, readonly ImportTarget[]>> = {
  familyName: ['fullName', 'familyNameKana', 'fullNameKana'],
  givenName: ['fullName', 'givenNameKana', 'fullNameKana'],
  familyNameKana: ['fullNameKana'],
  givenNameKana: ['fullNameKana'],
  organisationName: ['fullName', 'familyName', 'organisationNameKana', 'fullNameKana'],
  organisationNameKana: ['fullNameKana', 'familyNameKana'],
  prefecture: ['address'],
  line1: ['address'],
};

type Outcome = { kind: 'row'; row: ImportRow } | { kind: 'failure'; failure: ImportRowFailure } | { kind: 'skipped'; skipped: ImportSkippedRow };

/** Reads one CSV row against a resolved mapping. */
class RowReader {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  /** A name or email cell was ***** (Syncable withholds an anonymous donor's details). */
  isDonorWithheld = false;
  private readonly values = new Map<ImportTarget, string>();

  constructor(
    readonly row: CsvRow,
    private readonly mapping: ResolvedMapping,
    private readonly index: ReadonlyMap<string, number>,
  ) {
    for (const target of ImportTarget.options) {
      const header = mapping[target];
      if (header === null) continue;
      const raw = row.cells[index.get(header) ?? -1] ?? '';
      if (isBlankMarker(raw)) {
        this.values.set(target, '');
      } else if (isMasked(raw)) {
        // Only a withheld name or email makes the donor unknown; stars elsewhere are just empty.
        if ((DONOR_TARGETS as readonly ImportTarget[]).includes(target)) this.isDonorWithheld = true;
        this.values.set(target, '');
      } else if (isFormulaCell(raw)) {
        // Never imported, not even cleaned: the fundraiser sees which cell and fixes the file.
        this.error('import.formula_cell', target);
        this.values.set(target, '');
      } else {
        this.values.set(target, raw);
      }
    }
  }

  isMapped = (target: ImportTarget) => this.mapping[target] !== null;
  /** The cell for a target: '' when unmapped, blank, masked or a formula. */
  get = (target: ImportTarget) => this.values.get(target) ?? '';
  raw = (target: ImportTarget) => {
    const header = this.mapping[target];
    return header === null ? '' : (this.row.cells[this.index.get(header) ?? -1] ?? '');
  };

  /** The target itself if mapped, else the column its value came from. */
  private origin(target: ImportTarget): ImportTarget | null {
    return [target, ...(FED_BY[target] ?? [])].find((t) => this.mapping[t] !== null) ?? null;
  }

  private issue(key: ImportRowErrorKey | ImportRowWarningKey, target: ImportTarget | null, extra: Record<string, string | number>): ImportIssue {
    const origin = target === null ? null : this.origin(target);
    const column = origin === null ? null : this.mapping[origin];
    return { line: this.row.line, column, key, params: { column: column ?? '', value: origin === null ? '' : excerpt(this.raw(origin)), ...extra } };
  }
  error(key: ImportRowErrorKey, target: ImportTarget | null, extra: Record<string, string | number> = {}) {
    this.errors.push(this.issue(key, target, extra));
  }
  warn(key: ImportRowWarningKey, target: ImportTarget | null, extra: Record<string, string | number> = {}) {
    this.warnings.push(this.issue(key, target, extra));
  }

  /** One-line text of a target, or '' — checked against the stored length. */
  text(target: ImportTarget & keyof typeof IMPORT_MAX_LENGTH, value = normaliseText(this.get(target))): string {
    const maximum = IMPORT_MAX_LENGTH[target];
    if (value.length > maximum) this.error('import.too_long', target, { maximum });
    return value;
  }
}

/** A reading kept only if it is katakana; else dropped with a warning (a kanji name typed in the kana column). */
function reading(reader: RowReader, target: ImportTarget, value: string): string {
  if (value === '' || isKatakanaReading(value)) return value;
  reader.warn('import.kana_invalid', target);
  return '';
}

/** Who gave, from whichever name columns the file has. */
function readDonorName(reader: RowReader, source: ImportSource): DonorName {
  if (source === 'bank') {
    const payerTarget = reader.get('fullNameKana') !== '' ? 'fullNameKana' : 'fullName';
    const payer = reader.get(payerTarget);
    if (payer === '') return NO_NAME;
    const name = parseBankPayer(payer);
    return {
      ...name,
      familyNameKana: reading(reader, payerTarget, name.familyNameKana),
      givenNameKana: reading(reader, payerTarget, name.givenNameKana),
      organisationNameKana: reading(reader, payerTarget, name.organisationNameKana),
    };
  }

  let name: DonorName = { ...NO_NAME };
  // Kanji (or Latin) name: split columns first, else the one-column name.
  const family = normaliseText(reader.get('familyName'));
  const given = normaliseText(reader.get('givenName'));
  if (family !== '' || given !== '') name = { ...name, familyName: family, givenName: given };
  else if (reader.get('fullName') !== '') name = { ...name, ...splitFullName(reader.get('fullName')) };

  // Reading: split columns first, else the one-column reading (which may be a bank-style カ)….
  const familyKana = toKatakanaReading(reader.get('familyNameKana'));
  const givenKana = toKatakanaReading(reader.get('givenNameKana'));
  if (familyKana !== '' || givenKana !== '') {
    name.familyNameKana = reading(reader, 'familyNameKana', familyKana);
    name.givenNameKana = reading(reader, 'givenNameKana', givenKana);
  } else if (reader.get('fullNameKana') !== '') {
    const kana = parseKanaName(reader.get('fullNameKana'));
    if (kana.kind === 'organisation') {
      name.organisationNameKana = reading(reader, 'fullNameKana', kana.organisationNameKana);
      name.legalForm = kana.legalForm;
    } else {
      name.familyNameKana = reading(reader, 'fullNameKana', kana.familyNameKana);
      name.givenNameKana = reading(reader, 'fullNameKana', kana.givenNameKana);
    }
  }

  // An organisation: its own column, or a legal form in the name column (株式会社…, ㈱).
  const organisationName = normaliseText(reader.get('organisationName'));
  const organisationKana = toKatakanaReading(reader.get('organisationNameKana'));
  if (organisationKana !== '') name.organisationNameKana = reading(reader, 'organisationNameKana', organisationKana);
  if (organisationName !== '') {
    name = { ...name, kind: 'organisation', organisationName, legalForm: organisationFromName(organisationName)?.legalForm ?? name.legalForm };
  } else {
    const inName = organisationFromName(`${name.familyName} ${name.givenName}`.trim());
    if (inName) {
      // The name columns held the organisation; its reading is the whole reading.
      const kana = name.organisationNameKana || `${name.familyNameKana} ${name.givenNameKana}`.trim().replace(/\s+/g, '');
      name = { ...NO_NAME, kind: 'organisation', ...inName, organisationNameKana: kana };
    } else if (name.organisationNameKana !== '') {
      name = { ...name, kind: 'organisation', organisationName: name.organisationNameKana, isNameFromKana: true };
    }
  }

  if (name.kind === 'organisation') name.organisationNameKana = stripLegalFormReading(name.organisationNameKana);
  // Only a reading: it is the name too, so a new supporter has one.
  if (name.kind === 'individual' && name.familyName === '' && name.givenName === '' && (name.familyNameKana !== '' || name.givenNameKana !== '')) {
    name = { ...name, familyName: name.familyNameKana, givenName: name.givenNameKana, isNameFromKana: true };
  }
  return name;
}

function readSupporter(reader: RowReader, source: ImportSource): ImportSupporter | null {
  const name = readDonorName(reader, source);
  const email = optional(reader, 'email', parseEmail, 'import.email_invalid');
  const phone = optional(reader, 'phone', parsePhone, 'import.phone_invalid');
  const postalCode = optional(reader, 'postalCode', parsePostalCode, 'import.postal_invalid');
  const whole = reader.get('address') === '' ? null : splitAddress(reader.get('address'));
  const prefectureCell = normalisePrefecture(reader.get('prefecture'));
  const line1Cell = normaliseText(reader.get('line1'));
  const supporter: ImportSupporter = {
    kind: name.kind,
    familyName: reader.text('familyName', name.familyName),
    givenName: reader.text('givenName', name.givenName),
    familyNameKana: reader.text('familyNameKana', name.familyNameKana),
    givenNameKana: reader.text('givenNameKana', name.givenNameKana),
    isNameFromKana: name.isNameFromKana,
    organisationName: reader.text('organisationName', name.organisationName),
    organisationNameKana: reader.text('organisationNameKana', name.organisationNameKana),
    legalForm: name.legalForm,
    email: email === null ? null : reader.text('email', email),
    phone: phone === null ? null : reader.text('phone', phone),
    postalCode,
    // The whole-address column fills only what the file has no own column for.
    prefecture: reader.text('prefecture', prefectureCell || (whole?.prefecture ?? '')),
    city: reader.text('city'),
    line1: reader.text('line1', line1Cell || (whole?.rest ?? '')),
    line2: reader.text('line2'),
  };
  const hasName = [supporter.familyName, supporter.givenName, supporter.organisationName].some((s) => s !== '');
  return hasName || email !== null ? supporter : null;
}

/** An optional cell: null when empty, else parsed, or dropped with a warning. */
function optional(reader: RowReader, target: ImportTarget, parse: (v: string) => Parsed<string>, warning: ImportRowWarningKey): string | null {
  const value = reader.get(target).trim();
  if (value === '') return null;
  const parsed = parse(value);
  if (parsed.ok) return parsed.value;
  reader.warn(warning, target);
  return null;
}

/** A yes/no cell: null when unmapped, false when blank (Congrant writes 許可 or nothing), warned when unreadable. */
function flag(reader: RowReader, target: 'isAnonymous' | 'publishName'): boolean | null {
  if (!reader.isMapped(target)) return null;
  const value = reader.get(target);
  if (value.trim() === '') return false;
  // 匿名 answers both questions: anonymous yes, publish no.
  if (/匿名/.test(value)) return target === 'isAnonymous';
  const parsed = parseYesNo(value);
  if (parsed === null) reader.warn('import.flag_unknown', target);
  return parsed;
}

/** Why a bank line is not a gift, or null when it is one. */
function skipReason(reader: RowReader, source: ImportSource, amount: number | null): ImportSkipReason | null {
  const withdrawal = parseYen(reader.get('withdrawalYen'));
  const isOut =
    OUTGOING.test(normaliseText(reader.get('direction'))) ||
    (withdrawal.ok && withdrawal.value > 0 && (amount === null || amount === 0)) ||
    (source === 'bank' && amount !== null && amount < 0);
  if (isOut) return 'withdrawal';
  if (source !== 'bank') return null;
  return nonGiftDeposit(reader.get('fullNameKana') || reader.get('fullName'));
}

// A statement's row counter (番号 in ANSER files, No.) restarts with every download, so it is left
// out of a derived id: the same transfer in two overlapping exports keeps one id.
const ROW_COUNTER = /^(番号|no\.?|#|連番|行番号)$/i;

/**
 * `h:` + a hash of the row's cells except a row counter, width-folded so a re-export in full-width
 * digits keeps its ids. A bank's balance column makes two equal transfers on one day differ.
 */
function derivedId(source: ImportSource, headers: readonly string[], row: CsvRow): string {
  const cells = row.cells.map((cell, i) => (ROW_COUNTER.test(normaliseText(headers[i] ?? '')) ? '' : normaliseText(cell)));
  return `h:${createHash('sha256').update([source, ...cells].join('\u001f')).digest('hex').slice(0, 32)}`;
}

interface Context {
  mapping: ResolvedMapping;
  headers: readonly string[];
  index: ReadonlyMap<string, number>;
  source: ImportSource;
  today: string;
  /** Ids met so far in the file, with how often. */
  seen: Map<string, number>;
}

function readRow(row: CsvRow, context: Context): Outcome {
  const { mapping, index, source, today, seen } = context;
  const reader = new RowReader(row, mapping, index);

  const amountCell = reader.get('amountYen');
  const amount = amountCell === '' ? null : parseYen(amountCell);
  const reason = skipReason(reader, source, amount?.ok ? amount.value : null);
  if (reason) return { kind: 'skipped', skipped: { line: row.line, reason } };
  if (!amount?.ok || amount.value <= 0) reader.error('import.amount_invalid', 'amountYen');
  const amountYen = amount?.ok ? amount.value : 0;

  const date = parseImportDate(reader.get('receivedOn'));
  if (!date.ok) reader.error('import.date_invalid', 'receivedOn');
  else if (date.value > today) reader.error('import.date_in_future', 'receivedOn', { today });

  let feeYen = 0;
  if (reader.get('feeYen') !== '') {
    const fee = parseYen(reader.get('feeYen'));
    // Above the amount is only a fault when the amount itself was read.
    if (!fee.ok || fee.value < 0 || (amountYen > 0 && fee.value > amountYen)) reader.error('import.fee_invalid', 'feeYen');
    else feeYen = fee.value;
  }

  const defaultMethod: GiftMethod = source === 'bank' ? 'bank_transfer' : 'other';
  let method: GiftMethod = defaultMethod;
  if (reader.get('method') !== '') {
    const parsed = parseMethod(reader.get('method'));
    if (parsed === null) reader.warn('import.method_unknown', 'method');
    method = parsed ?? 'other';
  }

  let recurring: ImportRecurrence | null = null;
  if (reader.get('recurring') !== '') {
    recurring = parseRecurrence(reader.get('recurring'));
    if (recurring === null) reader.warn('import.recurring_unknown', 'recurring');
  }

  const supporter = reader.isDonorWithheld ? null : readSupporter(reader, source);
  if (supporter === null && !reader.isDonorWithheld) reader.warn('import.donor_unknown', null);
  // A donor who gave no name is anonymous (Congrant registers a nameless gift so too), and an
  // anonymous donor's name is never published.
  const isNamed = supporter !== null && [supporter.familyName, supporter.givenName, supporter.organisationName].some((s) => s !== '');
  const isAnonymous = !isNamed || (flag(reader, 'isAnonymous') ?? false);
  const publishName = isAnonymous ? false : flag(reader, 'publishName');

  const platformId = reader.text('externalId');
  const externalId = platformId || derivedId(source, context.headers, row);
  // A derived id repeats only for identical lines (two equal transfers the same day): number them.
  const occurrence = (seen.get(externalId) ?? 0) + 1;
  seen.set(externalId, occurrence);
  const uniqueId = occurrence === 1 || platformId ? externalId : `${externalId}:${occurrence}`;
  if (platformId && occurrence > 1) reader.error('import.duplicate_in_file', 'externalId');

  const optionalText = (target: 'campaignCode' | 'fundCode' | 'runnerCode' | 'donorExternalId') => reader.text(target) || null;
  const result: ImportRow = {
    line: row.line,
    externalId: uniqueId,
    isExternalIdDerived: !platformId,
    donorExternalId: optionalText('donorExternalId'),
    receivedOn: date.ok ? date.value : '',
    amountYen,
    feeYen,
    method,
    supporter,
    campaignCode: optionalText('campaignCode'),
    fundCode: optionalText('fundCode'),
    donorMessage: reader.text('donorMessage', normaliseMessage(reader.get('donorMessage'))),
    isAnonymous,
    publishName,
    recurring,
    runnerCode: optionalText('runnerCode'),
    warnings: reader.warnings,
  };
  if (reader.errors.length > 0) return { kind: 'failure', failure: { line: row.line, errors: reader.errors } };
  return { kind: 'row', row: result };
}

/**
 * Turns parsed rows into checked gifts: each row is an ImportRow (its warnings inside), a failure
 * with its errors (line, column, key, params), or a skipped line (a bank withdrawal, a platform's
 * payout, interest). Throws like validateMapping when the mapping is unusable. Re-importing the same
 * file gives the same externalIds, so the gift table's unique index keeps a gift from counting twice.
 */
export function mapRows(parsed: ParsedCsv, mapping: ResolvedMapping, options: MapRowsOptions): ImportPreview {
  validateMapping(mapping, parsed.headers);
  const context: Context = {
    mapping,
    headers: parsed.headers,
    index: new Map(parsed.headers.map((h, i) => [h, i])),
    source: options.source,
    today: options.today ?? tokyoToday(),
    seen: new Map(),
  };
  const preview: ImportPreview = {
    source: options.source,
    rows: [],
    failures: [],
    skipped: [],
    summary: { rows: parsed.rows.length, valid: 0, errors: 0, skipped: 0, warnings: 0, totalYen: 0 },
  };
  for (const row of parsed.rows) {
    const outcome = readRow(row, context);
    switch (outcome.kind) {
      case 'row':
        preview.rows.push(outcome.row);
        preview.summary.valid++;
        preview.summary.totalYen += outcome.row.amountYen;
        if (outcome.row.warnings.length > 0) preview.summary.warnings++;
        break;
      case 'failure':
        preview.failures.push(outcome.failure);
        preview.summary.errors++;
        break;
      case 'skipped':
        preview.skipped.push(outcome.skipped);
        preview.summary.skipped++;
        break;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown outcome ${String(unreachable)}`);
      }
    }
  }
  return preview;
}
