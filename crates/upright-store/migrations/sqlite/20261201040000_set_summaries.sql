-- A user's sets grouped per workout date, workout, exercise, reps and RPE,
-- one row per calendar month (text lines, see src/summaries.rs), kept in step
-- with every workout logged, so that `progress` over years of history reads
-- a few rows instead of grouping every set.
CREATE TABLE set_summaries (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month   TEXT   NOT NULL CHECK (length(month) = 7),
    lines   TEXT   NOT NULL,
    PRIMARY KEY (user_id, month)
);

-- Users whose summaries are complete (built from their sets the first time
-- they log after this migration; until then reads group the sets).
CREATE TABLE set_summary_users (
    user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE
);
