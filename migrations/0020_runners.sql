-- Charity runners and public giving pages (issue 14): charity events (the Tokyo Marathon charity
-- programme) with their runner applications, the runners selected (each a supporter), their public
-- pages with every revision kept for moderation, single-use links by which a runner edits a page,
-- public pages for campaigns (the winter appeal), and what a donor chose to show on a donor wall.
-- Gifts themselves stay in the fundraising tables (gift, gift_soft_credit kind 'runner').

CREATE TABLE charity_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- In the public address: /give/<code>/…
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name_ja text NOT NULL CHECK (length(name_ja) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  race_on date NOT NULL,
  -- What each runner must raise at least (¥100,000 for the Tokyo Marathon charity).
  minimum_yen bigint NOT NULL CHECK (minimum_yen > 0),
  applications_open_on date NOT NULL,
  applications_close_on date NOT NULL,
  places integer NOT NULL CHECK (places > 0),
  campaign_id uuid NOT NULL REFERENCES campaign(id),
  -- Where a donor pays: a platform address (card), else the bank details shown after the pledge.
  payment_url text CHECK (payment_url IS NULL OR payment_url ~ '^https://'),
  bank_details_ja text NOT NULL DEFAULT '' CHECK (length(bank_details_ja) <= 1000),
  bank_details_en text NOT NULL DEFAULT '' CHECK (length(bank_details_en) <= 1000),
  intro_ja text NOT NULL DEFAULT '' CHECK (length(intro_ja) <= 4000),
  intro_en text NOT NULL DEFAULT '' CHECK (length(intro_en) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (code),
  CHECK (applications_close_on >= applications_open_on),
  CHECK (race_on >= applications_close_on)
);

CREATE TABLE runner_application (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  event_id uuid NOT NULL REFERENCES charity_event(id),
  family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  given_name text NOT NULL DEFAULT '' CHECK (length(given_name) <= 100),
  family_name_kana text NOT NULL DEFAULT '' CHECK (length(family_name_kana) <= 100),
  given_name_kana text NOT NULL DEFAULT '' CHECK (length(given_name_kana) <= 100),
  email text NOT NULL CHECK (length(email) <= 254),
  phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
  motivation text NOT NULL CHECK (length(motivation) BETWEEN 1 AND 4000),
  plan text NOT NULL CHECK (length(plan) BETWEEN 1 AND 4000),
  language text NOT NULL CHECK (language IN ('ja', 'en')),
  -- The applicant ticked the privacy notice (the form refuses without it).
  consented_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'shortlisted', 'selected', 'waitlisted', 'declined')),
  decision_reason text NOT NULL DEFAULT '' CHECK (length(decision_reason) <= 2000),
  -- The message sent with the decision, as sent.
  decision_message text NOT NULL DEFAULT '' CHECK (length(decision_message) <= 8000),
  decided_by uuid REFERENCES staff_user(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
-- One application per email and event: a second one is taken as the first (nothing is duplicated).
CREATE UNIQUE INDEX runner_application_email_idx ON runner_application (event_id, lower(email));
CREATE INDEX runner_application_status_idx ON runner_application (event_id, status, created_at);

CREATE TABLE runner (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  event_id uuid NOT NULL REFERENCES charity_event(id),
  application_id uuid UNIQUE REFERENCES runner_application(id),
  supporter_id uuid NOT NULL REFERENCES supporter(id),
  -- 'R-0042': what the platform's export carries as ランナーID, so imported gifts find their runner.
  code text NOT NULL CHECK (code ~ '^R-[0-9]{4,}$'),
  -- Random and unguessable: a page that is not published yet cannot be found by trying addresses.
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]{12,40}$'),
  goal_yen bigint NOT NULL CHECK (goal_yen > 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  -- The revision the public sees; null until staff approve the first one.
  published_revision_id uuid,
  last_reminded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (event_id, code),
  UNIQUE (event_id, slug),
  UNIQUE (event_id, supporter_id)
);

-- Every version of a runner's page: what the runner (or staff) wrote, and what a reviewer decided.
CREATE TABLE runner_page_revision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  runner_id uuid NOT NULL REFERENCES runner(id),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  story text NOT NULL CHECK (length(story) BETWEEN 1 AND 4000),
  goal_yen bigint NOT NULL CHECK (goal_yen > 0),
  -- The photo as served: re-encoded JPEG, resized, no EXIF (never the uploaded file).
  photo bytea,
  photo_width integer,
  photo_height integer,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
  review_note text NOT NULL DEFAULT '' CHECK (length(review_note) <= 2000),
  submitted_by text NOT NULL CHECK (submitted_by IN ('runner', 'staff')),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff_user(id),
  reviewed_by uuid REFERENCES staff_user(id),
  reviewed_at timestamptz
);
CREATE INDEX runner_page_revision_runner_idx ON runner_page_revision (runner_id, created_at DESC);
CREATE INDEX runner_page_revision_pending_idx ON runner_page_revision (organisation_id, created_at) WHERE status = 'pending';
ALTER TABLE runner ADD CONSTRAINT runner_published_revision_fk FOREIGN KEY (published_revision_id) REFERENCES runner_page_revision(id);

