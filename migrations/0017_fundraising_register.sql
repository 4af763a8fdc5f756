-- Fundraising reports (issue 13): the donor register 寄附者名簿 (name, address, amount, date of
-- every gift of a year) must be prepared within 3 months of each year-end and kept 5 years
-- (shared/DOMAIN.md "Donations in Japan"). This records each time a year's register was
-- prepared, so the dashboard can remind a fundraiser while it is due. Nothing here is deleted:
-- preparing the register again (after a correction) adds a row.
CREATE TABLE donor_register_preparation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  -- fiscal: April–March, named by its April (FY2025 = 2025-04-01 … 2026-03-31); calendar: January–December.
  year_kind text NOT NULL CHECK (year_kind IN ('fiscal', 'calendar')),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  prepared_at timestamptz NOT NULL DEFAULT now(),
  prepared_by uuid REFERENCES staff_user(id),
  -- What the register held when it was prepared: its gifts and their total (integer yen).
  gift_count integer NOT NULL CHECK (gift_count >= 0),
  total_yen bigint NOT NULL CHECK (total_yen >= 0)
);
CREATE INDEX donor_register_preparation_year_idx ON donor_register_preparation (organisation_id, year_kind, year, prepared_at DESC);

-- The fundraising reports group a supporter's giving (received, positive) over every year: LYBUNT,
-- SYBUNT, retention (src/modules/fundraising/reports/server/fundraising-reports.repository.ts).
-- In supporter order, with the date and amount inside, the pass streams through this index alone
-- (an index-only scan, no hash of 100k supporters spilling to disk): with 100k supporters / 1M
-- gifts on PostgreSQL 15, LYBUNT went from 2.9 s to 0.3–0.4 s (p50) and retention from 2.4 s to
-- 0.3–0.6 s (bench/RESULTS.md, "Fundraising reports"). It also answers "any earlier gift?" for a
-- campaign's new donors.
CREATE INDEX gift_giving_supporter_idx ON gift (organisation_id, supporter_id, received_on) INCLUDE (amount_yen)
  WHERE status = 'received' AND amount_yen > 0 AND supporter_id IS NOT NULL;
