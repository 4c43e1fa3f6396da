-- Drift reports (issue 10). Portable SQL: the same file runs on H2 2.x and PostgreSQL.
-- Each drift still present, and since when: a report tells new drift from drift that persists.
CREATE TABLE drift_findings (
  finding_key VARCHAR(600) NOT NULL PRIMARY KEY,
  first_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What people decided about a drift from the report's buttons: snoozed until a time, or ignored.
-- Kept after the drift goes away, so that an ignored drift that comes back stays ignored.
CREATE TABLE drift_decisions (
  finding_key VARCHAR(600) NOT NULL PRIMARY KEY,
  decision    VARCHAR(16)  NOT NULL,
  until_at    TIMESTAMP WITH TIME ZONE,
  reason      VARCHAR(500),
  decided_by  VARCHAR(64)  NOT NULL,
  decided_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
