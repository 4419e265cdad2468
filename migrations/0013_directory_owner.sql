-- The public directory gets its second wall (ADR 021). Until now every
-- directory table was writable from any scope: a bug in a centre's request
-- could change another centre's phone number or web address, and a draft
-- could name any service.
--
-- 1. Every directory row carries the centre that maintains it (centre_id,
--    NULL for entries no centre maintains). A service's owner is written
--    explicitly; the rows that hang off a service (or a location, or a
--    phone) take their parent's owner in a BEFORE trigger, whatever the
--    writer put in, and follow it when the service changes hands. A
--    location has no parent at insert time: the writer names its owner,
--    and linking it to a service of another owner is refused.
-- 2. Row-level security, forced: everyone reads everything (the directory is
--    public), but only two scopes write:
--      'import'       the operator's bulk writes (CLI `directory import`,
--                     `directory clear-demo`, the demo content): every row;
--      'coordination' publishing a reviewed draft, with app.centre_id set to
--                     the draft's centre: that centre's rows only.
--    Organisations are shared between services and written by the import only.
-- 3. A centre links only a service it owns, and a pending draft must name the
--    service its centre owns.

ALTER TABLE service ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
-- One entry per centre, and the pair the centre's link points at.
CREATE UNIQUE INDEX service_one_per_centre ON service (centre_id) WHERE centre_id IS NOT NULL;
ALTER TABLE service ADD CONSTRAINT service_id_centre_id_key UNIQUE (id, centre_id);

ALTER TABLE location ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
ALTER TABLE address ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
ALTER TABLE service_at_location ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
ALTER TABLE phone ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
ALTER TABLE language ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
ALTER TABLE schedule ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
ALTER TABLE service_area ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;
ALTER TABLE attribute ADD COLUMN centre_id uuid REFERENCES centre (id) ON DELETE SET NULL;

-- The existing links become ownership. The centre table's RLS is forced for
-- the owner too, so it is read in the admin scope (reset below: the
-- migrations share one transaction).
SELECT set_config('app.scope', 'admin', true);
UPDATE service s SET centre_id = c.id FROM centre c WHERE c.service_id = s.id;
SELECT set_config('app.scope', '', true);
UPDATE location l SET centre_id = s.centre_id
  FROM service_at_location x JOIN service s ON s.id = x.service_id
  WHERE x.location_id = l.id AND s.centre_id IS NOT NULL;
UPDATE address a SET centre_id = l.centre_id FROM location l WHERE l.id = a.location_id AND l.centre_id IS NOT NULL;
UPDATE service_at_location x SET centre_id = s.centre_id FROM service s WHERE s.id = x.service_id AND s.centre_id IS NOT NULL;
UPDATE phone p SET centre_id = s.centre_id FROM service s WHERE s.id = p.service_id AND s.centre_id IS NOT NULL;
UPDATE language g SET centre_id = s.centre_id FROM service s WHERE s.id = g.service_id AND s.centre_id IS NOT NULL;
UPDATE language g SET centre_id = p.centre_id FROM phone p WHERE p.id = g.phone_id AND p.centre_id IS NOT NULL;
UPDATE schedule x SET centre_id = s.centre_id FROM service s WHERE s.id = x.service_id AND s.centre_id IS NOT NULL;
UPDATE service_area x SET centre_id = s.centre_id FROM service s WHERE s.id = x.service_id AND s.centre_id IS NOT NULL;
UPDATE attribute x SET centre_id = s.centre_id FROM service s WHERE s.id = x.link_id AND s.centre_id IS NOT NULL;

-- A centre's link to its entry must point at a service the centre owns.
ALTER TABLE centre DROP CONSTRAINT centre_service_id_fkey;
ALTER TABLE centre ADD CONSTRAINT centre_service_owned FOREIGN KEY (service_id, id)
  REFERENCES service (id, centre_id) ON DELETE SET NULL (service_id);

-- Rows below a service take its owner.
CREATE FUNCTION directory_owner_from_service() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- NULL for a phone of an organisation (no service): only the import writes those.
  NEW.centre_id := (SELECT s.centre_id FROM service s WHERE s.id = NEW.service_id);
  RETURN NEW;
END;
$$;
CREATE FUNCTION directory_owner_from_link() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.centre_id := (SELECT s.centre_id FROM service s WHERE s.id = NEW.link_id);
  RETURN NEW;
END;
$$;
CREATE FUNCTION directory_owner_from_location() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.centre_id := (SELECT l.centre_id FROM location l WHERE l.id = NEW.location_id);
  RETURN NEW;
END;
$$;
CREATE FUNCTION directory_owner_of_language() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.service_id IS NOT NULL THEN
    NEW.centre_id := (SELECT s.centre_id FROM service s WHERE s.id = NEW.service_id);
  ELSE
    NEW.centre_id := (SELECT p.centre_id FROM phone p WHERE p.id = NEW.phone_id);
  END IF;
  RETURN NEW;
