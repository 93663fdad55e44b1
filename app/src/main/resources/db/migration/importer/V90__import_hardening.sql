-- Imports (issue 9): a running import can be cancelled; the background job's id is kept with its batch so that the
-- job's address still answers after a restart; problems beyond the per-batch limit are counted, not stored.
ALTER TABLE import_batch DROP CONSTRAINT import_batch_status_check;
ALTER TABLE import_batch ADD CONSTRAINT import_batch_status_check
    CHECK (status IN ('RUNNING', 'COMMITTED', 'UNCHANGED', 'FAILED', 'CANCELLED'));
ALTER TABLE import_batch
    ADD COLUMN job_id              text,      -- the page's and the API's job that ran the batch
    ADD COLUMN rejections_unstored integer NOT NULL DEFAULT 0;  -- problems found but not stored (innoladder.import.limits.max-stored-rejections)
CREATE INDEX import_batch_job_idx ON import_batch (job_id) WHERE job_id IS NOT NULL;
-- start-up recovery looks for batches left RUNNING by a process that died
CREATE INDEX import_batch_running_idx ON import_batch (id) WHERE status = 'RUNNING';
