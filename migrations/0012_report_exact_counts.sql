-- Small-cell suppression (issue 11): reports show every count exactly only to the roles that work
-- with the people themselves. Everyone else (viewer, fundraiser, advocacy to come) sees counts of
-- fewer than 5 people hidden and small groups folded together, so an aggregate never singles out
-- a person ("the one Yemeni woman helped on Tuesday").
INSERT INTO role_permission (role_code, permission)
SELECT r, 'reports.exact' FROM unnest(ARRAY['admin', 'caseworker', 'coordinator']) AS r;
