import { AppError, type FieldIssue } from '../../../server/http/errors';
import { DONOR_TARGETS, type ImportMapping, type ImportSource, ImportTarget, type ResolvedMapping } from './imports.contract';

// Where each source keeps each field. The column names come from:
// - Congrant: its help centre (help.congrant.com) documents サポーターNo., 決済頻度 (単発 / 毎月 /
//   毎年), 応援コメント, 広報物への掲載 (許可 or blank), 氏名(姓) / 氏名(名) / 氏名(セイ) / 氏名(メイ)
//   (the supporter upload format), and that custom fields download as "項目名(カスタム項目)". The
//   payment list's own column names are not published: 決済ID, 寄付日時, 寄付金額, 決済手数料, 決済方法,
//   法人名 and the address columns are the names its exports are known by. Congrant downloads Excel
//   files; a fundraiser saves them as CSV (an .xlsx upload is refused with import.excel_file).
// - Syncable: its help centre (help.syncable.biz) documents that the 寄付履歴 CSV download holds 氏名,
//   メールアドレス, 電話番号, 住所 (as ***** for an anonymous gift), the custom questions (a template
//   asks about 広報物への寄付者名の掲載), 応援メッセージ, and payment by card, Amazon Pay or bank
//   transfer, monthly or one-time. The other names (寄付ID, 寄付日時, 寄付金額, 寄付の種類,
//   キャンペーン名, 氏名(フリガナ)) are not documented and are a realistic guess; map them by hand if
//   an export differs, and the mapping is saved per source.
// - Bank: the ANSER 入出金明細 CSV (照会口座, 番号, 勘定日, (起算日), 出金金額(円), 入金金額(円),
//   小切手区分, 残高(円), 取引区分, 明細区分, 金融機関名, 支店名, 摘要) as Japanese banks' format
//   sheets list it, and the Zengin 振込入金明細 fields (勘定日, 起算日, 金額, 振込依頼人名, 仕向銀行名,
//   仕向店名, EDI情報); plus the shorter headers of banks' own web statements (日付, お預入れ, お引出し).
// - Generic: Japanese and English names anyone might type, and each target's own name (receivedOn,
//   amountYen…), so a spreadsheet made from Tobira's template maps itself.

type Columns = Partial<Record<ImportTarget, readonly string[]>>;

/** Each source's column names per target, the usual one first. Generic names are tried after these. */
export const SOURCE_COLUMNS: Record<ImportSource, Columns> = {
  congrant: {
    externalId: ['決済ID', '決済No.', '寄付ID'],
    donorExternalId: ['サポーターNo.', 'サポーターID'],
    receivedOn: ['寄付日時', '決済日時', '決済日', '受付日'],
    amountYen: ['寄付金額', '決済金額', '金額'],
    feeYen: ['決済手数料', '手数料'],
    method: ['決済方法', '支払方法'],
    recurring: ['決済頻度', '寄付タイプ（単発/継続）', '寄付タイプ'],
    familyName: ['氏名(姓)', '寄付者姓'],
    givenName: ['氏名(名)', '寄付者名'],
    familyNameKana: ['氏名(セイ)', '寄付者姓（カナ）'],
    givenNameKana: ['氏名(メイ)', '寄付者名（カナ）'],
    organisationName: ['法人名', '団体名'],
    organisationNameKana: ['法人名(カナ)', '法人名（フリガナ）'],
    line1: ['番地', '町名・番地'],
    line2: ['建物名', '建物名・部屋番号'],
    campaignCode: ['プロジェクト名', 'プロジェクト'],
    fundCode: ['寄付の使途(カスタム項目)', '寄付の使途'],
    donorMessage: ['応援コメント', '応援メッセージ'],
    publishName: ['広報物への掲載', '名前の公開'],
    isAnonymous: ['匿名', '匿名希望'],
    runnerCode: ['ランナーID(カスタム項目)', 'ランナーID'],
  },
  syncable: {
    externalId: ['寄付ID', '決済ID'],
    donorExternalId: ['寄付者ID', 'ユーザーID'],
    receivedOn: ['寄付日時', '寄付日', '決済日時'],
    amountYen: ['寄付金額', '金額'],
    feeYen: ['決済手数料', '手数料'],
    method: ['支払い方法', '決済方法'],
    recurring: ['寄付の種類', '寄付種別'],
    fullName: ['氏名', 'お名前'],
    fullNameKana: ['氏名(フリガナ)', 'フリガナ'],
    organisationName: ['法人名', '団体名'],
    address: ['住所'],
    campaignCode: ['キャンペーン名', 'キャンペーン', '寄付先'],
    donorMessage: ['応援メッセージ', 'メッセージ'],
    publishName: ['広報物への寄付者名の掲載', '広報物への寄付者名の掲載可否'],
    isAnonymous: ['匿名寄付', '匿名'],
    runnerCode: ['ランナーID', 'チャリティランナー'],
  },
  bank: {
    receivedOn: ['勘定日', '取引日', '日付', '年月日', 'お取引日', '取扱日'],
    amountYen: ['入金金額(円)', '入金金額', '金額', 'お預入れ', 'お預入れ金額', '預入金額', 'お預り金額', '預かり金額', '入金額'],
    withdrawalYen: ['出金金額(円)', '出金金額', 'お引出し', 'お引出し金額', '支払い金額', '支払金額', 'お支払金額', '出金額'],
    direction: ['入払区分', '入出金区分'],
    // The payer: the Zengin field when the file has it, else the description, which holds it for a transfer.
    fullNameKana: ['振込依頼人名', '依頼人名', '摘要内容', '摘要', 'お取引内容', '取引内容', 'お取り扱い内容', '内容'],
  },
  generic: {},
};

