-- The stock page lists movements newest first by day, then by when they were recorded, then by id
-- (a stable order for paging): an index in exactly that order lets the latest 50 be read without
-- sorting every movement of every year.
DROP INDEX stock_movement_date_idx;
CREATE INDEX stock_movement_date_idx ON stock_movement (organisation_id, occurred_on DESC, created_at DESC, id DESC);
