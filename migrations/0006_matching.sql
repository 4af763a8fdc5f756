-- Duplicate-person matching (issue 3 §5): retrieval keys per person, so that a walk-in's name
-- finds the few hundred people worth scoring without reading every file. The keys (consonant
-- skeletons of Latin and katakana words, own-script words, birth year) are computed in
-- TypeScript (src/modules/matching/server/match-score.ts), so they cannot be backfilled here:
-- people without keys, or whose keys are older than their last change or than the key rules,
-- are indexed at start-up (matching service reindexStale, in batches).
CREATE TABLE person_match_key (
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  key text NOT NULL,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  PRIMARY KEY (organisation_id, key, person_id)
);
CREATE INDEX person_match_key_person_idx ON person_match_key (person_id);

-- Which version of the person, and of the key rules, the keys were computed from.
CREATE TABLE person_match_state (
  person_id uuid PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  person_version integer NOT NULL,
  rules_version integer NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT now()
);
