-- Advocacy evidence (issue 12): systemic barriers (../shared/DOMAIN.md "Systemic barriers") as
-- data an administrator edits, tags on consultations and case files, and the settings of the
-- published figures. The 15 barriers of DOMAIN.md are seeded by the application for each
-- organisation (src/modules/advocacy/server/advocacy.seed.ts), so they exist in one place.

-- Who sees what: the advocacy role sees the aggregates only (no person, no file, no name);
-- caseworkers tag; administrators do everything.
INSERT INTO role (code, name_ja, name_en) VALUES ('advocacy', 'アドボカシー担当', 'Advocacy');
INSERT INTO role_permission (role_code, permission)
SELECT 'admin', p FROM unnest(ARRAY['advocacy.read', 'advocacy.tag', 'advocacy.manage']) AS p;
INSERT INTO role_permission (role_code, permission) VALUES ('caseworker', 'advocacy.tag'), ('advocacy', 'advocacy.read');

CREATE TABLE barrier (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,40}$'),
  label_ja text NOT NULL CHECK (length(label_ja) BETWEEN 1 AND 100),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 100),
  description_ja text NOT NULL DEFAULT '' CHECK (length(description_ja) <= 500),
  description_en text NOT NULL DEFAULT '' CHECK (length(description_en) <= 500),
  sort_order integer NOT NULL DEFAULT 0,
  -- Retired barriers stay on their tags and in history; no new tag may use them.
  retired_at timestamptz,
  -- A merged barrier is retired and its tags are counted under the barrier it was merged into.
  merged_into_id uuid REFERENCES barrier(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, code),
  UNIQUE (organisation_id, id),
  CHECK (merged_into_id IS NULL OR (retired_at IS NOT NULL AND merged_into_id <> id))
);

-- Every change to the taxonomy (append-only): the labels before and after.
CREATE TABLE barrier_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  barrier_id uuid NOT NULL REFERENCES barrier(id),
  action text NOT NULL CHECK (action IN ('created', 'edited', 'retired', 'restored', 'merged')),
  before jsonb,
  after jsonb,
  changed_by uuid REFERENCES staff_user(id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX barrier_change_barrier_idx ON barrier_change (barrier_id, changed_at);

-- A barrier seen in a person's situation: from a consultation, or on the case file.
-- Removing a mistaken tag keeps the row (removed_at); nothing is deleted.
CREATE TABLE barrier_tag (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  consultation_id uuid REFERENCES consultation(id),
  barrier_id uuid NOT NULL,
  observed_on date NOT NULL,
  -- The Tokyo month of observed_on, kept for the evidence grid (months are the finest bin).
  observed_month date NOT NULL GENERATED ALWAYS AS (date_trunc('month', observed_on::timestamp)::date) STORED,
  quote text CHECK (length(quote) <= 500),
  resolved_on date,
  tagged_by uuid NOT NULL REFERENCES staff_user(id),
  tagged_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  removed_by uuid REFERENCES staff_user(id),
  FOREIGN KEY (organisation_id, barrier_id) REFERENCES barrier(organisation_id, id),
  CHECK (resolved_on IS NULL OR resolved_on >= observed_on)
);
CREATE INDEX barrier_tag_person_idx ON barrier_tag (person_id, observed_on DESC);
-- The evidence grid: people per barrier per month, read by an index-only scan.
CREATE INDEX barrier_tag_grid_idx ON barrier_tag (organisation_id, observed_month, barrier_id, person_id) WHERE removed_at IS NULL;
-- The newest quotes of a period (bench/RESULTS.md: 158 → 1.6 ms at 1.8M tags).
CREATE INDEX barrier_tag_quote_idx ON barrier_tag (organisation_id, observed_on DESC, id)
  WHERE removed_at IS NULL AND quote IS NOT NULL AND quote <> '';
-- One open tag per person, barrier and consultation (a consultation does not tag twice).
CREATE UNIQUE INDEX barrier_tag_once_idx ON barrier_tag (person_id, barrier_id, COALESCE(consultation_id, '00000000-0000-0000-0000-000000000000'::uuid), observed_on) WHERE removed_at IS NULL;

-- The settings of the published figures, one row per organisation (defaults when absent).
CREATE TABLE advocacy_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisation(id),
  minimum_cell integer NOT NULL DEFAULT 5 CHECK (minimum_cell BETWEEN 3 AND 50),
  public_figures text[] NOT NULL DEFAULT ARRAY['shelter_nights', 'people_fed', 'people_waiting_allowance', 'median_allowance_wait_days'],
  public_period text NOT NULL DEFAULT 'winter' CHECK (public_period IN ('winter', 'fiscal_year', 'calendar_year')),
  updated_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The evidence figures read these; without indexes they would scan at 10M records.
CREATE INDEX consultation_org_occurred_idx ON consultation (organisation_id, occurred_at);
CREATE INDEX case_status_change_field_idx ON case_status_change (organisation_id, field, effective_on);
CREATE INDEX shelter_stay_person_idx ON shelter_stay (person_id, check_in_on);
