-- Personal data law (APPI, 個人情報保護法; ../shared/DOMAIN.md): consent by purpose with its dates,
-- the log of every disclosure to a third party, and the sensitive fields (要配慮個人情報) sealed at
-- rest. Sealed columns hold `v1:` + base64(AES-256-GCM) written by src/server/crypto/field-cipher.ts;
-- a CHECK keeps plaintext out even if a code path forgot to seal.

-- One consent, for one purpose. A withdrawn consent stays, with its dates, as the record of what
-- was allowed when. Valid on day D: given_on <= D and (withdrawn_on IS NULL OR D < withdrawn_on).
CREATE TABLE consent (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  purpose text NOT NULL CHECK (purpose IN ('sensitive_data', 'sharing', 'transfer_abroad')),
  -- sharing: the one named organisation the person agreed to share with.
  recipient_name text,
  -- transfer_abroad: the country (ISO 3166-1 alpha-2) and the service or organisation there.
  country text CHECK (country ~ '^[A-Z]{2}$'),
  service_name text,
  -- What the person was told and agreed to, in the words recorded at the time.
  scope text NOT NULL DEFAULT '',
  given_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('written', 'verbal', 'verbal_interpreted', 'electronic')),
  interpreter_language text,
  recorded_by uuid NOT NULL REFERENCES staff_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_on date,
  withdrawal_recorded_by uuid REFERENCES staff_user(id),
  withdrawal_recorded_at timestamptz,
  CHECK (purpose <> 'sharing' OR recipient_name IS NOT NULL),
  CHECK (purpose <> 'transfer_abroad' OR (country IS NOT NULL AND service_name IS NOT NULL)),
  CHECK (method <> 'verbal_interpreted' OR interpreter_language IS NOT NULL),
  CHECK (withdrawn_on IS NULL OR (withdrawn_on >= given_on AND withdrawal_recorded_by IS NOT NULL))
);
CREATE INDEX consent_person_idx ON consent (person_id, given_on DESC);

-- The sharing log: each time a person's data left the office, to whom, what, when, and on which basis.
CREATE TABLE disclosure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  recipient_name text NOT NULL,
  recipient_kind text NOT NULL CHECK (recipient_kind IN ('lawyer', 'hospital', 'rhq', 'ngo', 'government', 'other')),
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) > 0),
  note text NOT NULL DEFAULT '',
  disclosed_on date NOT NULL,
  consent_id uuid REFERENCES consent(id),
  legal_ground text,
  recorded_by uuid NOT NULL REFERENCES staff_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- Exactly one basis: an active consent, or a legal ground (APPI art. 27(1): law, life, public health…).
  CHECK ((consent_id IS NULL) <> (legal_ground IS NULL))
);
CREATE INDEX disclosure_person_idx ON disclosure (person_id, disclosed_on DESC);
CREATE INDEX disclosure_consent_idx ON disclosure (consent_id) WHERE consent_id IS NOT NULL;

-- Persecution grounds and health details: one row per person, created on first save, sealed.
CREATE TABLE person_sensitive (
  person_id uuid PRIMARY KEY REFERENCES person(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  persecution_grounds text CHECK (persecution_grounds LIKE 'v1:%'),
  health_details text CHECK (health_details LIKE 'v1:%'),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid NOT NULL REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A person's own copy (本人開示) lists who opened their file: events name the person either as the
-- entity or in details.personId (consultations, consents, disclosures…).
CREATE INDEX audit_event_person_idx ON audit_event ((details->>'personId')) WHERE details ? 'personId';
