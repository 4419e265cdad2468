-- The coordination office's contact details as the footer of every public
-- page shows them (ADR 039): one row, edited by the office in its staff
-- area. Deliberately without an e-mail address: the footer is on every page,
-- the place a harvester reads first; people write through the contact form.
CREATE TABLE office_contact (
  id            smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  address_lines text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(address_lines) <= 6 AND array_position(address_lines, NULL) IS NULL),
  phone         text CHECK (phone ~ '^\+?[0-9 ()/-]{3,30}$'),
  updated_at    timestamptz NOT NULL,
  -- Who saved it last (no foreign key: the row outlives an account).
  updated_by    uuid
);

ALTER TABLE office_contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE office_contact FORCE ROW LEVEL SECURITY;
-- Public like the helplines: every page's footer reads it.
CREATE POLICY public_read ON office_contact FOR SELECT USING (true);
CREATE POLICY office_insert ON office_contact FOR INSERT
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
CREATE POLICY office_update ON office_contact FOR UPDATE
  USING (app_scope() IN ('admin', 'coordination'))
  WITH CHECK (app_scope() IN ('admin', 'coordination'));
GRANT SELECT, INSERT, UPDATE ON office_contact TO schutznetz_app;
