-- Which second factor completed a sign-in (checklist #1: "passkeys for
-- admins"). Administrators get full access only from a session completed
-- with a passkey; one completed with a TOTP code or a recovery code may only
-- add a passkey. NULL on password-stage sessions, and on full sessions from
-- before this migration: the code treats an unknown factor as "not a
-- passkey", so an administrator signed in before the upgrade is asked for a
-- passkey instead of being let through.
ALTER TABLE user_session ADD COLUMN second_factor text
  CHECK (second_factor IN ('totp', 'recovery_code', 'passkey'));
ALTER TABLE user_session ADD CONSTRAINT user_session_factor_only_when_full
  CHECK (stage = 'full' OR second_factor IS NULL);
