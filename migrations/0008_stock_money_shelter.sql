-- Aid in kind, money and shelter (issue 4): stock of goods with movements, per-item limits,
-- budget lines, shelter facilities/rooms/beds/stays, paid lodging and the shelter waiting list.

-- A bed must never be given to two people for the same night: an exclusion constraint over
-- (bed, nights) needs btree_gist for the `=` on the bed's uuid.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- The aid and shelter coordinators (DESIGN.md "who uses it") get a role of their own.
INSERT INTO role (code, name_ja, name_en) VALUES ('coordinator', '物資・シェルター担当', 'Aid and shelter coordinator');
INSERT INTO role_permission (role_code, permission)
SELECT 'coordinator', p FROM unnest(ARRAY[
  'people.read', 'visits.read', 'assistance.read', 'assistance.write', 'catalogue.read', 'catalogue.manage',
  'stock.read', 'stock.write', 'shelter.read', 'shelter.write', 'shelter.manage',
  'budgets.read', 'budgets.manage', 'reports.read'
]) AS p;
INSERT INTO role_permission (role_code, permission)
SELECT 'admin', p FROM unnest(ARRAY[
  'stock.read', 'stock.write', 'shelter.read', 'shelter.write', 'shelter.manage',
  'budgets.read', 'budgets.manage', 'reports.read'
]) AS p;
-- Caseworkers give goods, receive donations at the desk and house people from the waiting list.
INSERT INTO role_permission (role_code, permission)
SELECT 'caseworker', p FROM unnest(ARRAY[
  'stock.read', 'stock.write', 'shelter.read', 'shelter.write', 'budgets.read', 'reports.read'
]) AS p;
-- The desk must see whether coats are left and whether a bed is free.
INSERT INTO role_permission (role_code, permission)
SELECT 'reception', p FROM unnest(ARRAY['stock.read', 'shelter.read']) AS p;
INSERT INTO role_permission (role_code, permission)
SELECT 'viewer', p FROM unnest(ARRAY['stock.read', 'shelter.read', 'reports.read']) AS p;
-- Fundraisers report figures to donors: aggregated reports only, no names.
INSERT INTO role_permission (role_code, permission) VALUES ('fundraiser', 'reports.read');

-- ─── Stock ─────────────────────────────────────────────────────────────────────────────────────
ALTER TABLE aid_item
  -- How the item is counted; the label is translated in the web (inventory i18n).
  ADD COLUMN unit text NOT NULL DEFAULT 'piece' CHECK (unit IN ('piece', 'pack', 'bag', 'set', 'pair', 'box')),
  -- Sizes where they matter (coats, shoes): when not empty, stock is kept and given per size.
  ADD COLUMN sizes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN is_stock_tracked boolean NOT NULL DEFAULT false,
  -- Total across locations at or below which the item is on the low-stock list.
  ADD COLUMN low_stock_threshold integer CHECK (low_stock_threshold >= 0),
  -- Optional rule: at most limit_quantity per person within limit_days days (e.g. 1 parcel / 7 days).
  -- The desk is warned, with the last date given, and may override with a reason.
  ADD COLUMN limit_quantity integer CHECK (limit_quantity > 0),
  ADD COLUMN limit_days integer CHECK (limit_days > 0),
  ADD CONSTRAINT aid_item_limit_both CHECK ((limit_quantity IS NULL) = (limit_days IS NULL)),
  ADD CONSTRAINT aid_item_money_not_stock CHECK (NOT (is_money AND is_stock_tracked));

UPDATE aid_item SET is_stock_tracked = true, low_stock_threshold = 10 WHERE code IN ('winter_coat', 'blanket');
UPDATE aid_item SET is_stock_tracked = true, low_stock_threshold = 10, unit = 'bag' WHERE code = 'rice_5kg';
UPDATE aid_item SET is_stock_tracked = true, low_stock_threshold = 20, unit = 'pack' WHERE code = 'food_parcel';
UPDATE aid_item SET unit = 'set' WHERE code = 'hygiene_kit';

