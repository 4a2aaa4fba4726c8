-- Schedule and calendar (issue 15), PostgreSQL. Keep in step with migrations/sqlite/.
--
-- Gyms with opening hours and closures, the gym a person trains at, their
-- availability, and what the last calendar export said about each event (so
-- UIDs stay, SEQUENCE goes up on a change and removed sessions are cancelled).
-- Hours and windows are kept as the text people type ("07:00-19:00",
-- "06:30-08:00,18:00-21:00", "closed", "off"): upright-core parses and
-- validates them, the CHECKs here only bound them.

CREATE TABLE gyms (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- The name lower-cased: a person's gym names are unique whatever the case.
    name_key   TEXT    NOT NULL CHECK (length(name_key) BETWEEN 1 AND 200),
    address    TEXT    NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
    time_zone  TEXT    NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    mon        TEXT    NOT NULL CHECK (length(mon) BETWEEN 1 AND 200),
    tue        TEXT    NOT NULL CHECK (length(tue) BETWEEN 1 AND 200),
    wed        TEXT    NOT NULL CHECK (length(wed) BETWEEN 1 AND 200),
    thu        TEXT    NOT NULL CHECK (length(thu) BETWEEN 1 AND 200),
    fri        TEXT    NOT NULL CHECK (length(fri) BETWEEN 1 AND 200),
    sat        TEXT    NOT NULL CHECK (length(sat) BETWEEN 1 AND 200),
    sun        TEXT    NOT NULL CHECK (length(sun) BETWEEN 1 AND 200),
    created_at TEXT    NOT NULL,
    UNIQUE (id, user_id),
    UNIQUE (user_id, name_key)
);

CREATE TABLE gym_closures (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gym_id    BIGINT  NOT NULL,
    user_id   BIGINT  NOT NULL,
    from_date TEXT    NOT NULL CHECK (from_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    to_date   TEXT    NOT NULL CHECK (to_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    reason    TEXT    NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
    CHECK (from_date <= to_date),
    FOREIGN KEY (gym_id, user_id) REFERENCES gyms (id, user_id) ON DELETE CASCADE
);
CREATE INDEX gym_closures_gym ON gym_closures (gym_id, from_date);

-- The gym a person chose with `gym use`; gone with the gym.
CREATE TABLE gym_choice (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    gym_id  BIGINT  NOT NULL,
    FOREIGN KEY (gym_id, user_id) REFERENCES gyms (id, user_id) ON DELETE CASCADE
);

CREATE TABLE availability (
    user_id    BIGINT  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    time_zone  TEXT    NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    wake_time  TEXT    NULL CHECK (wake_time ~ '^[0-9]{2}:[0-9]{2}$'),
    updated_at TEXT    NOT NULL
);

-- Only the weekdays the person set; a day without a row is free 06:00-22:00.
CREATE TABLE availability_days (
    user_id BIGINT  NOT NULL REFERENCES availability (user_id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6), -- 0 = Monday
    windows TEXT    NOT NULL CHECK (length(windows) BETWEEN 1 AND 200),
    PRIMARY KEY (user_id, weekday)
);

CREATE TABLE calendar_events (
    user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    uid          TEXT    NOT NULL CHECK (length(uid) BETWEEN 1 AND 255),
    plan_id      BIGINT  NULL,
    sequence     INTEGER NOT NULL CHECK (sequence >= 0),
    start_utc    TEXT    NOT NULL,
    end_utc      TEXT    NOT NULL,
    -- FNV-1a 64 of the event's content, 16 hex digits (a u64 does not fit BIGINT).
    content_hash TEXT    NOT NULL CHECK (length(content_hash) = 16),
    summary      TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    location     TEXT    NOT NULL,
    time_zone    TEXT    NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    cancelled    INTEGER NOT NULL CHECK (cancelled IN (0, 1)),
    CHECK (start_utc < end_utc),
    PRIMARY KEY (user_id, uid),
    FOREIGN KEY (plan_id, user_id) REFERENCES plans (id, user_id) ON DELETE CASCADE
);
