-- Accounts, organisations, centres, sessions, audit log, outbox and directory
-- drafts, with tenant isolation by row-level security (ADR 011).
--
-- Tenant = centre. Every table with a centre_id column has RLS enabled and
-- FORCED, with USING and WITH CHECK on transaction-local settings that fail
-- closed: outside a scoped transaction nothing is visible or writable.
--   app.scope     'centre'  → rows of app.centre_id only
--                 'network' → all rows (platform administrators, coordination office)
--                 'auth'    → sign-in, invitation and reset flows before a session exists
--   app.centre_id the centre of the signed-in user (from the server-side session only)

-- The role the application runs its requests as. Not the owner, not a
-- superuser, no BYPASSRLS. Production connects as this role (after
-- `ALTER ROLE schutznetz_app LOGIN PASSWORD …`); on the embedded database and
-- when connected as an owner the application switches to it per transaction
-- with SET LOCAL ROLE.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schutznetz_app') THEN
    CREATE ROLE schutznetz_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
-- The connecting (owner) role must be able to SET ROLE to it.
GRANT schutznetz_app TO CURRENT_USER;

CREATE FUNCTION app_scope() RETURNS text
LANGUAGE sql STABLE AS $$ SELECT coalesce(nullif(current_setting('app.scope', true), ''), 'none') $$;

CREATE FUNCTION app_centre_id() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.centre_id', true), '')::uuid $$;

