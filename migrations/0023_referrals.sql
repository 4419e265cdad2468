-- Secure referrals (ADR 032): a professional (Jugendamt, refugee counselling,
-- reception centre, …) refers a person to a counselling centre through a
-- public form. Everything about the sender and the person is ONE encrypted
-- payload; the database keeps in clear only what the inbox, the reminders
-- and the status page need (status, urgency, dates, the forwarding consent,
-- a fixed decline reason code) and a hash of the receipt code.
--
-- Three key levels (src/features/referrals/crypto.ts):
--   KEK (app.keys.encryption, outside the database)
--     wraps each centre's key   → referral_centre_key.wrapped_key
--       which wraps a fresh data key per referral → referral.wrapped_key
--         which encrypts the payload               → referral.payload
--
-- Scopes (app.scope, src/platform/db/tenant.ts):
-- * 'centre' — the receiving centre's lead and counsellors read and update
--   their own centre's referrals only. They may move a referral to another
--   centre only as a forwarding the person consented to (WITH CHECK below).
-- * 'admin' and 'coordination' see NO referral row at all: the policies
--   below name the centre scope, never app_centre_visible().
-- * 'intake' — the public form: inserts a new referral (status received)
--   for any centre with an active member, reads centres' key rows (and
--   creates one on first need), reads the recipients of the notification
--   mail. It reads no referral, not even the one it wrote.
-- * 'receipt' — the status page: reads only the referral whose receipt-code
--   hash the visitor presented (app.receipt_hashes), and its history.
-- * 'retention' — the scheduled jobs; the only scope that deletes.
--
-- No SECURITY DEFINER function: the recipients list below is kept by a
-- trigger running with the writer's own rights.

-- The referral a centre is forwarding in this transaction (see centre_update below).
CREATE FUNCTION app_forwarding() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.forwarding', true), '')::uuid $$;

CREATE FUNCTION app_receipt_hashes() RETURNS text[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('app.receipt_hashes', true), ''), ','), '{}'::text[])
$$;

