-- Web accounts (issue 12). Keep in step with migrations/postgres/.
-- A web account is a user with a login and an argon2id hash; sessions, API
-- tokens, idempotency keys and rate-limit events live here, not in a server's
-- memory, so several servers can share one database. Secrets are stored as
-- SHA-256 hex of the random token, never the token itself.

CREATE TABLE accounts (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    login         TEXT    NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 64),
    password_hash TEXT    NOT NULL CHECK (length(password_hash) BETWEEN 20 AND 500),
    created_at    TEXT    NOT NULL
);

CREATE TABLE web_sessions (
    token_hash TEXT    PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf       TEXT    NOT NULL CHECK (length(csrf) BETWEEN 16 AND 200),
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at   TEXT    NOT NULL,
    UNIQUE (id, user_id)
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- A retried POST of a logged set carries the same key: the first workout is
-- returned and nothing is written twice.
CREATE TABLE idempotency_keys (
    user_id    INTEGER NOT NULL,
    key        TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    workout_id INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (user_id, key),
    FOREIGN KEY (workout_id, user_id) REFERENCES workouts (id, user_id) ON DELETE CASCADE
);

CREATE TABLE rate_events (
    bucket TEXT NOT NULL CHECK (length(bucket) BETWEEN 1 AND 200),
    at     TEXT NOT NULL
);
CREATE INDEX rate_events_bucket_at ON rate_events (bucket, at);
