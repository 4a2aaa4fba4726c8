-- Imported histories (Strong, Hevy, upright's own export), exercise mappings
-- and the person's own catalog. Keep in step with migrations/postgres/.

-- An imported workout keeps what the app wrote: where from, its start (local
-- wall clock, `YYYY-MM-DD HH:MM:SS`: neither app writes a zone), name,
-- duration and notes. (user, source, start, name) finds it again on re-import;
-- NULLs are distinct, so logged workouts (import_source NULL) never collide.
ALTER TABLE workouts ADD COLUMN import_source TEXT NULL CHECK (import_source IN ('strong', 'hevy'));
ALTER TABLE workouts ADD COLUMN started_at TEXT NULL CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]');
ALTER TABLE workouts ADD COLUMN name TEXT NULL CHECK (length(name) <= 1000);
ALTER TABLE workouts ADD COLUMN duration_s INTEGER NULL CHECK (duration_s BETWEEN 0 AND 100000000);
ALTER TABLE workouts ADD COLUMN notes TEXT NULL;
CREATE UNIQUE INDEX workouts_import ON workouts (user_id, import_source, started_at, name);

-- Sets gain: the kind (warm-ups are kept but never feed progression), a
-- distance (a set may be a distance only), the import key (16 bytes; unique
-- per user, so a re-import inserts nothing twice), the exercise name as the
-- file wrote it and its matching key (unmapped names are `custom:<key>` until
-- `upright import map` re-points them), the block's note and Hevy's superset.
-- SQLite cannot alter a CHECK: rebuild the table.
CREATE TABLE sets_new (
    id            INTEGER PRIMARY KEY,
    workout_id    INTEGER NOT NULL,
    user_id       INTEGER NOT NULL,
    exercise_id   TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 100),
    set_index     INTEGER NOT NULL CHECK (set_index >= 1),
    reps          INTEGER NULL CHECK (reps BETWEEN 0 AND 10000),
    load_kg       REAL    NULL CHECK (load_kg BETWEEN -1000 AND 10000),
    hold_s        INTEGER NULL CHECK (hold_s BETWEEN 0 AND 86400),
    rpe           REAL    NULL CHECK (rpe BETWEEN 0 AND 10),
    note          TEXT    NULL,
    kind          TEXT    NOT NULL DEFAULT 'working' CHECK (kind IN ('working', 'warm-up', 'drop', 'failure')),
    distance_m    REAL    NULL CHECK (distance_m BETWEEN 0 AND 1000000),
    import_key    BLOB    NULL CHECK (length(import_key) = 16),
    source_name   TEXT    NULL CHECK (length(source_name) BETWEEN 1 AND 1000),
    source_key    TEXT    NULL CHECK (length(source_key) BETWEEN 1 AND 1000),
    exercise_note TEXT    NULL,
    superset      INTEGER NULL CHECK (superset >= 0),
    CHECK (reps IS NOT NULL OR hold_s IS NOT NULL OR distance_m IS NOT NULL),
    UNIQUE (workout_id, set_index),
    FOREIGN KEY (workout_id, user_id) REFERENCES workouts (id, user_id) ON DELETE CASCADE
);
INSERT INTO sets_new (id, workout_id, user_id, exercise_id, set_index, reps, load_kg, hold_s, rpe, note)
    SELECT id, workout_id, user_id, exercise_id, set_index, reps, load_kg, hold_s, rpe, note FROM sets;
DROP TABLE sets;
ALTER TABLE sets_new RENAME TO sets;
CREATE INDEX sets_user_exercise ON sets (user_id, exercise_id);
-- The covering index of Store::exercise_day_summaries, now with the kind it filters on.
CREATE INDEX sets_workout_summary ON sets (workout_id, exercise_id, reps, rpe, load_kg, kind);
CREATE UNIQUE INDEX sets_user_import_key ON sets (user_id, import_key);
CREATE INDEX sets_user_source_key ON sets (user_id, source_key) WHERE source_key IS NOT NULL;

-- The person's own name -> catalog ID mappings (`upright import map`), keyed
-- by the normalised name; later imports read them as the person's alias table.
CREATE TABLE exercise_mappings (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    source_key  TEXT    NOT NULL CHECK (length(source_key) BETWEEN 1 AND 1000),
    name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 1000),
    exercise_id TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 100),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (user_id, source_key)
);

-- The person's catalog: exercises imported (free-exercise-db) as JSON
-- documents of the core's Exercise, laid over the built-in catalog.
CREATE TABLE user_exercises (
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    exercise_id   TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 100),
    origin        TEXT    NOT NULL CHECK (length(origin) BETWEEN 1 AND 100),
    exercise_json TEXT    NOT NULL CHECK (json_valid(exercise_json)),
    created_at    TEXT    NOT NULL,
    PRIMARY KEY (user_id, exercise_id)
);
