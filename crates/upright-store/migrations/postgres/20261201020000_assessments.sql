-- The torso endurance battery (issue 14). Keep in step with migrations/sqlite/.
--
-- One row a battery, times as entered (whole seconds; the Sørensen's 240 s cap
-- is applied when the row is scored, not here), the method each hold was done
-- with and whether pain stopped it. Reports are re-scored on read, so a
-- change to the norms or ratio rules reaches old batteries too.
CREATE TABLE assessments (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date             TEXT    NOT NULL CHECK (date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
    sex              TEXT    NOT NULL CHECK (sex IN ('male', 'female', 'unspecified')),
    recovering       BOOLEAN NOT NULL,
    flexor_s         INTEGER NULL CHECK (flexor_s BETWEEN 1 AND 3600),
    flexor_method    TEXT    NOT NULL CHECK (length(flexor_method) BETWEEN 1 AND 40),
    flexor_pain      BOOLEAN NOT NULL,
    extensor_s       INTEGER NULL CHECK (extensor_s BETWEEN 1 AND 3600),
    extensor_method  TEXT    NOT NULL CHECK (length(extensor_method) BETWEEN 1 AND 40),
    extensor_pain    BOOLEAN NOT NULL,
    side_right_s      INTEGER NULL CHECK (side_right_s BETWEEN 1 AND 3600),
    side_right_method TEXT    NOT NULL CHECK (length(side_right_method) BETWEEN 1 AND 40),
    side_right_pain   BOOLEAN NOT NULL,
    side_left_s       INTEGER NULL CHECK (side_left_s BETWEEN 1 AND 3600),
    side_left_method  TEXT    NOT NULL CHECK (length(side_left_method) BETWEEN 1 AND 40),
    side_left_pain    BOOLEAN NOT NULL,
    created_at       TEXT    NOT NULL,
    -- Pain stops a hold that was timed: a flag without a time is a bug upstream.
    CHECK (NOT flexor_pain OR flexor_s IS NOT NULL),
    CHECK (NOT extensor_pain OR extensor_s IS NOT NULL),
    CHECK (NOT side_right_pain OR side_right_s IS NOT NULL),
    CHECK (NOT side_left_pain OR side_left_s IS NOT NULL),
    CHECK (COALESCE(flexor_s, extensor_s, side_right_s, side_left_s) IS NOT NULL)
);
-- The latest battery (plans, today) and the history, per user in date order.
CREATE INDEX assessments_user_date ON assessments (user_id, date, id);
