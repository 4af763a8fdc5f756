-- Fundraising (issue 13): supporters with their address history, funds, campaigns, gifts with
-- soft credits and reversing entries, monthly and yearly commitments with their history, and
-- merges of duplicate supporters that can be undone. Receipts and imports have their own
-- migrations. Money is integer yen; nothing here is deleted.

-- Who sees what: fundraisers and administrators only. Caseworkers, reception and coordinators
-- never reach supporters or gifts; fundraisers never reach people, case files or shelter data.
INSERT INTO role_permission (role_code, permission)
SELECT r, p FROM unnest(ARRAY['admin', 'fundraiser']) AS r, unnest(ARRAY['fundraising.read', 'fundraising.write', 'fundraising.manage']) AS p;

CREATE TABLE supporter (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- 'S-000123', from the organisation's 'supporter' counter: what a fundraiser says on the phone.
  supporter_number text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('individual', 'organisation')),
  family_name text NOT NULL DEFAULT '' CHECK (length(family_name) <= 100),
  given_name text NOT NULL DEFAULT '' CHECK (length(given_name) <= 100),
  -- The katakana reading (セイ / メイ): how a Japanese list is sorted and how a bank writes the payer.
  family_name_kana text NOT NULL DEFAULT '' CHECK (length(family_name_kana) <= 100),
  given_name_kana text NOT NULL DEFAULT '' CHECK (length(given_name_kana) <= 100),
  organisation_name text NOT NULL DEFAULT '' CHECK (length(organisation_name) <= 200),
  organisation_name_kana text NOT NULL DEFAULT '' CHECK (length(organisation_name_kana) <= 200),
  department text NOT NULL DEFAULT '' CHECK (length(department) <= 200),
  -- 様 for a person (also a named person in an organisation), 御中 for an organisation or department.
  honorific text NOT NULL CHECK (honorific IN ('sama', 'onchu')),
  email text CHECK (length(email) <= 254),
  phone text CHECK (length(phone) <= 40),
  -- The phone's digits, for matching and search.
  phone_digits text GENERATED ALWAYS AS (NULLIF(regexp_replace(COALESCE(phone, ''), '\D', '', 'g'), '')) STORED,
  preferred_language text NOT NULL DEFAULT 'ja' CHECK (preferred_language IN ('ja', 'en')),
  allow_post boolean NOT NULL DEFAULT true,
  allow_email boolean NOT NULL DEFAULT true,
  allow_phone boolean NOT NULL DEFAULT false,
  -- May the name appear on a donor wall or in the annual report (opt in).
  publish_name boolean NOT NULL DEFAULT false,
  -- Nothing is sent: no appeal, no thank-you, no receipt by post unless asked again.
  no_contact boolean NOT NULL DEFAULT false,
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  tags text[] NOT NULL DEFAULT '{}',
  search_text text NOT NULL DEFAULT '',
  merged_into_id uuid REFERENCES supporter(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, supporter_number),
  UNIQUE (organisation_id, id),
  CHECK (merged_into_id IS NULL OR merged_into_id <> id),
  CHECK (kind = 'organisation' OR family_name <> '' OR given_name <> ''),
  CHECK (kind = 'individual' OR organisation_name <> '')
);
CREATE INDEX supporter_search_trgm_idx ON supporter USING gin (search_text gin_trgm_ops);
CREATE INDEX supporter_email_idx ON supporter (organisation_id, lower(email)) WHERE email IS NOT NULL AND merged_into_id IS NULL;
CREATE INDEX supporter_phone_idx ON supporter (organisation_id, phone_digits) WHERE phone_digits IS NOT NULL AND merged_into_id IS NULL;
CREATE INDEX supporter_kana_idx ON supporter (organisation_id, family_name_kana, given_name_kana) WHERE merged_into_id IS NULL;
CREATE INDEX supporter_reading_idx ON supporter (organisation_id, (family_name_kana || given_name_kana || organisation_name_kana)) WHERE merged_into_id IS NULL;