-- Can the current transaction see rows of centre c? NULL centre rows (network
-- staff, network audit chain) are visible to the network scope only.
CREATE FUNCTION app_centre_visible(c uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE app_scope()
    WHEN 'network' THEN true
    WHEN 'centre' THEN c IS NOT NULL AND c = app_centre_id()
    ELSE false
  END
$$;

CREATE TABLE member_organization (
  id              uuid PRIMARY KEY,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  is_coordination boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
-- Exactly one coordination office.
CREATE UNIQUE INDEX member_organization_one_coordination ON member_organization (is_coordination) WHERE is_coordination;

CREATE TABLE centre (
  id                     uuid PRIMARY KEY,
  member_organization_id uuid NOT NULL REFERENCES member_organization (id),
  name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  -- The centre's entry in the public directory (HSDS service), if any.
  service_id             uuid UNIQUE REFERENCES service (id) ON DELETE SET NULL,
  created_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id             uuid PRIMARY KEY,
  email          text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name   text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role           text NOT NULL CHECK (role IN ('admin', 'coordination', 'centre_lead', 'counsellor')),
  centre_id      uuid REFERENCES centre (id),
  password_hash  text,
  totp_secret    text,          -- field-encrypted (ADR 012)
  totp_last_step bigint,
  mfa_enrolled_at timestamptz,
  disabled_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((role IN ('centre_lead', 'counsellor')) = (centre_id IS NOT NULL))
);
CREATE UNIQUE INDEX app_user_email ON app_user (email);

CREATE TABLE webauthn_credential (
  id             text PRIMARY KEY,            -- base64url credential id
  user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  centre_id      uuid REFERENCES centre (id),
  public_key     bytea NOT NULL,
  counter        bigint NOT NULL DEFAULT 0,
  transports     text,
  name           text NOT NULL DEFAULT 'Passkey',
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_used_at   timestamptz
);
CREATE INDEX webauthn_credential_user ON webauthn_credential (user_id);

CREATE TABLE recovery_code (
  user_id   uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  centre_id uuid REFERENCES centre (id),
  idx       smallint NOT NULL CHECK (idx BETWEEN 0 AND 19),
  code_hash text NOT NULL,
  used_at   timestamptz,
  PRIMARY KEY (user_id, idx)
);

-- Sessions live in the database so several instances share them. The cookie
-- holds a random token; only its SHA-256 is stored.
CREATE TABLE user_session (
  token_hash     text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  centre_id      uuid REFERENCES centre (id),
  -- 'password' = first factor passed, waiting for the second; 'full' = signed in.
  stage          text NOT NULL CHECK (stage IN ('password', 'full')),
  csrf_secret    text NOT NULL,
  created_at     timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  reauth_at      timestamptz,
  user_agent     text
);
CREATE INDEX user_session_user ON user_session (user_id);

CREATE TABLE invitation (
  id          uuid PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  email       text NOT NULL CHECK (email = lower(email)),
  role        text NOT NULL CHECK (role IN ('admin', 'coordination', 'centre_lead', 'counsellor')),
  centre_id   uuid REFERENCES centre (id),
  invited_by  uuid REFERENCES app_user (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  CHECK ((role IN ('centre_lead', 'counsellor')) = (centre_id IS NOT NULL))
);

CREATE TABLE password_reset (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  centre_id  uuid REFERENCES centre (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);

-- Failed sign-in counters, per account and per client address, shared by all
-- instances. Keys are HMACs, never the address or e-mail in clear.
CREATE TABLE auth_throttle (
  key          text PRIMARY KEY,
  failures     integer NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL,
  locked_until timestamptz
);

-- Tamper-evident audit log: one HMAC chain per tenant (centre_id, or NULL for
-- the network chain). Append-only: the app role may insert and read, never
-- update or delete, and a trigger refuses both for everyone else too.
CREATE TABLE audit_log (
  chain       text NOT NULL,
  seq         bigint NOT NULL CHECK (seq >= 1),
  centre_id   uuid REFERENCES centre (id),
  at          timestamptz NOT NULL,
  actor_id    uuid,
  event       text NOT NULL CHECK (event ~ '^[a-z_.]{1,64}$'),
  object_type text,
  object_id   text,
  details     jsonb NOT NULL DEFAULT '{}',
  key_id      text NOT NULL,
  prev_hash   text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash        text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_log_centre_at ON audit_log (centre_id, at);

-- The head of each chain; writers lock it (FOR UPDATE) so appends to one
-- chain are serialised and the chain has no forks.
CREATE TABLE audit_chain_head (
  chain     text PRIMARY KEY,
  centre_id uuid REFERENCES centre (id),
  seq       bigint NOT NULL,
  hash      text NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Mail that could not be (or need not be) sent over SMTP. Holds one-time
-- links: readable by platform administrators only.
CREATE TABLE outbox_mail (
  id         uuid PRIMARY KEY,
  recipient  text NOT NULL,
  subject    text NOT NULL,
  body_text  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz,
  error      text
);

-- A centre's proposed change to its directory entry, waiting for review by
-- the coordination office.
CREATE TABLE directory_draft (
  id             uuid PRIMARY KEY,
  centre_id      uuid NOT NULL REFERENCES centre (id),
  service_id     uuid NOT NULL,
  entry          jsonb NOT NULL,
  status         text NOT NULL CHECK (status IN ('pending', 'returned', 'accepted', 'withdrawn')),
  submitted_by   uuid NOT NULL REFERENCES app_user (id),
  submitted_at   timestamptz NOT NULL,
  reviewed_by    uuid REFERENCES app_user (id),
  reviewed_at    timestamptz,
  review_comment text
);
-- One open draft per centre entry.
CREATE UNIQUE INDEX directory_draft_one_pending ON directory_draft (service_id) WHERE status = 'pending';

-- Row-level security on every table with a centre column.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['centre', 'app_user', 'webauthn_credential', 'recovery_code', 'user_session',
                           'invitation', 'password_reset', 'audit_log', 'audit_chain_head', 'directory_draft']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END
$$;

-- centre: its own id is the tenant key.
CREATE POLICY tenant ON centre
  USING (app_centre_visible(id) OR app_scope() = 'auth')
  WITH CHECK (app_scope() = 'network');

-- Accounts are looked up by e-mail before anyone is signed in ('auth').
CREATE POLICY tenant ON app_user
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

CREATE POLICY tenant ON webauthn_credential
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

CREATE POLICY tenant ON recovery_code
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

CREATE POLICY tenant ON user_session
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

CREATE POLICY tenant ON invitation
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

CREATE POLICY tenant ON password_reset
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

-- The audit log is written from every scope (sign-in failures happen before
-- a session exists) but only read within the tenant's own scope.
CREATE POLICY tenant_read ON audit_log FOR SELECT USING (app_centre_visible(centre_id));
CREATE POLICY tenant_append ON audit_log FOR INSERT
  WITH CHECK (app_centre_visible(centre_id) OR (app_scope() = 'auth'));
CREATE POLICY tenant ON audit_chain_head
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

CREATE POLICY tenant ON directory_draft
  USING (app_centre_visible(centre_id))
  WITH CHECK (app_centre_visible(centre_id));

-- Least privilege for the application role.
GRANT USAGE ON SCHEMA public TO schutznetz_app;
GRANT SELECT ON organization, service, location, address, service_at_location, phone, language,
  schedule, service_area, taxonomy, taxonomy_term, attribute, directory_revision, platform_flag TO schutznetz_app;
-- Accepting a reviewed draft publishes it into the directory.
GRANT INSERT, UPDATE, DELETE ON organization, service, location, address, service_at_location, phone,
  language, schedule, service_area, attribute TO schutznetz_app;
GRANT UPDATE ON directory_revision TO schutznetz_app;
GRANT SELECT ON member_organization TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE ON centre TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE ON app_user TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON webauthn_credential, recovery_code, user_session TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE ON invitation, password_reset TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_throttle TO schutznetz_app;
GRANT SELECT, INSERT ON audit_log TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE ON audit_chain_head TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE ON outbox_mail TO schutznetz_app;
GRANT SELECT, INSERT, UPDATE ON directory_draft TO schutznetz_app;
