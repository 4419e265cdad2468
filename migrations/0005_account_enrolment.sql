-- Account enrolment (issue 3): WebAuthn challenges and the name an invitation
-- suggests.

-- A WebAuthn ceremony's challenge lives on the server, bound to the session
-- that asked for it, for a few minutes and for one verification: the browser
-- only ever echoes it back signed. Keyed by the session's token hash (a
-- secret nobody else knows), so no other session can use or even find it;
-- ending the session removes it. No centre column, so no tenant policy: a
-- challenge is a random nonce that reveals nothing about anyone.
CREATE TABLE webauthn_challenge (
  session_hash text NOT NULL REFERENCES user_session (token_hash) ON DELETE CASCADE,
  purpose      text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  user_id      uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  challenge    text NOT NULL CHECK (challenge ~ '^[A-Za-z0-9_-]{43}$'),
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (session_hash, purpose)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON webauthn_challenge TO schutznetz_app;

-- The display name the inviter (or `schutznetz users create-admin --name`)
-- suggests; the invitee confirms or changes it when accepting.
ALTER TABLE invitation ADD COLUMN display_name text CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 200);
