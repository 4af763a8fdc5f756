-- Receipts 寄附金受領証明書 (issue 13): the organisation's receipt settings, the receipts with a
-- snapshot of what they printed, which gifts each receipt covers, and the year-end batches.
-- A receipt number is never reused: a voided receipt keeps its number, a reissue adds '-R1', '-R2'.
-- Nothing here is deleted.

-- Seal images (印影) are kept as they were used: a receipt names the seal it printed, so a reissue
-- years later prints the same seal even after the organisation has a new one.
CREATE TABLE fundraising_seal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
  image bytea NOT NULL CHECK (octet_length(image) BETWEEN 1 AND 262144),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  UNIQUE (organisation_id, id)
);

-- What every receipt states about the organisation (one row per organisation).
CREATE TABLE fundraising_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
  legal_name_ja text NOT NULL CHECK (length(legal_name_ja) BETWEEN 1 AND 200),
  legal_name_en text NOT NULL DEFAULT '' CHECK (length(legal_name_en) <= 200),
  postal_code text NOT NULL CHECK (postal_code ~ '^[0-9]{7}$'),
  address_ja text NOT NULL CHECK (length(address_ja) BETWEEN 1 AND 300),
  address_en text NOT NULL DEFAULT '' CHECK (length(address_en) <= 300),
  representative_title_ja text NOT NULL CHECK (length(representative_title_ja) BETWEEN 1 AND 100),
  representative_title_en text NOT NULL DEFAULT '' CHECK (length(representative_title_en) <= 100),
  representative_name_ja text NOT NULL CHECK (length(representative_name_ja) BETWEEN 1 AND 100),
  representative_name_en text NOT NULL DEFAULT '' CHECK (length(representative_name_en) <= 100),
  -- 認定NPO法人: the certification's number and date, and the authority (所轄庁) that granted it.
  certification_number text NOT NULL CHECK (length(certification_number) BETWEEN 1 AND 100),
  certification_date date NOT NULL,
  authority_ja text NOT NULL CHECK (length(authority_ja) BETWEEN 1 AND 100),
  authority_en text NOT NULL DEFAULT '' CHECK (length(authority_en) <= 100),
  seal_id uuid,
  -- The year-end batch receipts supporters whose gifts of the year reach this (the tax credit's floor).
  receipt_threshold_yen bigint NOT NULL DEFAULT 2000 CHECK (receipt_threshold_yen BETWEEN 0 AND 100000000),
  statement_ja text NOT NULL DEFAULT '上記の寄附金は、当法人の行う特定非営利活動に係る事業に関連する寄附金であることを証明します。'
    CHECK (length(statement_ja) BETWEEN 1 AND 1000),
  statement_en text NOT NULL DEFAULT 'We certify that the gift above relates to the specified non-profit activities carried out by this organisation (特定非営利活動に係る事業に関連する寄附金).'
    CHECK (length(statement_en) BETWEEN 1 AND 1000),
  updated_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (organisation_id, seal_id) REFERENCES fundraising_seal(organisation_id, id)
);

-- A year-end batch: one annual receipt per supporter whose gifts of the year reach the threshold.
CREATE TABLE receipt_batch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2199),
  threshold_yen bigint NOT NULL CHECK (threshold_yen BETWEEN 0 AND 100000000),
  -- Null: each supporter's preferred language.
  language text CHECK (language IN ('ja', 'en')),
  -- Supporters with possible duplicates are receipted anyway (else they are skipped, to be merged first).
  acknowledge_duplicates boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
  -- Progress: supporters in the batch, processed so far, and how each ended.
  total integer NOT NULL DEFAULT 0 CHECK (total >= 0),
  done integer NOT NULL DEFAULT 0 CHECK (done >= 0),
  issued integer NOT NULL DEFAULT 0 CHECK (issued >= 0),
  skipped integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
  failed integer NOT NULL DEFAULT 0 CHECK (failed >= 0),
  total_yen bigint NOT NULL DEFAULT 0 CHECK (total_yen >= 0),
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, id),
  CHECK (done = issued + skipped + failed AND done <= total)
);
CREATE INDEX receipt_batch_year_idx ON receipt_batch (organisation_id, year, created_at DESC);