-- Level 2: each centre's referral key, wrapped by the KEK (AAD binds centre and version).
CREATE TABLE referral_centre_key (
  centre_id   uuid NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
  version     integer NOT NULL CHECK (version BETWEEN 1 AND 1000000),
  wrapped_key text NOT NULL CHECK (char_length(wrapped_key) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (centre_id, version)
);

CREATE TABLE referral (
  id                 uuid PRIMARY KEY,
  centre_id          uuid NOT NULL REFERENCES centre (id),
  status             text NOT NULL CHECK (status IN ('received', 'accepted', 'forwarded', 'declined', 'closed')),
  -- In clear so the inbox can sort and the reminders can nag without opening anything.
  urgency            text NOT NULL CHECK (urgency IN ('immediate', 'days', 'no_rush')),
  -- Asked at sending; the database refuses a forwarding without it.
  forwarding_consent boolean NOT NULL,
  -- The centre that forwarded it here, if any.
  forwarded_from     uuid REFERENCES centre (id),
  -- Level 3: AES-256-GCM of the JSON payload under the referral's own data key.
  payload            text NOT NULL CHECK (char_length(payload) BETWEEN 1 AND 60000),
  -- The data key, wrapped by the centre's key of this version.
  wrapped_key        text NOT NULL CHECK (char_length(wrapped_key) BETWEEN 1 AND 200),
  centre_key_version integer NOT NULL,
  -- HMAC-SHA256 of the receipt code under the server key; never the code.
  receipt_hash       text NOT NULL UNIQUE CHECK (receipt_hash ~ '^[0-9a-f]{64}$'),
  -- A code from a fixed list (shown to the sender on the status page); free text goes in decline_note, encrypted.
  decline_reason     text CHECK (decline_reason IN ('no_capacity', 'not_responsible', 'language', 'region',
                                                    'unreachable', 'other')),
  decline_note       text CHECK (char_length(decline_note) BETWEEN 1 AND 8000),
  created_at         timestamptz NOT NULL,
  status_changed_at  timestamptz NOT NULL,
  closed_at          timestamptz,
  reminded_at        timestamptz,
  FOREIGN KEY (centre_id, centre_key_version) REFERENCES referral_centre_key (centre_id, version),
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
  CHECK (decline_note IS NULL OR decline_reason IS NOT NULL),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (status_changed_at >= created_at)
);
CREATE INDEX referral_centre_idx ON referral (centre_id, status, created_at);

-- The timeline: what happened when, never any content.
CREATE TABLE referral_status_event (
  id          uuid PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referral (id) ON DELETE CASCADE,
  status      text NOT NULL CHECK (status IN ('received', 'accepted', 'forwarded', 'declined', 'closed')),
  at          timestamptz NOT NULL
);
CREATE INDEX referral_status_event_idx ON referral_status_event (referral_id, at);
-- A referral is received once.
CREATE UNIQUE INDEX referral_status_event_received ON referral_status_event (referral_id) WHERE status = 'received';

-- Who gets the "a referral waits" mail, and which centres the form offers:
-- the active (enrolled, not disabled) leads and counsellors. A table of its
-- own so the public intake reads an address and a centre, never an account
-- row with its password hash and TOTP ciphertext. A trigger keeps it in
-- step with app_user, with the rights of whoever changes the account; the
-- policy lets a row in only when it says what the account row says.
CREATE TABLE referral_recipient (
  user_id   uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
  centre_id uuid NOT NULL REFERENCES centre (id) ON DELETE CASCADE,
  email     text NOT NULL CHECK (length(email) BETWEEN 3 AND 254)
);
CREATE INDEX referral_recipient_centre_idx ON referral_recipient (centre_id);

CREATE FUNCTION referral_recipient_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.role, OLD.centre_id, OLD.email, OLD.disabled_at IS NULL, OLD.mfa_enrolled_at IS NULL)
                          IS NOT DISTINCT FROM
                          (NEW.role, NEW.centre_id, NEW.email, NEW.disabled_at IS NULL, NEW.mfa_enrolled_at IS NULL) THEN
    RETURN NULL;
  END IF;
  DELETE FROM referral_recipient WHERE user_id = NEW.id;
  IF NEW.role IN ('centre_lead', 'counsellor') AND NEW.disabled_at IS NULL AND NEW.mfa_enrolled_at IS NOT NULL THEN
    INSERT INTO referral_recipient (user_id, centre_id, email) VALUES (NEW.id, NEW.centre_id, NEW.email);
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER referral_recipient_sync AFTER INSERT OR UPDATE OF role, centre_id, email, disabled_at, mfa_enrolled_at
  ON app_user FOR EACH ROW EXECUTE FUNCTION referral_recipient_sync();

-- Seeded before its walls go up; app_user's RLS is forced for the owner too, hence the scope.
SELECT set_config('app.scope', 'admin', true);
INSERT INTO referral_recipient (user_id, centre_id, email)
  SELECT id, centre_id, email FROM app_user
  WHERE role IN ('centre_lead', 'counsellor') AND disabled_at IS NULL AND mfa_enrolled_at IS NOT NULL;
SELECT set_config('app.scope', '', true);

ALTER TABLE referral_centre_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_centre_key FORCE ROW LEVEL SECURITY;
ALTER TABLE referral ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral FORCE ROW LEVEL SECURITY;
ALTER TABLE referral_status_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_status_event FORCE ROW LEVEL SECURITY;
ALTER TABLE referral_recipient ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_recipient FORCE ROW LEVEL SECURITY;