-- A link sent to a runner to edit the page: only its hash is kept; used once, within its hours.
CREATE TABLE runner_magic_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  runner_id uuid NOT NULL REFERENCES runner(id),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The short editing session a used link opens (cookie holds the token; only its hash is kept).
CREATE TABLE runner_edit_session (
  token_hash text PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  runner_id uuid NOT NULL REFERENCES runner(id),
  link_id uuid NOT NULL REFERENCES runner_magic_link(id),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A campaign's public page (the winter appeal): off until staff publish it.
CREATE TABLE campaign_page (
  campaign_id uuid PRIMARY KEY REFERENCES campaign(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- In the public address: /appeal/<slug>
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  title_ja text NOT NULL CHECK (length(title_ja) BETWEEN 1 AND 200),
  title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 200),
  story_ja text NOT NULL DEFAULT '' CHECK (length(story_ja) <= 4000),
  story_en text NOT NULL DEFAULT '' CHECK (length(story_en) <= 4000),
  payment_url text CHECK (payment_url IS NULL OR payment_url ~ '^https://'),
  bank_details_ja text NOT NULL DEFAULT '' CHECK (length(bank_details_ja) <= 1000),
  bank_details_en text NOT NULL DEFAULT '' CHECK (length(bank_details_en) <= 1000),
  -- Show the office's banded figures (GET /api/public/figures) on the page.
  show_figures boolean NOT NULL DEFAULT true,
  is_published boolean NOT NULL DEFAULT false,
  updated_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- A gift pledged through a public page, and what its donor chose to show on the donor wall.
CREATE TABLE page_gift (
  gift_id uuid PRIMARY KEY REFERENCES gift(id),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  campaign_id uuid NOT NULL REFERENCES campaign(id),
  runner_id uuid REFERENCES runner(id),
  -- Written in the transfer's name (振込名義) or carried to the platform, so the payment finds its pledge.
  reference text NOT NULL UNIQUE CHECK (reference ~ '^[A-Z0-9]{8}$'),
  -- Listed on the donor wall at all (the donor may give without appearing).
  on_wall boolean NOT NULL DEFAULT true,
  -- The name as the donor wants it shown; '' = 匿名 / Anonymous.
  wall_name text NOT NULL DEFAULT '' CHECK (length(wall_name) <= 100),
  show_amount boolean NOT NULL DEFAULT false,
  message text NOT NULL DEFAULT '' CHECK (length(message) <= 500),
  -- Staff took the message or the entry off the wall.
  hidden_at timestamptz,
  hidden_by uuid REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX page_gift_runner_idx ON page_gift (runner_id, created_at DESC) WHERE runner_id IS NOT NULL;
CREATE INDEX page_gift_campaign_idx ON page_gift (campaign_id, created_at DESC);