CREATE TABLE receipt (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- '2026-000123': the issue year (Asia/Tokyo) and the 'receipt:2026' counter; a reissue adds '-R1'.
  receipt_number text NOT NULL CHECK (receipt_number ~ '^[0-9]{4}-[0-9]{6}(-R[0-9]{1,3})?$'),
  kind text NOT NULL CHECK (kind IN ('single', 'annual')),
  -- The calendar year of the gifts (for a single receipt, the year its gift was received).
  year smallint NOT NULL CHECK (year BETWEEN 1900 AND 2199),
  supporter_id uuid NOT NULL,
  total_yen bigint NOT NULL CHECK (total_yen > 0),
  -- What was printed, so a reissue prints the same facts: the addressee (name with 様 / 御中, 〒,
  -- address), the organisation's settings of the day, and each gift (date, amount).
  recipient jsonb NOT NULL,
  issuer jsonb NOT NULL,
  gifts jsonb NOT NULL,
  seal_id uuid,
  language text NOT NULL CHECK (language IN ('ja', 'en')),
  -- The date printed as the issue date (Asia/Tokyo).
  issued_on date NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid REFERENCES staff_user(id),
  -- A reissue points at the first receipt and counts 1, 2, … (printed 再発行 / Reissued).
  reissue_of uuid,
  reissue_number smallint CHECK (reissue_number BETWEEN 1 AND 999),
  reissue_reason text CHECK (length(reissue_reason) <= 500),
  batch_id uuid,
  voided_at timestamptz,
  voided_by uuid REFERENCES staff_user(id),
  void_reason text CHECK (length(void_reason) BETWEEN 1 AND 500),
  UNIQUE (organisation_id, receipt_number),
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, supporter_id) REFERENCES supporter(organisation_id, id),
  FOREIGN KEY (organisation_id, seal_id) REFERENCES fundraising_seal(organisation_id, id),
  FOREIGN KEY (organisation_id, reissue_of) REFERENCES receipt(organisation_id, id),
  FOREIGN KEY (organisation_id, batch_id) REFERENCES receipt_batch(organisation_id, id),
  CHECK ((reissue_of IS NULL) = (reissue_number IS NULL)),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL))
);
CREATE UNIQUE INDEX receipt_reissue_idx ON receipt (reissue_of, reissue_number) WHERE reissue_of IS NOT NULL;
CREATE INDEX receipt_supporter_idx ON receipt (supporter_id, year);
CREATE INDEX receipt_year_idx ON receipt (organisation_id, year, issued_at);
CREATE INDEX receipt_batch_idx ON receipt (batch_id, receipt_number) WHERE batch_id IS NOT NULL;
-- One valid annual receipt per supporter and year (a late gift gets a single receipt, or the annual
-- one is voided and issued again under a new number).
CREATE UNIQUE INDEX receipt_annual_idx ON receipt (supporter_id, year) WHERE kind = 'annual' AND reissue_of IS NULL AND voided_at IS NULL;

-- The gifts a receipt covers. A gift is on at most one valid receipt: the database refuses a second
-- one, even when two batches race. Voiding sets is_active false, and the gift may be receipted again.
CREATE TABLE receipt_gift (
  organisation_id uuid NOT NULL,
  receipt_id uuid NOT NULL,
  gift_id uuid NOT NULL,
  amount_yen bigint NOT NULL CHECK (amount_yen > 0),
  is_active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (receipt_id, gift_id),
  FOREIGN KEY (organisation_id, receipt_id) REFERENCES receipt(organisation_id, id),
  FOREIGN KEY (organisation_id, gift_id) REFERENCES gift(organisation_id, id)
);
CREATE UNIQUE INDEX receipt_gift_active_idx ON receipt_gift (gift_id) WHERE is_active;

-- The supporters of a batch, fixed when it is created, each processed once: a run takes the next
-- pending ones (SKIP LOCKED, so two runs share the work), and an interrupted run leaves the rest
-- pending for the next.
CREATE TABLE receipt_batch_item (
  batch_id uuid NOT NULL REFERENCES receipt_batch(id),
  supporter_id uuid NOT NULL REFERENCES supporter(id),
  position integer NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'skipped', 'failed')),
  reason text CHECK (reason IN ('already_receipted', 'below_threshold', 'possible_duplicate', 'merged', 'no_contact', 'no_address', 'no_gifts', 'error')),
  receipt_id uuid REFERENCES receipt(id),
  processed_at timestamptz,
  PRIMARY KEY (batch_id, supporter_id),
  CHECK ((status = 'issued') = (receipt_id IS NOT NULL)),
  CHECK ((status IN ('skipped', 'failed')) = (reason IS NOT NULL))
);
CREATE INDEX receipt_batch_item_pending_idx ON receipt_batch_item (batch_id, position) WHERE status = 'pending';
