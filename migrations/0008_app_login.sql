-- The application may log in as schutznetz_app itself (docs/security.md,
-- section 9): the operator applies migrations as the owner with
-- `schutznetz migrate`, and the application, started with
-- MIGRATE_ON_START=false, only checks that nothing is pending. That check
-- reads the bookkeeping table migrate.ts keeps (names and checksums of the
-- applied files, nothing about anyone) — read only: recording a migration
-- stays the owner's.
GRANT SELECT ON schema_migration TO schutznetz_app;