CREATE TABLE stock_location (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name_ja text NOT NULL,
  name_en text NOT NULL,
  -- Where goods are taken from when the desk does not say.
  is_default boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX stock_location_default_idx ON stock_location (organisation_id) WHERE is_default;
INSERT INTO stock_location (organisation_id, name_ja, name_en, is_default)
SELECT id, '事務所', 'Office', true FROM organisation;

-- Current stock per item, location and size ('' when the item has no sizes). Every change goes
-- through a conditional UPDATE … WHERE quantity >= n, so two desks giving the last coat at the
-- same moment cannot both succeed; the CHECK is the last line of defence.
CREATE TABLE stock_level (
  organisation_id uuid NOT NULL,
  item_code text NOT NULL,
  location_id uuid NOT NULL REFERENCES stock_location(id),
  size text NOT NULL DEFAULT '',
  quantity integer NOT NULL CHECK (quantity >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, item_code, location_id, size),
  FOREIGN KEY (organisation_id, item_code) REFERENCES aid_item(organisation_id, code)
);

-- Every change of stock, for the history and the reports. quantity is always positive except for
-- an adjustment, which may go either way (a count found 3 more, or 2 coats were torn).
CREATE TABLE stock_movement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  item_code text NOT NULL,
  size text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('received', 'given', 'adjusted', 'transferred')),
  quantity integer NOT NULL CHECK (quantity <> 0),
  -- received/adjusted: the location changed; given: taken from; transferred: from → to_location_id.
  location_id uuid NOT NULL REFERENCES stock_location(id),
  to_location_id uuid REFERENCES stock_location(id),
  -- received: bought, or donated in kind (with the donor's name when known).
  source text CHECK (source IN ('purchase', 'donation')),
  donor_name text,
  -- given: to whom, and the aid record written in the same transaction.
  person_id uuid REFERENCES person(id),
  assistance_id uuid,
  -- adjusted: why (required by the service); any kind may carry a note.
  reason text,
  note text NOT NULL DEFAULT '',
  occurred_on date NOT NULL,
  recorded_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organisation_id, item_code) REFERENCES aid_item(organisation_id, code),
  CHECK (kind = 'adjusted' OR quantity > 0),
  CHECK ((kind = 'transferred') = (to_location_id IS NOT NULL)),
  CHECK ((kind = 'received') = (source IS NOT NULL)),
  CHECK ((kind = 'given') = (person_id IS NOT NULL))
);
CREATE INDEX stock_movement_item_idx ON stock_movement (organisation_id, item_code, occurred_on DESC);
CREATE INDEX stock_movement_date_idx ON stock_movement (organisation_id, occurred_on DESC, created_at DESC);