-- Where a supporter lives, with history: a move ends the current address and starts a new one.
CREATE TABLE supporter_address (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  supporter_id uuid NOT NULL,
  country text NOT NULL DEFAULT 'JP' CHECK (country ~ '^[A-Z]{2}$'),
  -- 〒 as seven digits (1040061); filled prefecture and city come from Japan Post's data.
  postal_code text CHECK (postal_code ~ '^[0-9]{7}$' OR (country <> 'JP' AND length(postal_code) <= 20)),
  prefecture text NOT NULL DEFAULT '' CHECK (length(prefecture) <= 20),
  city text NOT NULL DEFAULT '' CHECK (length(city) <= 100),
  line1 text NOT NULL DEFAULT '' CHECK (length(line1) <= 200),
  line2 text NOT NULL DEFAULT '' CHECK (length(line2) <= 200),
  valid_from date NOT NULL,
  -- Set when the supporter moved (or the address was corrected): the row stays as history.
  replaced_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  FOREIGN KEY (organisation_id, supporter_id) REFERENCES supporter(organisation_id, id)
);
CREATE UNIQUE INDEX supporter_address_current_idx ON supporter_address (supporter_id) WHERE replaced_at IS NULL;
CREATE INDEX supporter_address_postal_idx ON supporter_address (organisation_id, postal_code) WHERE replaced_at IS NULL;
CREATE INDEX supporter_address_city_idx ON supporter_address (organisation_id, prefecture, city) WHERE replaced_at IS NULL;

-- Funds (designations) a gift may be given to; seeded by the application, edited by an administrator.
CREATE TABLE fund (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,40}$'),
  label_ja text NOT NULL CHECK (length(label_ja) BETWEEN 1 AND 100),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 100),
  is_restricted boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  retired_at timestamptz,
  UNIQUE (organisation_id, code),
  UNIQUE (organisation_id, id)
);

CREATE TABLE campaign (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_-]{1,60}$'),
  name_ja text NOT NULL CHECK (length(name_ja) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  channel text NOT NULL CHECK (channel IN ('online', 'mail', 'event', 'runners', 'corporate', 'grant', 'other')),
  goal_yen bigint CHECK (goal_yen > 0),
  starts_on date NOT NULL,
  ends_on date,
  fund_id uuid,
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, code),
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, fund_id) REFERENCES fund(organisation_id, id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

-- A monthly or yearly commitment (継続寄付 / マンスリーサポーター).
CREATE TABLE recurring_commitment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  supporter_id uuid NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('monthly', 'yearly')),
  amount_yen bigint NOT NULL CHECK (amount_yen > 0),
  -- The day of the month the payment is due; for a yearly gift also its month.
  day_of_month smallint NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
  month_of_year smallint CHECK (month_of_year BETWEEN 1 AND 12),
  method text NOT NULL CHECK (method IN ('card', 'bank_transfer', 'direct_debit', 'cash', 'convenience_store', 'in_kind', 'other')),
  fund_id uuid,
  campaign_id uuid,
  starts_on date NOT NULL,
  ends_on date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'failing', 'cancelled')),
  status_reason text NOT NULL DEFAULT '' CHECK (length(status_reason) <= 500),
  source_platform text NOT NULL DEFAULT 'manual' CHECK (source_platform ~ '^[a-z0-9_]{1,30}$'),
  external_id text CHECK (length(external_id) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, supporter_id) REFERENCES supporter(organisation_id, id),
  FOREIGN KEY (organisation_id, fund_id) REFERENCES fund(organisation_id, id),
  FOREIGN KEY (organisation_id, campaign_id) REFERENCES campaign(organisation_id, id),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK ((frequency = 'yearly') = (month_of_year IS NOT NULL))
);
CREATE INDEX recurring_commitment_supporter_idx ON recurring_commitment (supporter_id);
CREATE UNIQUE INDEX recurring_commitment_external_idx ON recurring_commitment (organisation_id, source_platform, external_id) WHERE external_id IS NOT NULL;

