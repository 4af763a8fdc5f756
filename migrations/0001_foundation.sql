-- Tobira foundation: organisation, staff and access, audit, people, reception, consultations, aid.
-- Runs on PostgreSQL 15+ and on PGlite (PostgreSQL 18 in WASM). Never edit once released.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Asia/Tokyo',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Per-organisation counters: file numbers ('person'), and daily ticket numbers ('ticket:2026-11-28').
CREATE TABLE counter (
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  value integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, name)
);

-- Roles and their permissions are data: an administrator may change what a role can do.
CREATE TABLE role (
  code text PRIMARY KEY,
  name_ja text NOT NULL,
  name_en text NOT NULL
);

CREATE TABLE role_permission (
  role_code text NOT NULL REFERENCES role(code) ON DELETE CASCADE,
  permission text NOT NULL,
  PRIMARY KEY (role_code, permission)
);

INSERT INTO role (code, name_ja, name_en) VALUES
  ('admin', '管理者', 'Administrator'),
  ('caseworker', 'ケースワーカー', 'Caseworker'),
  ('reception', '受付', 'Reception'),
  ('fundraiser', 'ファンドレイザー', 'Fundraiser'),
  ('viewer', '閲覧者', 'Viewer');

INSERT INTO role_permission (role_code, permission)
SELECT 'admin', p FROM unnest(ARRAY[
  'people.read', 'people.write', 'visits.read', 'visits.write',
  'consultations.read', 'consultations.write', 'assistance.read', 'assistance.write',
  'catalogue.read', 'catalogue.manage', 'staff.manage', 'audit.read'
]) AS p;
INSERT INTO role_permission (role_code, permission)
SELECT 'caseworker', p FROM unnest(ARRAY[
  'people.read', 'people.write', 'visits.read', 'visits.write',
  'consultations.read', 'consultations.write', 'assistance.read', 'assistance.write',
  'catalogue.read'
]) AS p;
INSERT INTO role_permission (role_code, permission)
SELECT 'reception', p FROM unnest(ARRAY[
  'people.read', 'people.write', 'visits.read', 'visits.write', 'assistance.read', 'catalogue.read'
]) AS p;
INSERT INTO role_permission (role_code, permission)
SELECT 'viewer', p FROM unnest(ARRAY[
  'people.read', 'visits.read', 'assistance.read', 'catalogue.read'
]) AS p;

CREATE TABLE staff_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  email text NOT NULL,
  display_name text NOT NULL,
  role_code text NOT NULL REFERENCES role(code),
  language text NOT NULL DEFAULT 'ja' CHECK (language IN ('ja', 'en')),
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_user_email_key ON staff_user (lower(email));

CREATE TABLE session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  csrf_token text NOT NULL,
  staff_user_id uuid NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text
);
CREATE INDEX session_staff_user_idx ON session (staff_user_id);

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_user_id uuid NOT NULL REFERENCES staff_user(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_token_staff_user_idx ON api_token (staff_user_id);

-- Append-only: who did what to which record, when, from where. Never holds field values.
CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organisation_id uuid REFERENCES organisation(id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_staff_user_id uuid REFERENCES staff_user(id),
  actor_api_token_id uuid REFERENCES api_token(id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  ip text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_event_org_time_idx ON audit_event (organisation_id, occurred_at DESC);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  file_number text NOT NULL,
  family_name text NOT NULL DEFAULT '',
  given_name text NOT NULL DEFAULT '',
  name_in_own_script text,
  name_kana text,
  date_of_birth date,
  date_of_birth_estimated boolean NOT NULL DEFAULT false,
  sex text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  nationality text CHECK (nationality ~ '^[A-Z]{2}$'),
  languages text[] NOT NULL DEFAULT '{}',
  phone text,
  housing text CHECK (housing IN ('own_home', 'org_shelter', 'esfra', 'net_cafe', 'friend',
                                  'religious_facility', 'rough_sleeping')),
  -- Every name form folded (width, case, diacritics, kana) for search as you type.
  search_text text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, file_number)
);
CREATE INDEX person_search_trgm_idx ON person USING gin (search_text gin_trgm_ops);
CREATE INDEX person_org_created_idx ON person (organisation_id, created_at DESC);

CREATE TABLE visit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  visit_date date NOT NULL,
  ticket_number integer NOT NULL,
  reason text NOT NULL DEFAULT '',
  interpreter_language text,
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high', 'urgent')),
  priority_reasons text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'waiting'
    CHECK (status IN ('waiting', 'called', 'in_consultation', 'done', 'left')),
  checked_in_at timestamptz NOT NULL DEFAULT now(),
  called_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  checked_in_by uuid REFERENCES staff_user(id),
  handled_by uuid REFERENCES staff_user(id),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, visit_date, ticket_number)
);
CREATE INDEX visit_person_idx ON visit (person_id, checked_in_at DESC);

CREATE TABLE consultation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  visit_id uuid REFERENCES visit(id),
  staff_user_id uuid NOT NULL REFERENCES staff_user(id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  mode text NOT NULL CHECK (mode IN ('in_person', 'phone', 'online')),
  interpreter_language text,
  topics text[] NOT NULL DEFAULT '{}',
  note text NOT NULL DEFAULT '',
  needs text NOT NULL DEFAULT '',
  actions text NOT NULL DEFAULT '',
  follow_up_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consultation_person_idx ON consultation (person_id, occurred_at DESC);

-- The aid catalogue is data an administrator edits.
CREATE TABLE aid_item (
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,40}$'),
  name_ja text NOT NULL,
  name_en text NOT NULL,
  category text NOT NULL CHECK (category IN ('food', 'clothing', 'hygiene', 'money', 'transport', 'other')),
  is_money boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organisation_id, code)
);

CREATE TABLE assistance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  visit_id uuid REFERENCES visit(id),
  item_code text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  amount_yen integer CHECK (amount_yen >= 0),
  given_on date NOT NULL,
  given_by uuid NOT NULL REFERENCES staff_user(id),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (organisation_id, item_code) REFERENCES aid_item(organisation_id, code)
);
CREATE INDEX assistance_person_idx ON assistance (person_id, given_on DESC);
