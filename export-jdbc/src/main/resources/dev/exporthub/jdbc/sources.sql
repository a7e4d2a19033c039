-- Export Hub: the conventional layout of operational records (docs/SPECIFICATION.md §2.5).
-- One table per source, named like its data file with _; one column per field of §2.3 in snake
-- case, plus tenant_id, facility_id, related_ids (a jsonb array of ids) and attributes (a jsonb
-- object). Instants are timestamptz (microseconds). Ids are COLLATE "C", the order the hub sorts
-- by. Idempotent: run it again and nothing changes. `exporthub db init` and JdbcSchema.create run it.
-- Columns without NOT NULL may still not hold NULL where the field is required: such a row is
-- reported as invalid data (table, id, column) when exported.

CREATE TABLE IF NOT EXISTS audit_findings (
  audit_finding_id text COLLATE "C" PRIMARY KEY,
  severity text,
  category text,
  status text,
  description text,
  found_at timestamptz NOT NULL,
  resolved_at timestamptz,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS audit_findings_by_tenant ON audit_findings (tenant_id, found_at, audit_finding_id);
CREATE INDEX IF NOT EXISTS audit_findings_by_facility ON audit_findings (tenant_id, facility_id, found_at, audit_finding_id);

CREATE TABLE IF NOT EXISTS drift_events (
  drift_id text COLLATE "C" PRIMARY KEY,
  severity text,
  category text,
  detected_at timestamptz NOT NULL,
  resolved_at timestamptz,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS drift_events_by_tenant ON drift_events (tenant_id, detected_at, drift_id);
CREATE INDEX IF NOT EXISTS drift_events_by_facility ON drift_events (tenant_id, facility_id, detected_at, drift_id);

CREATE TABLE IF NOT EXISTS alerts (
  alert_id text COLLATE "C" PRIMARY KEY,
  severity text,
  category text,
  status text,
  created_at timestamptz NOT NULL,
  resolved_at timestamptz,
  sla_deadline timestamptz,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS alerts_by_tenant ON alerts (tenant_id, created_at, alert_id);
CREATE INDEX IF NOT EXISTS alerts_by_facility ON alerts (tenant_id, facility_id, created_at, alert_id);

CREATE TABLE IF NOT EXISTS tasks (
  task_id text COLLATE "C" PRIMARY KEY,
  priority text,
  status text,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  sla_deadline timestamptz,
  assigned_to text,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS tasks_by_tenant ON tasks (tenant_id, created_at, task_id);
CREATE INDEX IF NOT EXISTS tasks_by_facility ON tasks (tenant_id, facility_id, created_at, task_id);

CREATE TABLE IF NOT EXISTS operator_metrics (
  metric_id text COLLATE "C" PRIMARY KEY,
  operator_id text,
  operator_name text,
  utilization_rate double precision,
  task_completion_rate double precision,
  sla_compliance_rate double precision,
  recorded_at timestamptz NOT NULL,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS operator_metrics_by_tenant ON operator_metrics (tenant_id, recorded_at, metric_id);
CREATE INDEX IF NOT EXISTS operator_metrics_by_facility ON operator_metrics (tenant_id, facility_id, recorded_at, metric_id);

CREATE TABLE IF NOT EXISTS real_time_signals (
  signal_id text COLLATE "C" PRIMARY KEY,
  metric text,
  "value" double precision,
  unit text,
  severity text,
  "timestamp" timestamptz NOT NULL,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS real_time_signals_by_tenant ON real_time_signals (tenant_id, "timestamp", signal_id);
CREATE INDEX IF NOT EXISTS real_time_signals_by_facility ON real_time_signals (tenant_id, facility_id, "timestamp", signal_id);

CREATE TABLE IF NOT EXISTS capacity_projections (
  projection_id text COLLATE "C" PRIMARY KEY,
  category text,
  projected_capacity double precision,
  risk_level text,
  window_start timestamptz NOT NULL,
  window_end timestamptz,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS capacity_projections_by_tenant ON capacity_projections (tenant_id, window_start, projection_id);
CREATE INDEX IF NOT EXISTS capacity_projections_by_facility ON capacity_projections (tenant_id, facility_id, window_start, projection_id);

CREATE TABLE IF NOT EXISTS schedules (
  schedule_id text COLLATE "C" PRIMARY KEY,
  total_slots integer,
  total_conflicts integer,
  critical_conflicts integer,
  average_capacity_utilization double precision,
  sla_risk_score double precision,
  created_at timestamptz NOT NULL,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS schedules_by_tenant ON schedules (tenant_id, created_at, schedule_id);
CREATE INDEX IF NOT EXISTS schedules_by_facility ON schedules (tenant_id, facility_id, created_at, schedule_id);

CREATE TABLE IF NOT EXISTS insights (
  insight_id text COLLATE "C" PRIMARY KEY,
  category text,
  severity text,
  summary text,
  metrics jsonb NOT NULL DEFAULT '{}',
  generated_at timestamptz NOT NULL,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS insights_by_tenant ON insights (tenant_id, generated_at, insight_id);
CREATE INDEX IF NOT EXISTS insights_by_facility ON insights (tenant_id, facility_id, generated_at, insight_id);

CREATE TABLE IF NOT EXISTS reports (
  report_id text COLLATE "C" PRIMARY KEY,
  category text,
  title text,
  sections_count integer,
  generated_at timestamptz NOT NULL,
  tenant_id text NOT NULL,
  facility_id text,
  related_ids jsonb NOT NULL DEFAULT '[]',
  attributes jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS reports_by_tenant ON reports (tenant_id, generated_at, report_id);
CREATE INDEX IF NOT EXISTS reports_by_facility ON reports (tenant_id, facility_id, generated_at, report_id);

-- Which tenants make up which federation: what tenants.json holds in a data directory.
CREATE TABLE IF NOT EXISTS federation_members (
  federation_id text NOT NULL,
  tenant_id text NOT NULL,
  PRIMARY KEY (federation_id, tenant_id)
);
