-- The logs page walks a person's workouts newest first by id (logs.rs
-- workouts_page): without this index SQLite read and sorted all of them.
CREATE INDEX workouts_user_id ON workouts (user_id, id);