/** Names anyone might give a column, tried after the source's own. */
const GENERIC_NAMES: Columns = {
  externalId: ['取引ID', '決済ID', '寄付ID', '受付番号', '管理番号', 'ID', 'transaction id', 'payment id'],
  donorExternalId: ['寄付者ID', '支援者ID', 'サポーターID', '会員番号', 'donor id', 'supporter id'],
  receivedOn: ['受領日', '寄付日', '入金日', '日付', '年月日', '取引日', 'date', 'received on'],
  amountYen: ['金額', '寄付金額', '寄付額', '入金額', 'amount'],
  feeYen: ['手数料', '決済手数料', 'fee'],
  withdrawalYen: ['出金金額', '出金額', '支払金額'],
  direction: ['入出金区分', '入払区分'],
  method: ['支払方法', '支払い方法', '決済方法', '入金方法', '受領方法', 'payment method'],
  recurring: ['寄付種別', '寄付の種類', '寄付タイプ', '決済頻度', '頻度', 'frequency'],
  familyName: ['姓', '氏', '苗字', 'family name', 'last name', 'surname'],
  givenName: ['名', 'given name', 'first name'],
  familyNameKana: ['セイ', '姓(カナ)', '姓(フリガナ)', 'フリガナ(姓)', 'せい'],
  givenNameKana: ['メイ', '名(カナ)', '名(フリガナ)', 'フリガナ(名)', 'めい'],
  fullName: ['氏名', 'お名前', '名前', '寄付者名', '寄付者氏名', 'name', 'full name'],
  fullNameKana: ['フリガナ', 'ふりがな', 'よみがな', 'カナ', '氏名(カナ)', '氏名(フリガナ)', 'kana'],
  organisationName: ['法人名', '団体名', '会社名', '企業名', 'organisation', 'organization', 'company'],
  organisationNameKana: ['法人名(カナ)', '団体名(カナ)', '会社名(カナ)'],
  email: ['メールアドレス', 'メール', 'Eメール', 'e-mail', 'email address', 'mail'],
  phone: ['電話番号', '電話', '携帯電話', '携帯番号', 'TEL', 'phone number'],
  postalCode: ['郵便番号', '〒', 'postal code', 'postcode', 'zip'],
  prefecture: ['都道府県'],
  city: ['市区町村', '市町村'],
  line1: ['番地', '町名番地', '丁目番地', '住所1'],
  line2: ['建物名', '建物', '住所2', 'マンション名'],
  address: ['住所', 'ご住所', '所在地'],
  campaignCode: ['キャンペーン', 'キャンペーン名', 'プロジェクト', 'プロジェクト名', 'campaign'],
  fundCode: ['使途', '寄付の使途', '使途指定', '基金', 'fund', 'designation'],
  donorMessage: ['メッセージ', '応援メッセージ', '応援コメント', 'コメント', '通信欄', 'message', 'comment'],
  isAnonymous: ['匿名', '匿名希望', 'anonymous'],
  publishName: ['名前の公開', 'お名前の公開', '氏名公開', '広報物への掲載', '掲載可否', 'publish name'],
  runnerCode: ['ランナーID', 'ランナー番号', 'チャリティランナー', 'runner', 'runner id'],
};
/** The generic names, each target's own name first (a file made from Tobira's template maps itself). */
const GENERIC_COLUMNS: Columns = Object.fromEntries(ImportTarget.options.map((t) => [t, [t, ...(GENERIC_NAMES[t] ?? [])]]));

/** Headers that only one source writes, to tell the sources apart. */
const MARKERS: Record<Exclude<ImportSource, 'generic'>, readonly string[]> = {
  congrant: ['決済ID', 'サポーターNo.', '決済頻度', '応援コメント', '広報物への掲載', '氏名(セイ)', '氏名(メイ)', '寄付者姓', '寄付者名（カナ）', '寄付プラン', 'プロジェクト名'],
  syncable: ['寄付ID', '寄付の種類', 'キャンペーン名', '支払い方法', '広報物への寄付者名の掲載', '氏名(フリガナ)', '匿名寄付'],
  bank: ['勘定日', '起算日', '照会口座', '摘要', '入金金額(円)', '出金金額(円)', '残高(円)', '振込依頼人名', '仕向銀行名', '差引残高', 'お預入れ', 'お引出し'],
};