-- Every change to a commitment: started, amount up or down, paused, failing, cancelled, resumed.
CREATE TABLE recurring_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  commitment_id uuid NOT NULL REFERENCES recurring_commitment(id),
  kind text NOT NULL CHECK (kind IN ('started', 'upgraded', 'downgraded', 'status', 'edited')),
  old_amount_yen bigint,
  new_amount_yen bigint,
  old_status text,
  new_status text,
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  effective_on date NOT NULL,
  changed_by uuid REFERENCES staff_user(id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recurring_change_commitment_idx ON recurring_change (commitment_id, changed_at);

-- A gift. A refund keeps the gift (status 'refunded') and adds a reversing entry (negative amount,
-- reverses_gift_id), so the books of the month it was received stay as they were.
CREATE TABLE gift (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- Null for an anonymous cash gift nobody can name (a collection box).
  supporter_id uuid,
  amount_yen bigint NOT NULL CHECK (amount_yen <> 0),
  received_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('card', 'bank_transfer', 'direct_debit', 'cash', 'convenience_store', 'in_kind', 'other')),
  -- A gift in kind: what it was and how its value was set.
  in_kind_description text NOT NULL DEFAULT '' CHECK (length(in_kind_description) <= 500),
  valuation_basis text NOT NULL DEFAULT '' CHECK (length(valuation_basis) <= 500),
  campaign_id uuid,
  fund_id uuid NOT NULL,
  is_anonymous boolean NOT NULL DEFAULT false,
  donor_message text NOT NULL DEFAULT '' CHECK (length(donor_message) <= 2000),
  source_platform text NOT NULL DEFAULT 'manual' CHECK (source_platform ~ '^[a-z0-9_]{1,30}$'),
  external_id text CHECK (length(external_id) <= 200),
  fee_yen bigint NOT NULL DEFAULT 0 CHECK (fee_yen >= 0),
  net_yen bigint GENERATED ALWAYS AS (amount_yen - fee_yen) STORED,
  status text NOT NULL CHECK (status IN ('pledged', 'received', 'refunded', 'failed')),
  reverses_gift_id uuid REFERENCES gift(id),
  recurring_commitment_id uuid,
  import_batch_id uuid,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  thanked_at timestamptz,
  thanked_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, id),
  FOREIGN KEY (organisation_id, supporter_id) REFERENCES supporter(organisation_id, id),
  FOREIGN KEY (organisation_id, fund_id) REFERENCES fund(organisation_id, id),
  FOREIGN KEY (organisation_id, campaign_id) REFERENCES campaign(organisation_id, id),
  FOREIGN KEY (organisation_id, recurring_commitment_id) REFERENCES recurring_commitment(organisation_id, id),
  -- Only a reversing entry is negative, and it never exceeds what it reverses (checked in the service).
  CHECK ((reverses_gift_id IS NULL) = (amount_yen > 0)),
  CHECK (fee_yen <= abs(amount_yen)),
  CHECK (method <> 'in_kind' OR reverses_gift_id IS NOT NULL OR in_kind_description <> '')
);
-- An import never counts a gift twice: one external id per platform.
CREATE UNIQUE INDEX gift_external_idx ON gift (organisation_id, source_platform, external_id) WHERE external_id IS NOT NULL;
-- One reversing entry per gift.
CREATE UNIQUE INDEX gift_reversal_idx ON gift (reverses_gift_id) WHERE reverses_gift_id IS NOT NULL;
CREATE INDEX gift_supporter_idx ON gift (supporter_id, received_on DESC);
CREATE INDEX gift_received_idx ON gift (organisation_id, received_on, supporter_id) INCLUDE (amount_yen, status);
CREATE INDEX gift_campaign_idx ON gift (campaign_id, received_on) WHERE campaign_id IS NOT NULL;
CREATE INDEX gift_commitment_idx ON gift (recurring_commitment_id, received_on) WHERE recurring_commitment_id IS NOT NULL;
CREATE INDEX gift_unthanked_idx ON gift (organisation_id, received_on) WHERE thanked_at IS NULL AND status = 'received';

-- Who else a gift is credited to: the charity runner whose page raised it, or "in honour / in
-- memory of" someone (a name, or a supporter on file).
CREATE TABLE gift_soft_credit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  gift_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('runner', 'in_honour', 'in_memory', 'fundraiser', 'other')),
  supporter_id uuid,
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  FOREIGN KEY (organisation_id, gift_id) REFERENCES gift(organisation_id, id),
  FOREIGN KEY (organisation_id, supporter_id) REFERENCES supporter(organisation_id, id),
  CHECK (supporter_id IS NOT NULL OR name <> '')
);
CREATE INDEX gift_soft_credit_gift_idx ON gift_soft_credit (gift_id);
CREATE INDEX gift_soft_credit_supporter_idx ON gift_soft_credit (supporter_id) WHERE supporter_id IS NOT NULL;

-- A merge of two supporter records: what moved, so that it can be undone exactly.
CREATE TABLE supporter_merge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kept_id uuid NOT NULL,
  merged_id uuid NOT NULL,
  -- The kept record before the merge, and the ids of the rows moved to it.
  kept_before jsonb NOT NULL,
  moved jsonb NOT NULL,
  merged_by uuid REFERENCES staff_user(id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  undone_by uuid REFERENCES staff_user(id),
  FOREIGN KEY (organisation_id, kept_id) REFERENCES supporter(organisation_id, id),
  FOREIGN KEY (organisation_id, merged_id) REFERENCES supporter(organisation_id, id)
);
CREATE INDEX supporter_merge_kept_idx ON supporter_merge (kept_id);
CREATE UNIQUE INDEX supporter_merge_open_idx ON supporter_merge (merged_id) WHERE undone_at IS NULL;
