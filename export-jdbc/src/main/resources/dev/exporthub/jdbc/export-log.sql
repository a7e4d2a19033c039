-- The export log on PostgreSQL (docs/SPECIFICATION.md §7.6): the tables JdbcLogStore reads and
-- appends to, in the schema first on the search path. Idempotent: run it again after an upgrade.
-- Run it as the tables' owner (JdbcLogStore.createTables(DataSource) does, in one transaction);
-- the replicas then append as a writing role that holds only the grants below.
--
-- Grants for a writing role (every replica's), besides USAGE on the schema:
--   GRANT SELECT, INSERT ON export_log TO exporthub_writer;
--   GRANT SELECT, INSERT, UPDATE ON export_log_derived TO exporthub_writer;
-- A role that only reads (exporthub log ...) needs SELECT on both; without INSERT and UPDATE on
-- export_log_derived it rebuilds the summary in memory each time it starts.
-- Appends are serialised by pg_advisory_xact_lock, which needs no privilege.

-- One row per line of the log. position is the line number, from 1, gap-free as appended; line is
-- the entry exactly as the chain hashes it. appended_at is the server's clock, for operators only:
-- it is not covered by the chain (the entry's own timestamp is).
CREATE TABLE IF NOT EXISTS export_log (
  position    bigint      PRIMARY KEY CHECK (position >= 1),
  line        text        NOT NULL CHECK (strpos(line, E'\n') = 0 AND strpos(line, E'\r') = 0),
  appended_at timestamptz NOT NULL DEFAULT now()
);

-- Data derived from the lines (the log's summary of statistics and history), never trusted: the
-- log checks it against the lines before using it, so it may be updated, deleted or lost freely.
CREATE TABLE IF NOT EXISTS export_log_derived (
  name       text        PRIMARY KEY,
  content    bytea       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Lines are never rewritten. The trigger stops an UPDATE, DELETE or TRUNCATE by mistake or by a
-- role that was granted too much; an owner or superuser can drop it, so the chain, not the trigger,
-- is the evidence: log verify reports a row changed, deleted or inserted with the trigger gone.
CREATE OR REPLACE FUNCTION export_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the export log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Lines are never changed or removed; start a new log in another schema instead.';
END
$$;

CREATE OR REPLACE TRIGGER export_log_append_only
  BEFORE UPDATE OR DELETE ON export_log
  FOR EACH ROW EXECUTE FUNCTION export_log_refuse_change();

CREATE OR REPLACE TRIGGER export_log_no_truncate
  BEFORE TRUNCATE ON export_log
  FOR EACH STATEMENT EXECUTE FUNCTION export_log_refuse_change();
