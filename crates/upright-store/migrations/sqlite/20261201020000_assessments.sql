-- The torso endurance battery (issue 14). Keep in step with migrations/postgres/.
--
-- One row a battery, times as entered (whole seconds; the Sørensen's 240 s cap
-- is applied when the row is scored, not here), the method each hold was done
-- with and whether pain stopped it. Reports are re-scored on read, so a
-- change to the norms or ratio rules reaches old batteries too.
CREATE TABLE assessments (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date             TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    sex              TEXT    NOT NULL CHECK (sex IN ('male', 'female', 'unspecified')),
    recovering       INTEGER NOT NULL CHECK (recovering IN (0, 1)),
    flexor_s         INTEGER NULL CHECK (flexor_s BETWEEN 1 AND 3600),
    flexor_method    TEXT    NOT NULL CHECK (length(flexor_method) BETWEEN 1 AND 40),
    flexor_pain      INTEGER NOT NULL CHECK (flexor_pain IN (0, 1)),
    extensor_s       INTEGER NULL CHECK (extensor_s BETWEEN 1 AND 3600),
    extensor_method  TEXT    NOT NULL CHECK (length(extensor_method) BETWEEN 1 AND 40),
    extensor_pain    INTEGER NOT NULL CHECK (extensor_pain IN (0, 1)),
    side_right_s      INTEGER NULL CHECK (side_right_s BETWEEN 1 AND 3600),
    side_right_method TEXT    NOT NULL CHECK (length(side_right_method) BETWEEN 1 AND 40),
    side_right_pain   INTEGER NOT NULL CHECK (side_right_pain IN (0, 1)),
    side_left_s       INTEGER NULL CHECK (side_left_s BETWEEN 1 AND 3600),
    side_left_method  TEXT    NOT NULL CHECK (length(side_left_method) BETWEEN 1 AND 40),
    side_left_pain    INTEGER NOT NULL CHECK (side_left_pain IN (0, 1)),
    created_at       TEXT    NOT NULL,
    -- Pain stops a hold that was timed: a flag without a time is a bug upstream.
    CHECK (flexor_pain = 0 OR flexor_s IS NOT NULL),
    CHECK (extensor_pain = 0 OR extensor_s IS NOT NULL),
    CHECK (side_right_pain = 0 OR side_right_s IS NOT NULL),
    CHECK (side_left_pain = 0 OR side_left_s IS NOT NULL),
    CHECK (COALESCE(flexor_s, extensor_s, side_right_s, side_left_s) IS NOT NULL)
);
-- The latest battery (plans, today) and the history, per user in date order.
CREATE INDEX assessments_user_date ON assessments (user_id, date, id);
