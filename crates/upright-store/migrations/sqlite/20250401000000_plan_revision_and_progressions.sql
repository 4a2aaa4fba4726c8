-- Plan edits are read-modify-writes: `revision` counts the edits of a plan so
-- that an edit made from a stale read is refused (and retried) instead of
-- silently overwriting a concurrent one.
ALTER TABLE plans ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);

-- Graduations and regressions are plan changes too (they become the current
-- exercise until the next change). SQLite cannot alter a CHECK: rebuild.
CREATE TABLE plan_changes_new (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL,
    plan_id       INTEGER NOT NULL,
    date          TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind          TEXT    NOT NULL CHECK (kind IN ('swap', 'exclude', 'graduate', 'regress')),
    from_exercise TEXT    NOT NULL CHECK (length(from_exercise) BETWEEN 1 AND 100),
    to_exercise   TEXT    NULL CHECK (length(to_exercise) BETWEEN 1 AND 100),
    created_at    TEXT    NOT NULL,
    CHECK (kind = 'exclude' OR to_exercise IS NOT NULL),
    FOREIGN KEY (plan_id, user_id) REFERENCES plans (id, user_id) ON DELETE CASCADE
);
INSERT INTO plan_changes_new SELECT id, user_id, plan_id, date, kind, from_exercise, to_exercise, created_at FROM plan_changes;
DROP TABLE plan_changes;
ALTER TABLE plan_changes_new RENAME TO plan_changes;
CREATE INDEX plan_changes_user_plan ON plan_changes (user_id, plan_id);
