-- The directory of partners (issue 15): the organisations the office refers people to (clinics,
-- hospitals, lawyers, employers, municipal offices, other NGOs, language schools). It holds no
-- client's data: the contact person at the partner is the only person in it. Nothing is deleted:
-- a partner that closed or no longer helps is archived.

-- Everyone on the client side of the house looks partners up; coordinators and administrators keep
-- the directory. Fundraisers and advocacy staff have no need for it.
INSERT INTO role_permission (role_code, permission)
SELECT r, 'partners.read' FROM unnest(ARRAY['admin', 'caseworker', 'coordinator', 'reception', 'viewer']) AS r;
INSERT INTO role_permission (role_code, permission)
SELECT r, 'partners.manage' FROM unnest(ARRAY['admin', 'coordinator']) AS r;

CREATE TABLE partner (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN (
    'clinic', 'hospital', 'free_low_cost_clinic', 'psychiatry', 'obstetrics', 'dentistry', 'lawyer', 'legal_aid',
    'employer', 'job_agency', 'municipal_office', 'ngo', 'language_school', 'other'
  )),
  name_ja text NOT NULL CHECK (length(name_ja) BETWEEN 1 AND 200),
  name_en text NOT NULL DEFAULT '' CHECK (length(name_en) <= 200),
  -- The katakana reading: how a Japanese list is sorted and how a name is typed into search.
  name_kana text NOT NULL DEFAULT '' CHECK (length(name_kana) <= 200),
  -- 〒 as seven digits, or empty; prefecture and city are filled from Japan Post's data when left empty.
  postal_code text NOT NULL DEFAULT '' CHECK (postal_code ~ '^([0-9]{7})?$'),
  prefecture text NOT NULL DEFAULT '' CHECK (length(prefecture) <= 20),
  city text NOT NULL DEFAULT '' CHECK (length(city) <= 100),
  address_line text NOT NULL DEFAULT '' CHECK (length(address_line) <= 300),
  phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
  email text NOT NULL DEFAULT '' CHECK (length(email) <= 254 AND (email = '' OR email ~ '^[^@\s]+@[^@\s]+$')),
  website text NOT NULL DEFAULT '' CHECK (length(website) <= 500 AND (website = '' OR website ~ '^https?://')),
  nearest_station text NOT NULL DEFAULT '' CHECK (length(nearest_station) <= 200),
  -- Languages spoken there beyond Japanese (ISO 639: fr, am, kmr).
  languages text[] NOT NULL DEFAULT '{}' CHECK (
    cardinality(languages) <= 30 AND array_to_string(languages, ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$'
  ),
  opening_hours text NOT NULL DEFAULT '' CHECK (length(opening_hours) <= 1000),
  cost text NOT NULL DEFAULT 'unknown' CHECK (cost IN ('free', 'sliding_scale', 'low_cost', 'insurance_required', 'standard', 'unknown')),
  cost_notes text NOT NULL DEFAULT '' CHECK (length(cost_notes) <= 1000),
  -- Sees people without residence status (非正規滞在 / 仮放免).
  accepts_no_status boolean NOT NULL DEFAULT false,
  accepts_uninsured boolean NOT NULL DEFAULT false,
  contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 100),
  contact_role text NOT NULL DEFAULT '' CHECK (length(contact_role) <= 100),
  contact_phone text NOT NULL DEFAULT '' CHECK (length(contact_phone) <= 40),
  contact_email text NOT NULL DEFAULT '' CHECK (length(contact_email) <= 254 AND (contact_email = '' OR contact_email ~ '^[^@\s]+@[^@\s]+$')),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  -- Every name form folded for search as you type (width, case, hiragana → katakana), with the city and station.
  search_text text NOT NULL DEFAULT '',
  -- The directory's order: the reading, else the name, in katakana (a name in hiragana sorts among the
  -- readings); compared byte-wise so that PGlite and PostgreSQL, whatever their locale, sort alike.
  sort_key text COLLATE "C" NOT NULL DEFAULT '',
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff_user(id),
  version integer NOT NULL DEFAULT 1,
  -- Medical referrals and employment placements point at a partner of their own organisation.
  UNIQUE (organisation_id, id)
);
CREATE INDEX partner_sort_idx ON partner (organisation_id, sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX partner_kind_idx ON partner (organisation_id, kind) WHERE archived_at IS NULL;
CREATE INDEX partner_area_idx ON partner (organisation_id, prefecture, city) WHERE archived_at IS NULL;
CREATE INDEX partner_languages_idx ON partner USING gin (languages);
CREATE INDEX partner_search_trgm_idx ON partner USING gin (search_text gin_trgm_ops);
