-- The audit log's flood guard for events a visitor can repeat at will:
-- attempts while locked out, refused cross-site forms, reads of the audit
-- log and of account pages, re-authentications, address-change requests.
-- Per guard key and time window it counts how many such events happened;
-- the first of a window is written to the audit log, the later ones only
-- counted (and written again at the 10th, 100th, 1000th … with the count
-- so far), so a script hammering one of them leaves a handful of rows.
--
-- The key is an HMAC under the server key of what the guard groups by
-- (event, account id, route pattern …), so the table holds no id, address
-- or route in clear. No centre column and nothing about a person: no
-- row-level security, like auth_throttle. Rows older than a day are removed
-- by the application when it opens a new window.
CREATE TABLE audit_flood_guard (
  key          text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
  window_start timestamptz NOT NULL,
  events       integer NOT NULL CHECK (events > 0)
);
CREATE INDEX audit_flood_guard_window ON audit_flood_guard (window_start);

GRANT SELECT, INSERT, UPDATE, DELETE ON audit_flood_guard TO schutznetz_app;
