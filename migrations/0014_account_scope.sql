-- The 'auth' scope no longer reads every tenant's account tables (ADR 021).
--
-- Until now every flow before a session (sign-in, second factor, invitation,
-- password reset, e-mail change) and the session lookup of every staff
-- request ran in 'auth', which saw every password hash, TOTP ciphertext and
-- session of every centre and could append to every centre's audit chain.
--
-- 1. Session lookup goes through one narrowly granted path: the function
--    auth_session(text), owned by the role schutznetz_session_reader, which
--    may read only the columns a session check needs (no hash of anything)
--    and returns the one session whose token hash the caller presents.
-- 2. Every flow that knows whose account it works on runs in the new scope
--    'account', bound to what the visitor presented: the account's id
--    (app.user_id), an address (app.account_email) or a one-time link's token
--    hash (app.link_token). It sees that account's rows only, and appends to
--    that account's tenant's audit chain (or the network chain) only.
-- 3. 'auth' itself sees no account row at all; it may append to the network
--    chain (failed sign-ins with an unknown address) and add outgoing mail.
-- 4. The audit writer cannot be blocked by rows written behind its back: a
--    row must extend its chain's head (next sequence number, previous hash),
--    and inserting it moves the head in the same statement. A head moves in
--    no other way, so no row can sit past the head and take the slot the
--    next genuine entry needs.

CREATE FUNCTION app_user_id() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;

CREATE FUNCTION app_account_email() RETURNS text
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.account_email', true), '') $$;

CREATE FUNCTION app_link_token() RETURNS text
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.link_token', true), '') $$;

