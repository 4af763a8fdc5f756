-- A file merged into another stays (for the audit trail and for undoing the merge) but is hidden
-- from search, matching and lists; opening it leads to the file it was merged into.
ALTER TABLE person ADD COLUMN merged_into_id uuid REFERENCES person(id);
CREATE INDEX person_merged_into_idx ON person (merged_into_id) WHERE merged_into_id IS NOT NULL;