END;
$$;
-- A service is offered at a location of the same owner only: otherwise a
-- centre's publication could show (and later delete) another centre's place.
CREATE FUNCTION directory_owner_of_service_at_location() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.centre_id := (SELECT s.centre_id FROM service s WHERE s.id = NEW.service_id);
  IF (SELECT l.centre_id FROM location l WHERE l.id = NEW.location_id) IS DISTINCT FROM NEW.centre_id THEN
    RAISE EXCEPTION 'location % and service % belong to different centres', NEW.location_id, NEW.service_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER phone_owner BEFORE INSERT OR UPDATE ON phone
  FOR EACH ROW EXECUTE FUNCTION directory_owner_from_service();
CREATE TRIGGER schedule_owner BEFORE INSERT OR UPDATE ON schedule
  FOR EACH ROW EXECUTE FUNCTION directory_owner_from_service();
CREATE TRIGGER service_area_owner BEFORE INSERT OR UPDATE ON service_area
  FOR EACH ROW EXECUTE FUNCTION directory_owner_from_service();
CREATE TRIGGER attribute_owner BEFORE INSERT OR UPDATE ON attribute
  FOR EACH ROW EXECUTE FUNCTION directory_owner_from_link();
CREATE TRIGGER address_owner BEFORE INSERT OR UPDATE ON address
  FOR EACH ROW EXECUTE FUNCTION directory_owner_from_location();
CREATE TRIGGER language_owner BEFORE INSERT OR UPDATE ON language
  FOR EACH ROW EXECUTE FUNCTION directory_owner_of_language();
CREATE TRIGGER service_at_location_owner BEFORE INSERT OR UPDATE ON service_at_location
  FOR EACH ROW EXECUTE FUNCTION directory_owner_of_service_at_location();

-- When a service changes hands (a centre is linked to it in the import
-- scope, or its centre is deleted), everything of the entry follows. Runs
-- with the writer's rights: rows the scope may not write stay as they are,
-- and a deleted centre's rows are cleared by their own foreign keys.
CREATE FUNCTION directory_service_owner_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE location SET centre_id = NEW.centre_id
    WHERE id IN (SELECT x.location_id FROM service_at_location x WHERE x.service_id = NEW.id);
  UPDATE address SET centre_id = NEW.centre_id
    WHERE location_id IN (SELECT x.location_id FROM service_at_location x WHERE x.service_id = NEW.id);
  UPDATE service_at_location SET centre_id = NEW.centre_id WHERE service_id = NEW.id;
  UPDATE phone SET centre_id = NEW.centre_id WHERE service_id = NEW.id;
  UPDATE language SET centre_id = NEW.centre_id
    WHERE service_id = NEW.id OR phone_id IN (SELECT p.id FROM phone p WHERE p.service_id = NEW.id);
  UPDATE schedule SET centre_id = NEW.centre_id WHERE service_id = NEW.id;
  UPDATE service_area SET centre_id = NEW.centre_id WHERE service_id = NEW.id;
  UPDATE attribute SET centre_id = NEW.centre_id WHERE link_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER service_owner_moved AFTER UPDATE OF centre_id ON service
  FOR EACH ROW WHEN (OLD.centre_id IS DISTINCT FROM NEW.centre_id)
  EXECUTE FUNCTION directory_service_owner_moved();

-- May the current transaction write a directory row of centre c?
CREATE FUNCTION app_directory_writable(c uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE app_scope()
    WHEN 'import' THEN true
    WHEN 'coordination' THEN c IS NOT NULL AND c = app_centre_id()
    ELSE false
  END
$$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organization', 'service', 'location', 'address', 'service_at_location', 'phone',
                           'language', 'schedule', 'service_area', 'attribute']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY public_read ON %I FOR SELECT USING (true)', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['service', 'location', 'address', 'service_at_location', 'phone', 'language',
                           'schedule', 'service_area', 'attribute']
  LOOP
    EXECUTE format('CREATE POLICY directory_write ON %I FOR ALL
                      USING (app_directory_writable(centre_id)) WITH CHECK (app_directory_writable(centre_id))', t);
  END LOOP;
END
$$;
CREATE POLICY import_write ON organization FOR ALL
  USING (app_scope() = 'import') WITH CHECK (app_scope() = 'import');

-- A draft proposes a change to its own centre's entry, nothing else: a
-- pending draft (new, or set back to pending) must name the service its
-- centre owns. Decided drafts keep whatever they named then.
CREATE POLICY draft_for_own_entry ON directory_draft AS RESTRICTIVE FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM service s
                      WHERE s.id = directory_draft.service_id AND s.centre_id = directory_draft.centre_id));
CREATE POLICY draft_stays_on_own_entry ON directory_draft AS RESTRICTIVE FOR UPDATE
  USING (true)
  WITH CHECK (status <> 'pending'
              OR EXISTS (SELECT 1 FROM service s
                         WHERE s.id = directory_draft.service_id AND s.centre_id = directory_draft.centre_id));
