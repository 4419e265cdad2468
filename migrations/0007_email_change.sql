-- Pending changes of a user's sign-in address. The link goes to the NEW
-- address and only its SHA-256 is stored; the change happens when the link
-- is used (single use, 24 h). Same tenant policy shape as password_reset:
-- the confirmation link is opened before (or without) a session ('auth').
CREATE TABLE email_change (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id    uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  centre_id  uuid REFERENCES centre (id),
  new_email  text NOT NULL CHECK (new_email = lower(new_email) AND length(new_email) BETWEEN 3 AND 254),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX email_change_user ON email_change (user_id);

ALTER TABLE email_change ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_change FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant ON email_change
  USING (app_centre_visible(centre_id) OR app_scope() = 'auth')
  WITH CHECK (app_centre_visible(centre_id) OR app_scope() = 'auth');

GRANT SELECT, INSERT, UPDATE ON email_change TO schutznetz_app;
