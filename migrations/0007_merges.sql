-- Merging two files of the same person (issue 3 §5): the surviving file takes the chosen field
-- values and every linked record; the merged file stays, hidden, with person.merged_into_id set
-- (0003). Each merge keeps what it changed so that it can be undone exactly.
CREATE TABLE person_merge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  survivor_id uuid NOT NULL REFERENCES person(id),
  merged_id uuid NOT NULL REFERENCES person(id),
  -- Which file each field was taken from: {"familyName": "merged", "languages": "both", …}.
  choices jsonb NOT NULL,
  -- The survivor's field values before the merge and right after it (camelCase keys, as in the API),
  -- so that undo restores the fields the merge changed and keeps later edits.
  survivor_before jsonb NOT NULL,
  survivor_after jsonb NOT NULL,
  -- The rows moved to the survivor: [{"table", "column", "keys": [{pk column: value as text}]}].
  moved_rows jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Rows left with the merged file: a 1:1 row the survivor already had ("unique") or a link that
  -- would join the survivor to itself ("self_link"): [{"table", "column", "reason", "keys"}].
  kept_rows jsonb NOT NULL DEFAULT '[]'::jsonb,
  merged_by uuid NOT NULL REFERENCES staff_user(id),
  merged_at timestamptz NOT NULL DEFAULT now(),
  undone_by uuid REFERENCES staff_user(id),
  undone_at timestamptz,
  CHECK (survivor_id <> merged_id),
  CHECK ((undone_by IS NULL) = (undone_at IS NULL))
);
CREATE INDEX person_merge_survivor_idx ON person_merge (organisation_id, survivor_id, merged_at DESC);
CREATE INDEX person_merge_merged_idx ON person_merge (organisation_id, merged_id, merged_at DESC);
-- A file is merged at most once at a time.
CREATE UNIQUE INDEX person_merge_active_idx ON person_merge (merged_id) WHERE undone_at IS NULL;
