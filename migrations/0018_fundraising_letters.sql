-- Thank-you letters (issue 13, point 9): the organisation's own templates in Japanese and English,
-- with placeholders, kept as data an administrator or fundraiser edits (DESIGN.md principle 6).
CREATE TABLE letter_template (
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN ('thank_you')),
  language text NOT NULL CHECK (language IN ('ja', 'en')),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
  updated_by uuid REFERENCES staff_user(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, kind, language)
);
