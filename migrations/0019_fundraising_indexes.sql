-- Indexes the import roll-back needs (bench/fundraising-import.ts): deleting the supporters a batch
-- created checks every row that may refer to them.
CREATE INDEX import_row_supporter_idx ON import_row (supporter_id) WHERE supporter_id IS NOT NULL;
CREATE INDEX import_row_created_supporter_idx ON import_row (created_supporter_id) WHERE created_supporter_id IS NOT NULL;
CREATE INDEX supporter_merged_into_idx ON supporter (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX supporter_merge_merged_idx ON supporter_merge (merged_id);
CREATE INDEX supporter_address_supporter_idx ON supporter_address (supporter_id, created_at DESC);
CREATE INDEX receipt_batch_item_supporter_idx ON receipt_batch_item (supporter_id);
