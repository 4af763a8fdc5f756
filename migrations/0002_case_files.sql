-- Case files (issue 3): the legal and welfare situation with its history, dated case events
-- (interviews, reporting dates), household links, follow-up tasks, and the permissions for them.
-- Vocabulary: ../shared/DOMAIN.md. Sensitive fields, consent, documents, matching and merges come in
-- later migrations.

INSERT INTO role_permission (role_code, permission)
SELECT r, p FROM unnest(ARRAY['admin', 'caseworker']) AS r, unnest(ARRAY[
  'cases.read', 'cases.write', 'sensitive.read', 'privacy.read', 'privacy.write',
  'documents.read', 'documents.write', 'people.merge', 'people.export'
]) AS p;
-- The desk sees and ticks off follow-up tasks, and may record who is waiting for what.
INSERT INTO role_permission (role_code, permission) VALUES ('reception', 'tasks.read'), ('reception', 'tasks.write');
INSERT INTO role_permission (role_code, permission)
SELECT r, p FROM unnest(ARRAY['admin', 'caseworker']) AS r, unnest(ARRAY['tasks.read', 'tasks.write']) AS p;

-- The current legal and welfare situation: one row per person, created on first save.
CREATE TABLE case_file (
  person_id uuid PRIMARY KEY REFERENCES person(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- The caseworker responsible: "my deadlines" are the deadlines of the files assigned to me.
  assigned_to uuid REFERENCES staff_user(id),
  residence_status text CHECK (residence_status IN ('temporary_visitor', 'designated_work',
    'designated_no_work', 'long_term_resident', 'provisional_stay', 'no_status', 'other')),
  -- Residence card 在留カード: 2 letters, 8 digits, 2 letters; stored upper-case without spaces.
  residence_card_number text,
  residence_expires_on date,
  -- Work permission is on the designation paper 指定書, not the card.
  work_permitted boolean,
  custody text CHECK (custody IN ('free', 'detained', 'provisional_release', 'supervision')),
  supervisor_name text,
  procedure_stage text CHECK (procedure_stage IN ('pre_application', 'first_instance', 'rejected',
    'review_pending', 'in_court', 'recognised', 'complementary_protection', 'humanitarian_stay',
    'special_permission_pending', 'withdrawn', 'departed', 'deported')),
  -- Which application this is: 1, 2, or 3 meaning "third or later" (no suspensive effect).
  application_count smallint CHECK (application_count BETWEEN 1 AND 3),
  sorting_category text CHECK (sorting_category IN ('A', 'B', 'C', 'D1', 'D2')),
  applied_on date,
  -- The day the (latest) decision notice was received; with stage 'rejected' it starts the 7-day review deadline.
  decision_notice_received_on date,
  allowance_status text CHECK (allowance_status IN ('not_applied', 'awaiting', 'receiving',
    'ineligible', 'stopped', 'reapplied')),
  allowance_applied_on date,
  allowance_decided_on date,
  health_insurance text CHECK (health_insurance IN ('national', 'employee', 'uninsured', 'free_low_cost')),
  -- The day the person became eligible for national health insurance: enrolment is due 14 days after.
  insurance_eligible_on date,
  vulnerabilities text[] NOT NULL DEFAULT '{}',
  whereabouts text NOT NULL DEFAULT '',
  line_id text,
  email text,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_file_org_assigned_idx ON case_file (organisation_id, assigned_to);
CREATE INDEX case_file_card_idx ON case_file (organisation_id, residence_card_number);
CREATE INDEX case_file_allowance_idx ON case_file (organisation_id, allowance_status, allowance_applied_on);

-- History: one row per changed field of the case file (and of person.housing), with the date the
-- change took effect as the caseworker knows it and who recorded it. Values are the codes/dates as text.
CREATE TABLE case_status_change (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  field text NOT NULL,
  old_value text,
  new_value text,
  effective_on date NOT NULL,
  recorded_by uuid NOT NULL REFERENCES staff_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_status_change_person_idx ON case_status_change (person_id, recorded_at DESC);

-- Dated events of the procedure: interviews, and reporting dates under provisional release or
-- supervision measures (which are deadlines until marked done).
CREATE TABLE case_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('interview', 'reporting')),
  occurs_on date NOT NULL,
  note text NOT NULL DEFAULT '',
  done_at timestamptz,
  created_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_event_person_idx ON case_event (person_id, occurs_on);
CREATE INDEX case_event_due_idx ON case_event (organisation_id, occurs_on) WHERE done_at IS NULL;

-- Household members are files of their own, linked both ways by reading the link from either end.
CREATE TABLE household_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid NOT NULL REFERENCES person(id),
  member_person_id uuid NOT NULL REFERENCES person(id),
  relationship text NOT NULL CHECK (relationship IN ('spouse', 'child', 'parent', 'sibling', 'other')),
  created_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id <> member_person_id)
);
CREATE INDEX household_link_person_idx ON household_link (person_id);
CREATE INDEX household_link_member_idx ON household_link (member_person_id);

-- Follow-up tasks, by hand or from a consultation.
CREATE TABLE task (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_id uuid REFERENCES person(id),
  consultation_id uuid REFERENCES consultation(id),
  title text NOT NULL,
  due_on date,
  assignee_id uuid REFERENCES staff_user(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_by uuid REFERENCES staff_user(id),
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX task_assignee_idx ON task (organisation_id, assignee_id, due_on) WHERE status = 'open';
CREATE INDEX task_person_idx ON task (person_id, created_at DESC);