-- Centre keys: the intake encrypts for any centre, a centre re-encrypts for
-- the centre it forwards to; each creates a centre's first key. Nobody
-- changes or deletes one (a KEK rotation is an operator's command).
CREATE POLICY key_read ON referral_centre_key FOR SELECT
  USING (app_scope() IN ('intake', 'centre'));
CREATE POLICY key_create ON referral_centre_key FOR INSERT
  WITH CHECK (app_scope() IN ('intake', 'centre'));

CREATE POLICY centre_read ON referral FOR SELECT
  USING (app_scope() = 'centre' AND centre_id = app_centre_id());
-- Forwarding moves the row: allowed only with the person's consent, only
-- as status 'forwarded' (the receiving centre then accepts or declines),
-- and only in a transaction that names the referral (app.forwarding, set by
-- the centre scope's `forwarding`). PostgreSQL checks an UPDATE's new row
-- against the SELECT policies too, so that transaction, and no other, may
-- see the row it has just handed over.
CREATE POLICY centre_update ON referral FOR UPDATE
  USING (app_scope() = 'centre' AND centre_id = app_centre_id())
  WITH CHECK (app_scope() = 'centre'
              AND (centre_id = app_centre_id()
                   OR (status = 'forwarded' AND forwarding_consent AND forwarded_from = app_centre_id()
                       AND id = app_forwarding())));
CREATE POLICY forwarding_read ON referral FOR SELECT
  USING (app_scope() = 'centre' AND id = app_forwarding() AND forwarded_from = app_centre_id()
         AND status = 'forwarded');
CREATE POLICY intake_insert ON referral FOR INSERT
  WITH CHECK (app_scope() = 'intake' AND status = 'received' AND decline_reason IS NULL AND decline_note IS NULL
              AND closed_at IS NULL AND reminded_at IS NULL AND forwarded_from IS NULL);
CREATE POLICY receipt_read ON referral FOR SELECT
  USING (app_scope() = 'receipt' AND receipt_hash = ANY (app_receipt_hashes()));
CREATE POLICY retention_read ON referral FOR SELECT USING (app_scope() = 'retention');
CREATE POLICY retention_delete ON referral FOR DELETE USING (app_scope() = 'retention');
CREATE POLICY only_retention_deletes ON referral AS RESTRICTIVE FOR DELETE USING (app_scope() = 'retention');

-- History rows follow their referral's visibility in the scope at hand.
CREATE POLICY follows_referral ON referral_status_event FOR SELECT
  USING (app_scope() IN ('centre', 'receipt', 'retention') AND referral_id IN (SELECT r.id FROM referral r));
CREATE POLICY event_append ON referral_status_event FOR INSERT
  WITH CHECK ((app_scope() = 'intake' AND status = 'received')
              OR (app_scope() = 'centre' AND status <> 'received'
                  AND referral_id IN (SELECT r.id FROM referral r WHERE r.centre_id = app_centre_id())));
CREATE POLICY retention_delete ON referral_status_event FOR DELETE USING (app_scope() = 'retention');
CREATE POLICY only_retention_deletes ON referral_status_event AS RESTRICTIVE FOR DELETE
  USING (app_scope() = 'retention');

-- Recipients: the intake reads them; whoever may see an account keeps its row in step.
CREATE POLICY intake_read ON referral_recipient FOR SELECT USING (app_scope() = 'intake');
CREATE POLICY follows_account ON referral_recipient FOR ALL
  USING (EXISTS (SELECT 1 FROM app_user u WHERE u.id = user_id))
  WITH CHECK (EXISTS (SELECT 1 FROM app_user u
                      WHERE u.id = user_id AND u.centre_id = referral_recipient.centre_id
                        AND u.email = referral_recipient.email AND u.role IN ('centre_lead', 'counsellor')
                        AND u.disabled_at IS NULL AND u.mfa_enrolled_at IS NOT NULL));

-- The intake names the centre it sends to; the status page the referral's current centre.
CREATE POLICY intake_read ON centre FOR SELECT
  USING (app_scope() = 'intake' AND id IN (SELECT rr.centre_id FROM referral_recipient rr));
CREATE POLICY receipt_read ON centre FOR SELECT
  USING (app_scope() = 'receipt' AND id IN (SELECT r.centre_id FROM referral r));

-- The intake records each received referral in the network chain (the random id only) and queues the mail.
CREATE OR REPLACE FUNCTION app_audit_writable(c uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT app_centre_visible(c)
      OR (app_scope() IN ('auth', 'account', 'intake') AND c IS NULL)
      OR (app_scope() = 'account' AND c = (SELECT u.centre_id FROM app_user u WHERE u.id = app_user_id()))
$$;
ALTER POLICY scoped_insert ON outbox_mail
  WITH CHECK (app_scope() IN ('admin', 'coordination', 'centre', 'account', 'auth', 'intake'));

GRANT SELECT, INSERT ON referral_centre_key TO schutznetz_app;
GRANT SELECT, INSERT, DELETE ON referral TO schutznetz_app;
GRANT UPDATE (centre_id, forwarded_from, status, status_changed_at, closed_at, reminded_at, decline_reason, decline_note, payload,
              wrapped_key, centre_key_version) ON referral TO schutznetz_app;
GRANT SELECT, INSERT, DELETE ON referral_status_event TO schutznetz_app;
GRANT SELECT, INSERT, DELETE ON referral_recipient TO schutznetz_app;
