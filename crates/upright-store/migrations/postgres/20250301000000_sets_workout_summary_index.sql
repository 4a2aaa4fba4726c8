-- Covering index for Store::exercise_day_summaries: a user's workouts are read
-- in date order (workouts_user_date) and each workout's sets grouped by
-- exercise, reps and RPE straight from this index, without a sort.
CREATE INDEX sets_workout_summary ON sets (workout_id, exercise_id, reps, rpe, load_kg);
