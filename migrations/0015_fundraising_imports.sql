-- Gift imports (issue 13, point 7): an uploaded file becomes a batch; its rows are read with a
-- column mapping (saved per source), matched to supporters (a person decides the unclear ones),
-- and committed in one transaction; a committed batch can be rolled back in full. The decoded
-- file is kept with the batch so a mapping can be changed without uploading again.

CREATE TABLE import_mapping (
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  source text NOT NULL CHECK (source IN ('congrant', 'syncable', 'bank', 'generic')),
  mapping jsonb NOT NULL,
  updated_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, source)
);

CREATE TABLE import_batch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  source text NOT NULL CHECK (source IN ('congrant', 'syncable', 'bank', 'generic')),
  file_name text NOT NULL CHECK (length(file_name) <= 255),
  encoding text NOT NULL,
  file_sha256 text NOT NULL,
  content text NOT NULL,
  headers jsonb NOT NULL,
  -- The first rows as read, for the mapping screen.
  sample jsonb NOT NULL DEFAULT '[]',
  mapping jsonb,
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'mapped', 'committed', 'rolled_back')),
  summary jsonb,
  gifts_created integer NOT NULL DEFAULT 0,
  supporters_created integer NOT NULL DEFAULT 0,
  created_by uuid NOT NULL REFERENCES staff_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  committed_by uuid REFERENCES staff_user(id),
  committed_at timestamptz,
  rolled_back_by uuid REFERENCES staff_user(id),
  rolled_back_at timestamptz,
  UNIQUE (organisation_id, id)
);
CREATE INDEX import_batch_created_idx ON import_batch (organisation_id, created_at DESC);

-- One row of the file as read: the gift it describes (or its errors), how it matched a supporter,
-- what a person decided, and what the commit created.
CREATE TABLE import_row (
  batch_id uuid NOT NULL REFERENCES import_batch(id),
  line integer NOT NULL,
  data jsonb,
  errors jsonb,
  match text NOT NULL CHECK (match IN ('existing', 'new', 'ambiguous', 'anonymous', 'duplicate', 'error', 'skipped')),
  candidates jsonb NOT NULL DEFAULT '[]',
  supporter_id uuid REFERENCES supporter(id),
  campaign_id uuid REFERENCES campaign(id),
  fund_id uuid REFERENCES fund(id),
  decided_by uuid REFERENCES staff_user(id),
  gift_id uuid,
  created_supporter_id uuid,
  PRIMARY KEY (batch_id, line)
);
CREATE INDEX import_row_match_idx ON import_row (batch_id, match, line);

ALTER TABLE gift ADD CONSTRAINT gift_import_batch_fk FOREIGN KEY (organisation_id, import_batch_id) REFERENCES import_batch(organisation_id, id);
CREATE INDEX gift_import_batch_idx ON gift (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- A donor an import knows only by email (a platform that hides names) is still a supporter.
ALTER TABLE supporter DROP CONSTRAINT supporter_check1;
ALTER TABLE supporter ADD CONSTRAINT supporter_named CHECK (kind = 'organisation' OR family_name <> '' OR given_name <> '' OR email IS NOT NULL);
