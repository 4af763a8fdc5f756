-- Case files sealed at rest (APPI 要配慮個人情報; ../shared/DOMAIN.md "Personal data law").
-- Vulnerabilities (torture survivor, mental health…), the residence card number, custody, the
-- procedure stage and the whereabouts are kept in one sealed value, `v1:` + base64(AES-256-GCM) of
-- their JSON padded to a multiple of 256 bytes (so the length does not tell 'free' from
-- 'provisional_release'), written by src/modules/cases/server/cases.sealing.ts. The key is not in
-- the database: the application seals, so no SQL here can.
--
-- The plaintext columns stay for rows written before this migration: at start-up the application
-- seals those rows in batches and empties the plaintext columns (CasesService.sealStoredFields).
-- Their CHECKs and defaults stay as they are; nothing writes them any more.
ALTER TABLE case_file ADD COLUMN sealed_fields text CHECK (sealed_fields LIKE 'v1:%');

-- Finding a file by residence card number: HMAC-SHA256 (hex) of the normalised number under a key
-- derived from the secret key, so equality search works while a dump cannot be checked against
-- guessed numbers. The index on the plaintext number goes (its pages held the numbers).
ALTER TABLE case_file ADD COLUMN residence_card_hash text CHECK (residence_card_hash ~ '^[0-9a-f]{64}$');
DROP INDEX case_file_card_idx;
CREATE INDEX case_file_card_hash_idx ON case_file (organisation_id, residence_card_hash) WHERE residence_card_hash IS NOT NULL;

-- The history of those fields is sealed too, both values (even "not set"). NOT VALID: rows from
-- before are sealed by the application at start-up; every new or changed row is checked.
ALTER TABLE case_status_change ADD CONSTRAINT case_status_change_sealed_values CHECK (
  field NOT IN ('residenceCardNumber', 'custody', 'procedureStage', 'vulnerabilities', 'whereabouts')
  OR (old_value IS NOT NULL AND old_value LIKE 'v1:%' AND new_value IS NOT NULL AND new_value LIKE 'v1:%')
) NOT VALID;
