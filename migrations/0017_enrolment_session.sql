-- An administrator registers the first passkey only while enrolling (the
-- invitation, or the operator's reset link): redeeming the link opens a
-- short 'enrolment' session that may do nothing but add that passkey. A
-- sign-in completed with a TOTP code or a recovery code no longer opens
-- anything for an administrator, so a phished password and one code are
-- not enough to plant an attacker's passkey.
ALTER TABLE user_session DROP CONSTRAINT user_session_second_factor_check;
ALTER TABLE user_session ADD CONSTRAINT user_session_second_factor_check
  CHECK (second_factor IN ('totp', 'recovery_code', 'passkey', 'enrolment'));
