-- Plan edits are read-modify-writes: `revision` counts the edits of a plan so
-- that an edit made from a stale read is refused (and retried) instead of
-- silently overwriting a concurrent one.
ALTER TABLE plans ADD COLUMN revision BIGINT NOT NULL DEFAULT 0 CHECK (revision >= 0);

-- Graduations and regressions are plan changes too.
ALTER TABLE plan_changes DROP CONSTRAINT IF EXISTS plan_changes_kind_check;
ALTER TABLE plan_changes DROP CONSTRAINT IF EXISTS plan_changes_check;
ALTER TABLE plan_changes ADD CONSTRAINT plan_changes_kind_check CHECK (kind IN ('swap', 'exclude', 'graduate', 'regress'));
ALTER TABLE plan_changes ADD CONSTRAINT plan_changes_to_check CHECK (kind = 'exclude' OR to_exercise IS NOT NULL);
