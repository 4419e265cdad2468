-- One-off facts about this installation, e.g. that demo content was offered
-- once: an operator who removed it must not get it back at the next start.
CREATE TABLE platform_flag (
  name   text PRIMARY KEY CHECK (name ~ '^[a-z_]{1,64}$'),
  set_at timestamptz NOT NULL DEFAULT now()
);
