import type { Generated } from 'kysely';

/** Kysely's view of migrations/0004_privacy.sql. */
type DateString = string;

export interface ConsentTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  purpose: 'sensitive_data' | 'sharing' | 'transfer_abroad';
  recipient_name: string | null;
  country: string | null;
  service_name: string | null;
  scope: Generated<string>;
  given_on: DateString;
  method: 'written' | 'verbal' | 'verbal_interpreted' | 'electronic';
  interpreter_language: string | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
  withdrawn_on: DateString | null;
  withdrawal_recorded_by: string | null;
  withdrawal_recorded_at: Date | null;
}

export interface DisclosureTable {
  id: Generated<string>;
  organisation_id: string;
  person_id: string;
  recipient_name: string;
  recipient_kind: 'lawyer' | 'hospital' | 'rhq' | 'ngo' | 'government' | 'other';
  data_categories: string[];
  note: Generated<string>;
  disclosed_on: DateString;
  consent_id: string | null;
  legal_ground: string | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

/** Sealed columns: `v1:` + base64 (see src/server/crypto/field-cipher.ts), never plaintext. */
export interface PersonSensitiveTable {
  person_id: string;
  organisation_id: string;
  persecution_grounds: string | null;
  health_details: string | null;
  version: Generated<number>;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface PrivacyTables {
  consent: ConsentTable;
  disclosure: DisclosureTable;
  person_sensitive: PersonSensitiveTable;
}
