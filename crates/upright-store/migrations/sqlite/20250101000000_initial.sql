-- upright initial schema (SQLite). Keep in step with migrations/postgres/.
--
-- Every row belongs to a user. Dates are ISO `YYYY-MM-DD` TEXT, timestamps
-- RFC 3339 UTC TEXT, loads in kilograms (REAL). Child tables reference their
-- parent through (id, user_id) so a row can never point at another user's data.
-- CHECK constraints are the second line of defence behind the Rust API.

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    handle       TEXT    NOT NULL UNIQUE CHECK (length(handle) BETWEEN 1 AND 64),
    display_name TEXT    NOT NULL CHECK (length(display_name) <= 200),
    unit         TEXT    NOT NULL DEFAULT 'kg' CHECK (unit IN ('kg', 'lb')),
    created_at   TEXT    NOT NULL
);

CREATE TABLE profiles (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT    NOT NULL,
    profile_json TEXT    NOT NULL CHECK (json_valid(profile_json)),
    UNIQUE (id, user_id)
);
CREATE INDEX profiles_user ON profiles (user_id);

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    profile_id  INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    start_date  TEXT    NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    plan_json   TEXT    NOT NULL CHECK (json_valid(plan_json)),
    active      INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    UNIQUE (id, user_id),
    FOREIGN KEY (profile_id, user_id) REFERENCES profiles (id, user_id) ON DELETE CASCADE
);
CREATE INDEX plans_user ON plans (user_id, id);
-- At most one active plan per user.
CREATE UNIQUE INDEX plans_one_active_per_user ON plans (user_id) WHERE active;

CREATE TABLE workouts (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    plan_id    INTEGER NULL,
    source     TEXT    NOT NULL CHECK (source IN ('cli', 'import', 'web')),
    created_at TEXT    NOT NULL,
    UNIQUE (id, user_id),
    FOREIGN KEY (plan_id, user_id) REFERENCES plans (id, user_id)
);
CREATE INDEX workouts_user_date ON workouts (user_id, date);

CREATE TABLE sets (
    id          INTEGER PRIMARY KEY,
    workout_id  INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    exercise_id TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 100),
    set_index   INTEGER NOT NULL CHECK (set_index >= 1),
    reps        INTEGER NULL CHECK (reps BETWEEN 0 AND 10000),
    load_kg     REAL    NULL CHECK (load_kg BETWEEN -1000 AND 10000),
    hold_s      INTEGER NULL CHECK (hold_s BETWEEN 0 AND 86400),
    rpe         REAL    NULL CHECK (rpe BETWEEN 0 AND 10),
    note        TEXT    NULL,
    CHECK (reps IS NOT NULL OR hold_s IS NOT NULL),
    UNIQUE (workout_id, set_index),
    FOREIGN KEY (workout_id, user_id) REFERENCES workouts (id, user_id) ON DELETE CASCADE
);
CREATE INDEX sets_user_exercise ON sets (user_id, exercise_id);

CREATE TABLE pain_entries (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date       TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    timing     TEXT    NOT NULL CHECK (timing IN ('during', 'next-morning')),
    note       TEXT    NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX pain_entries_user_date ON pain_entries (user_id, date);

CREATE TABLE plan_changes (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL,
    plan_id       INTEGER NOT NULL,
    date          TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind          TEXT    NOT NULL CHECK (kind IN ('swap', 'exclude')),
    from_exercise TEXT    NOT NULL CHECK (length(from_exercise) BETWEEN 1 AND 100),
    to_exercise   TEXT    NULL CHECK (length(to_exercise) BETWEEN 1 AND 100),
    created_at    TEXT    NOT NULL,
    CHECK (kind <> 'swap' OR to_exercise IS NOT NULL),
    FOREIGN KEY (plan_id, user_id) REFERENCES plans (id, user_id) ON DELETE CASCADE
);
CREATE INDEX plan_changes_user_plan ON plan_changes (user_id, plan_id);

CREATE TABLE exclusions (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    exercise_id TEXT    NOT NULL CHECK (length(exercise_id) BETWEEN 1 AND 100),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (user_id, exercise_id)
);