-- Is this row (by its user column) the account scope's own account's?
CREATE FUNCTION app_own_account(u uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT app_scope() = 'account' AND u = app_user_id() $$;

-- The account's own user row, found by id, address or link. A policy of its
-- own, for the application role only: its subqueries read the link tables,
-- which the session reader below must not need to be allowed to read.
ALTER POLICY tenant ON app_user
  USING (app_centre_visible(centre_id))
  WITH CHECK (app_centre_visible(centre_id));
CREATE POLICY account ON app_user TO schutznetz_app
  USING (app_scope() = 'account'
         AND (id = app_user_id()
              OR email = app_account_email()
              OR id IN (SELECT r.user_id FROM password_reset r WHERE r.token_hash = app_link_token())
              OR id IN (SELECT e.user_id FROM email_change e WHERE e.token_hash = app_link_token())))
  WITH CHECK (app_own_account(id));

ALTER POLICY tenant ON webauthn_credential
  USING (app_centre_visible(centre_id) OR app_own_account(user_id))
  WITH CHECK (app_centre_visible(centre_id) OR app_own_account(user_id));
ALTER POLICY tenant ON recovery_code
  USING (app_centre_visible(centre_id) OR app_own_account(user_id))
  WITH CHECK (app_centre_visible(centre_id) OR app_own_account(user_id));
ALTER POLICY tenant ON user_session
  USING (app_centre_visible(centre_id) OR app_own_account(user_id))
  WITH CHECK (app_centre_visible(centre_id) OR app_own_account(user_id));

ALTER POLICY tenant ON password_reset
  USING (app_centre_visible(centre_id)
         OR (app_scope() = 'account' AND (user_id = app_user_id() OR token_hash = app_link_token())))
  WITH CHECK (app_centre_visible(centre_id) OR app_own_account(user_id));
ALTER POLICY tenant ON email_change
  USING (app_centre_visible(centre_id)
         OR (app_scope() = 'account' AND (user_id = app_user_id() OR token_hash = app_link_token())))
  WITH CHECK (app_centre_visible(centre_id) OR app_own_account(user_id));

-- An invitation has no account yet: it belongs to its address.
ALTER POLICY tenant ON invitation
  USING (app_centre_visible(centre_id)
         OR (app_scope() = 'account' AND (email = app_account_email() OR token_hash = app_link_token())))
  WITH CHECK (app_centre_visible(centre_id) OR (app_scope() = 'account' AND email = app_account_email()));

-- Nobody before a session needs a centre's row.
ALTER POLICY tenant ON centre
  USING (app_centre_visible(id))
  WITH CHECK (app_scope() = 'admin');

-- Which audit chain may the transaction append to (and lock the head of)?
-- The account scope's tenant is read from its account row, never taken
-- from a setting the caller could get wrong.
CREATE FUNCTION app_audit_writable(c uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT app_centre_visible(c)
      OR (app_scope() IN ('auth', 'account') AND c IS NULL)
      OR (app_scope() = 'account' AND c = (SELECT u.centre_id FROM app_user u WHERE u.id = app_user_id()))
$$;
ALTER POLICY tenant_append ON audit_log
  WITH CHECK (app_audit_writable(centre_id));
ALTER POLICY tenant ON audit_chain_head
  USING (app_audit_writable(centre_id))
  WITH CHECK (app_audit_writable(centre_id));

ALTER POLICY scoped_insert ON outbox_mail
  WITH CHECK (app_scope() IN ('admin', 'coordination', 'centre', 'account', 'auth'));

-- Rows an earlier version let in past a head (appends then stepped over
-- them) become part of their chain: the head moves to the newest row, so
-- the check below does not find the next slot taken. `audit verify` keeps
-- naming such rows. Both tables' RLS is forced for the owner too.
SELECT set_config('app.scope', 'admin', true);
UPDATE audit_chain_head h SET seq = l.seq, hash = l.hash
  FROM (SELECT DISTINCT ON (chain) chain, seq, hash FROM audit_log ORDER BY chain, seq DESC) l
  WHERE l.chain = h.chain AND l.seq > h.seq;
SELECT set_config('app.scope', '', true);

CREATE FUNCTION audit_log_extends_head() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  SELECT seq, hash INTO head FROM audit_chain_head WHERE chain = NEW.chain FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_log: the chain % has no head this scope may move', NEW.chain
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.seq <> head.seq + 1 OR NEW.prev_hash <> head.hash THEN
    RAISE EXCEPTION 'audit_log: a row must extend the head of chain % (sequence number %)', NEW.chain, head.seq + 1
      USING ERRCODE = 'check_violation';
  END IF;
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_extends_head BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_extends_head();

-- A head starts at the genesis and moves one row at a time, only from the
-- trigger above (trigger depth 2): never back, never to another chain.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.seq <> 0 OR NEW.hash <> repeat('0', 64) THEN
      RAISE EXCEPTION 'audit_chain_head: a chain starts at its genesis' USING ERRCODE = 'check_violation';
    END IF;
  ELSIF pg_trigger_depth() < 2 OR NEW.chain <> OLD.chain OR NEW.centre_id IS DISTINCT FROM OLD.centre_id
        OR NEW.seq <> OLD.seq + 1 THEN
    RAISE EXCEPTION 'audit_chain_head: a head moves only with the row appended to its chain'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_chain_head_guard BEFORE INSERT OR UPDATE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();

-- The session lookup's own role: no login, no inheritance, reads only the
-- columns below. Created here where the migrating role may (the embedded
-- database, a superuser); otherwise the operator creates it first
-- (docs/security.md, section 9).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schutznetz_session_reader') THEN
    BEGIN
      CREATE ROLE schutznetz_session_reader NOLOGIN NOINHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE EXCEPTION 'The role schutznetz_session_reader does not exist, and % may not create it.', current_user
        USING HINT = 'As a PostgreSQL superuser run once: CREATE ROLE schutznetz_session_reader NOLOGIN NOINHERIT '
                     'NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE; GRANT schutznetz_session_reader TO '
                     || quote_ident(current_user) || ' WITH ADMIN OPTION; (docs/security.md, section 9).';
    END;
  END IF;
END
$$;
-- The migrating role must be able to hand the function to it.
GRANT schutznetz_session_reader TO CURRENT_USER;

GRANT USAGE ON SCHEMA public TO schutznetz_session_reader;
GRANT SELECT (token_hash, user_id, stage, csrf_secret, created_at, last_seen_at, reauth_at, second_factor)
  ON user_session TO schutznetz_session_reader;
GRANT SELECT (id, centre_id, role, disabled_at, display_name) ON app_user TO schutznetz_session_reader;
CREATE POLICY session_lookup ON user_session FOR SELECT TO schutznetz_session_reader USING (true);
CREATE POLICY session_lookup ON app_user FOR SELECT TO schutznetz_session_reader USING (true);

-- The one session whose token hash the caller holds, with what the request
-- needs to know about its user. Runs with its owner's rights: the only
-- SECURITY DEFINER function of the schema (src/platform/db/rls-bypass.test.ts).
CREATE FUNCTION auth_session(p_token_hash text)
RETURNS TABLE (
  user_id uuid, centre_id uuid, stage text, csrf_secret text, created_at timestamptz, last_seen_at timestamptz,
  reauth_at timestamptz, second_factor text, role text, disabled boolean, display_name text
)
LANGUAGE sql STABLE SECURITY DEFINER
-- The policies it passes call the helper functions of public by name; only
-- the owner may create objects there (docs/security.md, section 9).
SET search_path = public, pg_temp
AS $$
  SELECT s.user_id, u.centre_id, s.stage, s.csrf_secret, s.created_at, s.last_seen_at, s.reauth_at, s.second_factor,
         u.role, u.disabled_at IS NOT NULL, u.display_name
  FROM public.user_session s JOIN public.app_user u ON u.id = s.user_id
  WHERE s.token_hash = p_token_hash
$$;
REVOKE ALL ON FUNCTION auth_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session(text) TO schutznetz_app;
-- Changing a function's owner needs the new owner to be allowed to create in its schema, for that moment only.
GRANT CREATE ON SCHEMA public TO schutznetz_session_reader;
ALTER FUNCTION auth_session(text) OWNER TO schutznetz_session_reader;
REVOKE CREATE ON SCHEMA public FROM schutznetz_session_reader;
