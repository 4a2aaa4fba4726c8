-- A month's summary in parts: a workout logged adds a part of its own groups,
-- and a part is merged with the one before it once that one is no larger
-- (sizes halve from part to part, so a month holds a handful of parts and
-- each group is rewritten a handful of times, however many workouts the
-- month gets). Rewriting a month's whole text with every workout made a
-- log cost as much as the month was long. Summaries are derived from the
-- sets: dropped here, rebuilt from the sets the next time each user logs.
DROP TABLE set_summaries;
DELETE FROM set_summary_users;
CREATE TABLE set_summaries (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month   TEXT   NOT NULL CHECK (length(month) = 7),
    -- 0 for a month's first part; a month whose only part is 0 is closed.
    part    BIGINT NOT NULL CHECK (part >= 0),
    -- The number of lines.
    size    BIGINT NOT NULL CHECK (size > 0),
    lines   TEXT   NOT NULL,
    PRIMARY KEY (user_id, month, part)
);
-- The months with more than one part (a user has one or two): closed when
-- the user logs in another month.
CREATE INDEX set_summaries_open ON set_summaries (user_id, month) WHERE part > 0;