-- ─── Money ─────────────────────────────────────────────────────────────────────────────────────
-- Budget lines (funds): cash, fares, fees, medical costs and paid lodging are paid against them.
CREATE TABLE budget_line (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name_ja text NOT NULL,
  name_en text NOT NULL,
  -- The amount available each month, unless budget_line_month says otherwise for a month.
  monthly_amount_yen integer NOT NULL CHECK (monthly_amount_yen >= 0),
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE budget_line_month (
  budget_line_id uuid NOT NULL REFERENCES budget_line(id),
  month date NOT NULL CHECK (EXTRACT(DAY FROM month) = 1),
  amount_yen integer NOT NULL CHECK (amount_yen >= 0),
  PRIMARY KEY (budget_line_id, month)
);

ALTER TABLE assistance
  ADD COLUMN size text,
  -- Where a stock-tracked item was taken from.
  ADD COLUMN location_id uuid REFERENCES stock_location(id),
  ADD COLUMN budget_line_id uuid REFERENCES budget_line(id),
  -- Set when the desk gave more than the item's rule allows, and why.
  ADD COLUMN rule_override_reason text;
CREATE INDEX assistance_org_date_idx ON assistance (organisation_id, given_on);
CREATE INDEX assistance_budget_idx ON assistance (budget_line_id, given_on) WHERE budget_line_id IS NOT NULL;
CREATE INDEX assistance_person_item_idx ON assistance (person_id, item_code, given_on DESC);

-- ─── Shelter ───────────────────────────────────────────────────────────────────────────────────
CREATE TABLE shelter_facility (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name_ja text NOT NULL,
  name_en text NOT NULL,
  note text NOT NULL DEFAULT '',
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shelter_room (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  facility_id uuid NOT NULL REFERENCES shelter_facility(id),
  name text NOT NULL,
  -- Who may use its beds.
  allowed_use text NOT NULL CHECK (allowed_use IN ('women', 'families', 'men', 'any')),
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (facility_id, name)
);

CREATE TABLE shelter_bed (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  room_id uuid NOT NULL REFERENCES shelter_room(id),
  label text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (room_id, label)
);

-- The shelter waiting list. Priority is computed from these facts and the days waiting
-- (shelter/priority.ts); the facts are recorded when the person is listed and may be updated.
CREATE TABLE shelter_waiting_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  listed_on date NOT NULL,
  -- What kind of bed is needed.
  needs text NOT NULL DEFAULT 'any' CHECK (needs IN ('women', 'families', 'men', 'any')),
  with_children boolean NOT NULL DEFAULT false,
  is_pregnant boolean NOT NULL DEFAULT false,
  is_ill boolean NOT NULL DEFAULT false,
  is_rough_sleeping boolean NOT NULL DEFAULT false,
  note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'housed', 'withdrawn')),
  closed_on date,
  closed_reason text,
  listed_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((status = 'waiting') = (closed_on IS NULL))
);
-- One open entry per person.
CREATE UNIQUE INDEX shelter_waiting_open_idx ON shelter_waiting_entry (person_id) WHERE status = 'waiting';
CREATE INDEX shelter_waiting_org_idx ON shelter_waiting_entry (organisation_id, status, listed_on);

-- A stay occupies the nights [check_in_on, end) where end is the actual check-out, or the expected
-- one while the person is still there. The database refuses two stays on one bed, or one person in
-- two beds, for the same night.
CREATE TABLE shelter_stay (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  bed_id uuid NOT NULL REFERENCES shelter_bed(id),
  check_in_on date NOT NULL,
  expected_check_out_on date NOT NULL,
  checked_out_on date,
  waiting_entry_id uuid REFERENCES shelter_waiting_entry(id),
  note text NOT NULL DEFAULT '',
  created_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  checked_out_by uuid REFERENCES staff_user(id),
  version integer NOT NULL DEFAULT 1,
  CHECK (expected_check_out_on > check_in_on),
  CHECK (checked_out_on IS NULL OR checked_out_on >= check_in_on),
  CONSTRAINT shelter_stay_bed_night EXCLUDE USING gist (
    bed_id WITH =,
    daterange(check_in_on, COALESCE(checked_out_on, expected_check_out_on), '[)') WITH &&
  ),
  CONSTRAINT shelter_stay_person_night EXCLUDE USING gist (
    person_id WITH =,
    daterange(check_in_on, COALESCE(checked_out_on, expected_check_out_on), '[)') WITH &&
  )
);
CREATE INDEX shelter_stay_org_idx ON shelter_stay (organisation_id, check_in_on);

-- Nights paid for elsewhere (a hotel, an internet café) while no bed is free.
CREATE TABLE paid_lodging (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('hotel', 'net_cafe', 'other')),
  place_name text NOT NULL DEFAULT '',
  first_night_on date NOT NULL,
  nights integer NOT NULL CHECK (nights > 0 AND nights <= 366),
  cost_yen integer NOT NULL CHECK (cost_yen >= 0),
  budget_line_id uuid REFERENCES budget_line(id),
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX paid_lodging_org_idx ON paid_lodging (organisation_id, first_night_on);
CREATE INDEX paid_lodging_person_idx ON paid_lodging (person_id, first_night_on DESC);
