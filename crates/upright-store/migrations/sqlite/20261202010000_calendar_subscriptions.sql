-- Private calendar subscriptions (issue 15). Keep in step with migrations/postgres/.
-- One secret link per person: the URL carries a random token, the table its
-- SHA-256 hex only (as for API tokens). A new link replaces the old one
-- (the primary key is the user); revoking deletes the row.

CREATE TABLE calendar_subscriptions (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at TEXT    NOT NULL
);