/**
 * A header as compared when it is not found as written: NFKC, lower case, without spaces, brackets
 * and punctuation, so 寄付者姓（カナ）, 寄付者姓(カナ) and 寄付者 姓 カナ are one header.
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()[\]{}【】「」『』〔〕<>・_\-:/.,#*"'※]/g, '');
}

/** Guesses where a file comes from by the headers only its source writes; `generic` when unsure. */
export function detectSource(headers: readonly string[]): ImportSource {
  const present = new Set(headers.map(normaliseHeader));
  let best: ImportSource = 'generic';
  let bestScore = 1; // One shared-looking header is not enough.
  for (const [source, markers] of Object.entries(MARKERS) as Array<[Exclude<ImportSource, 'generic'>, readonly string[]]>) {
    const score = markers.filter((m) => present.has(normaliseHeader(m))).length;
    if (score > bestScore) {
      best = source;
      bestScore = score;
    } else if (score === bestScore && best !== 'generic') {
      best = 'generic';
    }
  }
  return best;
}

const emptyMapping = (): ResolvedMapping =>
  Object.fromEntries(ImportTarget.options.map((t) => [t, null])) as ResolvedMapping;

/**
 * The mapping for a file: the user's saved mapping for the source first (a target saved as null
 * stays unmapped; a saved column the file lacks falls back to the default), then the source's
 * columns and the generic ones, matched by exact header and then by normalised header. A column
 * feeds at most one target.
 */
export function suggestMapping(source: ImportSource, headers: readonly string[], saved: ImportMapping = {}): ResolvedMapping {
  const mapping = emptyMapping();
  const claimed = new Set<string>();
  const off = new Set<ImportTarget>();
  const byNormalised = new Map<string, string>();
  for (const h of headers) if (!byNormalised.has(normaliseHeader(h))) byNormalised.set(normaliseHeader(h), h);
  const find = (name: string, exact: boolean) => (exact ? (headers.includes(name) ? name : undefined) : byNormalised.get(normaliseHeader(name)));

  for (const target of ImportTarget.options) {
    const choice = saved[target];
    if (choice === null) off.add(target);
    if (typeof choice !== 'string') continue;
    const header = find(choice, true) ?? find(choice, false);
    if (header !== undefined && !claimed.has(header)) {
      mapping[target] = header;
      claimed.add(header);
    }
  }
  const passes: Array<[Columns, boolean]> = [
    [SOURCE_COLUMNS[source], true],
    [GENERIC_COLUMNS, true],
    [SOURCE_COLUMNS[source], false],
    [GENERIC_COLUMNS, false],
  ];
  for (const [columns, exact] of passes) {
    for (const target of ImportTarget.options) {
      if (mapping[target] !== null || off.has(target)) continue;
      for (const name of columns[target] ?? []) {
        const header = find(name, exact);
        if (header !== undefined && !claimed.has(header)) {
          mapping[target] = header;
          claimed.add(header);
          break;
        }
      }
    }
  }
  return mapping;
}

/**
 * Checks a mapping against the file's headers: every column exists (`import.mapping_unknown_column`),
 * none feeds two targets (`import.mapping_duplicate`), and the date, the amount and a donor name or
 * email are mapped (`import.mapping_incomplete`, naming the missing targets in `fields` and in
 * `params.missing`; `donor` stands for "a name or an email").
 */
export function validateMapping(mapping: ResolvedMapping, headers: readonly string[]): void {
  const entries = ImportTarget.options.flatMap((t) => (mapping[t] === null ? [] : [[t, mapping[t]] as const]));
  for (const [target, header] of entries) {
    if (!headers.includes(header)) throw new AppError(400, 'import.mapping_unknown_column', { [target]: { key: 'invalid' } }, { column: header });
  }
  const byHeader = new Map<string, ImportTarget[]>();
  for (const [target, header] of entries) byHeader.set(header, [...(byHeader.get(header) ?? []), target]);
  for (const [header, targets] of byHeader) {
    if (targets.length > 1) {
      const fields = Object.fromEntries(targets.map((t): [string, FieldIssue] => [t, { key: 'invalid' }]));
      throw new AppError(400, 'import.mapping_duplicate', fields, { column: header });
    }
  }
  const missing: string[] = [];
  if (mapping.receivedOn === null) missing.push('receivedOn');
  if (mapping.amountYen === null) missing.push('amountYen');
  if (DONOR_TARGETS.every((t) => mapping[t] === null)) missing.push('donor');
  if (missing.length > 0) {
    const fields = Object.fromEntries(missing.map((t): [string, FieldIssue] => [t, { key: 'required' }]));
    throw new AppError(400, 'import.mapping_incomplete', fields, { missing: missing.join(', ') });
  }
}
