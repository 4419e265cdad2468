-- "Report an error in this entry": anyone reading a centre page may tell the
-- network that a phone number, an address or the hours are wrong, or that
-- the centre has closed (ADR 026). The free text may name a person, so the
-- table is treated as personal data:
--
-- * Who sees a report follows the entry's CURRENT owner, read from the
--   service row at query time — not a copied centre column: when an entry
--   changes hands, the previous centre stops seeing its reports at once.
--   Administrators and the coordination office see every report, a centre
--   the reports about the entry it maintains; reports about entries no
--   centre maintains only the network roles.
-- * The public writes through one narrow path: INSERT in the 'auth' scope
--   (before anyone is identified), of an open report only. That scope
--   reads no report, not even the one it wrote.
-- * Staff change nothing but the handling columns (column grants).
-- * Only the retention purge deletes (restrictive policy, as in 0015): a
--   handled report 90 days after it was handled.
--
-- No SECURITY DEFINER function: the trigger below reads the public service
-- row with the writer's own rights.

CREATE TABLE entry_report (
  id          uuid PRIMARY KEY,
  service_id  uuid NOT NULL REFERENCES service (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('phone', 'address', 'hours', 'closed', 'other')),
  message     text NOT NULL DEFAULT '' CHECK (char_length(message) <= 2000),
  -- The language the reporter read the page in, so staff know how to read the text.
  locale      text NOT NULL CHECK (locale ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'),
  created_at  timestamptz NOT NULL,
  handled_at  timestamptz,
  handled_by  uuid REFERENCES app_user (id) ON DELETE SET NULL,
  CHECK (handled_by IS NULL OR handled_at IS NOT NULL),
  CHECK (handled_at IS NULL OR handled_at >= created_at)
);
CREATE INDEX entry_report_service_idx ON entry_report (service_id, created_at);
CREATE INDEX entry_report_handled_idx ON entry_report (handled_at) WHERE handled_at IS NOT NULL;

-- A report is about an entry the public can see: not a defunct one.
CREATE FUNCTION entry_report_entry_exists() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM service s WHERE s.id = NEW.service_id AND s.status <> 'defunct') THEN
    RAISE EXCEPTION 'entry_report: no public entry %', NEW.service_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER entry_report_entry_exists BEFORE INSERT ON entry_report
  FOR EACH ROW EXECUTE FUNCTION entry_report_entry_exists();

-- May the scope see (and handle) reports about this entry? The entry's owner decides.
CREATE FUNCTION app_report_visible(s uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT app_scope() IN ('admin', 'coordination', 'centre')
     AND app_centre_visible((SELECT sv.centre_id FROM service sv WHERE sv.id = s))
$$;

ALTER TABLE entry_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE entry_report FORCE ROW LEVEL SECURITY;

CREATE POLICY staff_read ON entry_report FOR SELECT
  USING (app_report_visible(service_id));
CREATE POLICY staff_handle ON entry_report FOR UPDATE
  USING (app_report_visible(service_id))
  WITH CHECK (app_report_visible(service_id) AND handled_at IS NOT NULL);
CREATE POLICY public_insert ON entry_report FOR INSERT
  WITH CHECK (app_scope() = 'auth' AND handled_at IS NULL AND handled_by IS NULL);

CREATE POLICY retention_read ON entry_report FOR SELECT USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON entry_report FOR DELETE USING (app_scope() = 'retention');
CREATE POLICY only_retention_deletes ON entry_report AS RESTRICTIVE FOR DELETE USING (app_scope() = 'retention');

GRANT SELECT, INSERT, DELETE ON entry_report TO schutznetz_app;
GRANT UPDATE (handled_at, handled_by) ON entry_report TO schutznetz_app;
