-- Scheduled jobs (ADR 016): one row per job the application defines, shared
-- by every instance on this database. The row is the job's whole state, so
-- a restart loses nothing and a job that fell due while every instance was
-- down is found due at the next start.
--
-- An instance runs a job only after claiming it: one UPDATE that succeeds
-- only while the job is due and nobody holds an unexpired lease. Row locking
-- makes a second instance's concurrent UPDATE re-check the row after the
-- first commits and find it leased, so each due time runs once. A run whose
-- instance died or hangs keeps its lease until lease_until; then any
-- instance may claim the job again.
--
-- All times are written by the application from its clock (tests drive a
-- fake one); none is taken from now() here.
--
-- No row-level security: the table holds no centre's data and nothing about
-- any person — job names, times, outcomes and the class of the last error
-- (never its message, which may quote data).
CREATE TABLE scheduled_job (
  name             text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$' AND length(name) <= 64),
  -- The definition's schedule as last seen ("every 15m", "cron 0 3 * * * Europe/Berlin"): a change
  -- in the code moves next_run_at to the new schedule.
  schedule         text NOT NULL CHECK (length(schedule) BETWEEN 1 AND 200),
  next_run_at      timestamptz NOT NULL,
  -- Failed runs since the last success; the retry delay grows with it.
  failures         integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  -- The claim of the run in progress: a fresh id per run, who holds it (host and process, for
  -- `schutznetz jobs list`) and until when.
  lease_id         uuid,
  leased_by        text CHECK (length(leased_by) <= 200),
  lease_until      timestamptz,
  last_started_at  timestamptz,
  last_finished_at timestamptz,
  last_outcome     text CHECK (last_outcome IN ('ok', 'failed')),
  last_error       text CHECK (length(last_error) <= 300),
  CHECK ((lease_id IS NULL) = (lease_until IS NULL) AND (lease_id IS NULL) = (leased_by IS NULL))
);

-- The application registers new jobs (INSERT), claims and finishes runs
-- (UPDATE) and lists them (SELECT). A job that is no longer defined keeps its
-- row and is ignored; removing rows stays the owner's.
GRANT SELECT, INSERT, UPDATE ON scheduled_job TO schutznetz_app;
