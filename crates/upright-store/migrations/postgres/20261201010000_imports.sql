-- Imported histories (Strong, Hevy, upright's own export), exercise mappings
-- and the person's own catalog. Keep in step with migrations/sqlite/ (its
-- comments say why each column is there).

ALTER TABLE workouts ADD COLUMN import_source TEXT NULL CHECK (import_source IN ('strong', 'hevy'));
ALTER TABLE workouts ADD COLUMN started_at TEXT NULL CHECK (started_at ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$');
ALTER TABLE workouts ADD COLUMN name TEXT NULL CHECK (length(name) <= 1000);
ALTER TABLE workouts ADD COLUMN duration_s BIGINT NULL CHECK (duration_s BETWEEN 0 AND 100000000);
ALTER TABLE workouts ADD COLUMN notes TEXT NULL;
CREATE UNIQUE INDEX workouts_import ON workouts (user_id, import_source, started_at, name);

ALTER TABLE sets ADD COLUMN kind TEXT NOT NULL DEFAULT 'working' CHECK (kind IN ('working', 'warm-up', 'drop', 'failure'));
ALTER TABLE sets ADD COLUMN distance_m DOUBLE PRECISION NULL CHECK (distance_m BETWEEN 0 AND 1000000);
ALTER TABLE sets ADD COLUMN import_key BYTEA NULL CHECK (octet_length(import_key) = 16);
ALTER TABLE sets ADD COLUMN source_name TEXT NULL CHECK (length(source_name) BETWEEN 1 AND 1000);
ALTER TABLE sets ADD COLUMN source_key TEXT NULL CHECK (length(source_key) BETWEEN 1 AND 1000);
ALTER TABLE sets ADD COLUMN exercise_note TEXT NULL;
ALTER TABLE sets ADD COLUMN superset BIGINT NULL CHECK (superset >= 0);
-- A set may be a distance only (the initial table's unnamed check is sets_check).
ALTER TABLE sets DROP CONSTRAINT IF EXISTS sets_check;
ALTER TABLE sets ADD CONSTRAINT sets_what_check CHECK (reps IS NOT NULL OR hold_s IS NOT NULL OR distance_m IS NOT NULL);
DROP INDEX sets_workout_summary;
CREATE INDEX sets_workout_summary ON sets (workout_id, exercise_id, reps, rpe, load_kg, kind);
CREATE UNIQUE INDEX sets_user_import_key ON sets (user_id, import_key);
CREATE INDEX sets_user_source_key ON sets (user_id, source_key) WHERE source_key IS NOT NULL;

CREATE TABLE exercise_mappings (
    user_id     BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source_key  TEXT    NOT NULL CHECK (length(source_key) BETWEEN 1 AND 1000),
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 1000),
    exercise_id TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 100),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (user_id, source_key)
);

CREATE TABLE user_exercises (
    user_id       BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    exercise_id   TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 100),
    origin        TEXT    NOT NULL CHECK (length(origin) BETWEEN 1 AND 100),
    exercise_json TEXT    NOT NULL CHECK (exercise_json::jsonb IS NOT NULL),
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (user_id, exercise_id)
);
