-- evaluation_run.points_stored was written by the evaluation run while it also stored the innovation points; the
-- points module now scores a run's region after the run (its points_run rows name the evaluation run), so the
-- evaluation module's table no longer carries a figure of another module.
ALTER TABLE evaluation_run DROP COLUMN points_stored;
