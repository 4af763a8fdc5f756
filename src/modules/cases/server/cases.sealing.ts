import { z } from 'zod';
import { SEALED_TEXT_PREFIX, type FieldCipher } from '../../../server/crypto/field-cipher';
import { normaliseCardNumber, type CaseFileFieldName, type Custody, type ProcedureStage, type Vulnerability } from '../contract';

/**
 * The case-file fields sealed at rest (migrations/0011_case_file_sealed.sql):
 * - vulnerabilities (torture survivor, mental health, disability, pregnancy…): medical history,
 *   being a crime victim, disability: 要配慮個人情報;
 * - custody and procedure stage: detention and a refugee claim reveal the grounds of persecution
 *   (race, creed, political opinion) and measures taken against the person;
 * - the residence card number: an identity-document number, searchable only through its keyed hash;
 * - whereabouts: free text saying where a person sleeps or hides (and often why: a hospital, an
 *   abuser's address), which someone looking for them must not read in a copied database.
 * Everything else (status of residence, dates, allowance, insurance, contacts) stays plaintext:
 * none of it is 要配慮 by itself and the deadline rules and lists filter on it in SQL.
 */
export const sealedCaseFileFields = ['residenceCardNumber', 'custody', 'procedureStage', 'vulnerabilities', 'whereabouts'] as const satisfies readonly CaseFileFieldName[];
export type SealedCaseFileField = (typeof sealedCaseFileFields)[number];
const sealedFieldSet: ReadonlySet<string> = new Set(sealedCaseFileFields);

/** Whether a case-file field (or a history row's field) is kept sealed. */
export const isSealedField = (field: string) => sealedFieldSet.has(field);

/** The plaintext of the sealed fields, as the cases service works with them. */
export interface SealedValues {
  residenceCardNumber: string | null;
  custody: Custody | null;
  procedureStage: ProcedureStage | null;
  vulnerabilities: Vulnerability[];
  whereabouts: string;
}

/**
 * The shape inside a sealed value. Codes are read as any text, like the plaintext columns were: a
 * code dropped from the vocabulary later must not make old files unreadable.
 */
const StoredShape = z.object({
  residenceCardNumber: z.string().nullable(),
  custody: z.string().nullable(),
  procedureStage: z.string().nullable(),
  vulnerabilities: z.array(z.string()),
  whereabouts: z.string(),
});

export const emptySealedValues: SealedValues = { residenceCardNumber: null, custody: null, procedureStage: null, vulnerabilities: [], whereabouts: '' };

/** The case_file columns that hold the sealed fields: the sealed value, and the plaintext columns of rows from before 0011. */
export interface StoredSealedColumns {
  sealed_fields: string | null;
  residence_card_number: string | null;
  custody: string | null;
  procedure_stage: string | null;
  vulnerabilities: string[];
  whereabouts: string;
}

/** What a write of the sealed fields sets: the sealed value, the card hash, and the plaintext columns emptied. */
export interface SealedColumnsWrite extends StoredSealedColumns {
  residence_card_hash: string | null;
}

/** The purpose of the card-number hash key (HKDF info): changing it makes every stored hash unfindable. */
const CARD_HASH_PURPOSE = 'residence-card-number';
/** Sealed JSON is padded with spaces (still valid JSON) to a multiple of this many bytes. */
const PAD_TO = 256;

function padded(json: string): string {
  const bytes = Buffer.byteLength(json, 'utf8');
  return json + ' '.repeat(Math.ceil(Math.max(bytes, 1) / PAD_TO) * PAD_TO - bytes);
}

/** The keyed hash under which a residence card number is found (normalised first, as search types it). */
export function residenceCardHash(cipher: FieldCipher, cardNumber: string): string {
  return cipher.keyedHash(CARD_HASH_PURPOSE, normaliseCardNumber(cardNumber));
}

/** Whether a stored row still holds any sealed field in plaintext (or has no sealed value yet). */
export function hasPlaintext(row: StoredSealedColumns): boolean {
  return row.sealed_fields === null || row.residence_card_number !== null || row.custody !== null || row.procedure_stage !== null
    || row.vulnerabilities.length > 0 || row.whereabouts !== '';
}

/** Whether a stored history value is sealed. */
export const isSealedHistoryValue = (value: string | null) => value !== null && value.startsWith(SEALED_TEXT_PREFIX);

/**
 * Seals and opens the sensitive case-file fields, their history values and the card-number hash:
 * the one mapping every reader and writer of these columns goes through.
 */
export function createCaseFileSealing(cipher: FieldCipher) {
  return {
    /** The columns to write for these values: one sealed value, the card hash, plaintext columns emptied. */
    columnsFor(values: SealedValues): SealedColumnsWrite {
      const plain: SealedValues = {
        residenceCardNumber: values.residenceCardNumber,
        custody: values.custody,
        procedureStage: values.procedureStage,
        vulnerabilities: values.vulnerabilities,
        whereabouts: values.whereabouts,
      };
      return {
        sealed_fields: cipher.seal(padded(JSON.stringify(plain))),
        residence_card_hash: values.residenceCardNumber === null ? null : residenceCardHash(cipher, values.residenceCardNumber),
        residence_card_number: null, custody: null, procedure_stage: null, vulnerabilities: [], whereabouts: '',
      };
    },

    /**
     * The plaintext of a stored row. A plaintext column that is set wins over the sealed value: only
     * something that bypassed the service (a row from before 0011, a bulk import) writes it, so it is
     * the newer value; start-up sealing folds it in the same way.
     */
    open(row: StoredSealedColumns): SealedValues {
      const sealed = row.sealed_fields === null ? emptySealedValues : (StoredShape.parse(JSON.parse(cipher.open(row.sealed_fields))) as SealedValues);
      return {
        residenceCardNumber: row.residence_card_number ?? sealed.residenceCardNumber,
        custody: (row.custody as SealedValues['custody']) ?? sealed.custody,
        procedureStage: (row.procedure_stage as SealedValues['procedureStage']) ?? sealed.procedureStage,
        vulnerabilities: row.vulnerabilities.length > 0 ? (row.vulnerabilities as SealedValues['vulnerabilities']) : sealed.vulnerabilities,
        whereabouts: row.whereabouts !== '' ? row.whereabouts : sealed.whereabouts,
      };
    },

    /** A history value as stored: sealed (null too, as JSON) for a sealed field, else as it is. */
    historyValue(field: string, text: string | null): string | null {
      return isSealedField(field) ? cipher.seal(padded(JSON.stringify(text))) : text;
    },

    /** A stored history value as text (a plaintext one from before 0011 is given as it is). */
    openHistoryValue(field: string, stored: string | null): string | null {
      if (!isSealedField(field) || !isSealedHistoryValue(stored)) return stored;
      const value: unknown = JSON.parse(cipher.open(stored ?? ''));
      return typeof value === 'string' ? value : null;
    },
  };
}
export type CaseFileSealing = ReturnType<typeof createCaseFileSealing>;
