package dev.exporthub.samples;

/** The fixed words the generator draws from. Order matters: changing it changes the data. */
final class Vocabulary {

  private Vocabulary() {}

  static final String[] LEVELS = {"critical", "high", "medium", "low"};
  /** Weights of {@link #LEVELS} for most sources: few critical items, many medium ones. */
  static final int[] LEVEL_WEIGHTS = {8, 22, 42, 28};

  static final String[] FIRST_NAMES = {
    "Amara", "Ben", "Chen", "Dana", "Elif", "Farah", "Gustavo", "Hana", "Ivan", "José",
    "Kofi", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quinn", "Rosa", "Sven", "Tomás",
    "Uma", "Viktor", "Wen", "Yusuf", "Zoë", "Ayşe", "Łukasz", "Ingrid", "Rahul", "Mei",
  };

  static final String[] LAST_NAMES = {
    "Adeyemi", "Bergström", "Castillo", "Dubois", "Eriksen", "Fischer", "García", "Hoang",
    "Ibrahim", "Jansen", "Kowalski", "Lindqvist", "Müller", "Nakamura", "O'Brien", "Petrov",
    "Quispe", "Rossi", "Schmidt", "Tanaka", "Usman", "Varga", "Wójcik", "Yılmaz", "Zhang",
  };

  static final String[] SHIFTS = {"day", "swing", "night"};
  static final String[] TEAMS = {"receiving", "quality", "maintenance", "dispatch", "cold-chain"};

  // Audit findings: category, control family, description templates ('#' is a number).
  static final String[] AUDIT_CATEGORIES = {
    "access-control", "data-retention", "change-management", "calibration",
    "documentation", "training", "backup-recovery", "physical-security",
  };
  static final String[] AUDIT_CONTROLS = {"AC", "DR", "CM", "CA", "DO", "TR", "BR", "PS"};
  static final String[][] AUDIT_DESCRIPTIONS = {
    {"Shared administrator account \"ops-admin\" used by # operators",
        "Badge access for a departed contractor not revoked after # days",
        "Quarterly access review not completed for # accounts"},
    {"Temperature logs purged # days before the retention period ended",
        "Backups kept for # days; the policy allows 365"},
    {"Firmware update on # controllers deployed without an approved change ticket",
        "Emergency change not reviewed within # business days"},
    {"Calibration of # temperature probes overdue\nLast certificate expired before the audit window",
        "Hygrometer drift of # %RH not recorded in the calibration log"},
    {"Deviation report missing the approver's signature (# pages reviewed)",
        "SOP \"Cold-chain receiving\" revision # not acknowledged by all operators"},
    {"# operators overdue on GxP refresher training",
        "Forklift certification expired for # operators"},
    {"Restore test not performed for # months",
        "Off-site backup copy # days older than the recovery point objective"},
    {"Loading dock door left open for # minutes outside operating hours",
        "CCTV coverage gap of # minutes at the main gate"},
  };
  static final String[] FRAMEWORKS = {"SOC 2", "ISO 27001", "21 CFR Part 11", "HIPAA", "GDPR", "EU GMP Annex 11"};

  // Environmental quantities shared by drift events: category, unit, baseline, sensor prefix.
  static final String[] DRIFT_CATEGORIES = {"temperature", "humidity", "pressure", "vibration", "power", "air-quality"};
  static final String[] DRIFT_UNITS = {"°C", "%RH", "Pa", "mm/s", "kW", "ppm"};
  static final double[] DRIFT_BASELINES = {4.0, 45.0, 15.0, 2.5, 120.0, 600.0};
  static final String[] DRIFT_SENSORS = {"ts", "rh", "dp", "vb", "pw", "aq"};

  // Real-time signals: metric, unit, baseline, spread, decimals, sensor prefix.
  static final String[] SIGNAL_METRICS = {
    "temperature", "humidity", "co2", "power-draw", "differential-pressure", "vibration",
    "door-open-time", "packet-error-rate",
  };
  static final String[] SIGNAL_UNITS = {"°C", "%RH", "ppm", "kW", "Pa", "mm/s", "s", "ratio"};
  static final double[] SIGNAL_BASELINES = {4.5, 45.0, 620.0, 118.0, 15.0, 2.4, 20.0, 0.0004};
  static final double[] SIGNAL_SPREADS = {0.6, 4.0, 60.0, 9.0, 1.5, 0.5, 10.0, 0.00015};
  static final int[] SIGNAL_DECIMALS = {2, 1, 0, 1, 2, 2, 0, 6};
  static final String[] SIGNAL_SENSORS = {"ts", "rh", "aq", "pw", "dp", "vb", "dr", "nw"};

  static final String[] ALERT_CATEGORIES = {"environmental", "equipment", "security", "compliance", "sla", "capacity"};
  static final String[] ALERT_SOURCES = {"drift-detector", "telemetry", "access-control", "audit-engine", "sla-monitor", "capacity-planner"};
  static final String[] ALERT_MESSAGES = {
    "Cold room # temperature above 8 °C",
    "Compressor # vibration above threshold",
    "# failed badge attempts at the server room",
    "Audit finding open for # days past target",
    "# tasks at risk of missing their SLA",
    "Storage zone # above 90 % of capacity",
  };
  static final String[] CHANNELS = {"email", "sms", "pager", "webhook"};
  /** SLA hours by {@link #LEVELS} index, for alerts and tasks. */
  static final long[] ALERT_SLA_HOURS = {1, 4, 24, 72};
  static final long[] TASK_SLA_HOURS = {4, 24, 72, 168};

  static final String[] WORKFLOWS = {"maintenance", "compliance", "incident-response", "operations"};
  static final String[][] TASK_TITLES = {
    {"Replace HEPA filter in room #", "Recalibrate humidity sensor #", "Inspect compressor on cold room #"},
    {"Remediate audit finding in zone #", "Update SOP section #", "Collect calibration certificates for # probes"},
    {"Investigate temperature excursion in cold room #", "Quarantine # pallets after excursion"},
    {"Cycle count zone #", "Restock packaging station #", "Reslot # fast-moving items"},
  };

  static final String[] CAPACITY_CATEGORIES = {"storage", "cold-storage", "compute", "labor", "dock-doors", "power"};
  static final String[] FORECAST_MODELS = {"linear-trend", "seasonal-naive", "holt-winters", "moving-average"};
  static final long[] HORIZON_DAYS = {7, 14, 30};

  static final String[] SCHEDULE_HORIZONS = {"shift", "daily", "weekly"};
  static final String[] PLANNERS = {"optimizer", "optimizer", "manual"};

  static final String[] INSIGHT_CATEGORIES = {"sla-performance", "compliance", "capacity", "workforce", "environmental", "operations"};

  static final String[] REPORT_CATEGORIES = {"compliance", "executive", "operational", "audit", "capacity", "sla"};
  static final String[] REPORT_FORMATS = {"pdf", "html", "xlsx"};
  static final String[] RECIPIENTS = {"compliance", "ops-lead", "quality", "cfo", "site-manager"};
  static final String[] MONTHS = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  };
}
