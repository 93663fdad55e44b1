-- Persisted jobs (module jobs): imports, evaluation runs and policy matching runs run as jobs of the db-scheduler
-- library. scheduled_tasks is the library's own table (its PostgreSQL schema for version 16): one row per execution
-- due or running, picked by one process, with a heartbeat. job is ours: what the job is, who started it, its progress
-- and its end, kept after the execution row is gone.

CREATE TABLE scheduled_tasks (
    task_name            text NOT NULL,
    task_instance        text NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures integer,
    last_heartbeat       timestamptz,
    version              bigint NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);

-- Each server process takes a number from this sequence when it starts and holds a session advisory lock on it for
-- as long as it lives; a RUNNING job names the process running it, so a job whose process's lock is free was cut off.
CREATE SEQUENCE job_owner_seq;

CREATE TABLE job (
    id                  bigserial PRIMARY KEY,
    kind                text NOT NULL,                       -- import, evaluation, policy-matching (labels: jobs.kind.*)
    status              text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')),
    started_by          text NOT NULL,
    region_code         text,                                -- the region it works on, when it has one
    year                integer,
    subject             text,                                -- what it works on, in words (a file name, a policy)
    params              jsonb NOT NULL DEFAULT '{}',         -- what the kind's handler needs to run it
    owner               bigint,                              -- job_owner_seq of the process running it
    phase               text,                                -- jobs.phase.* of the running step
    done                bigint NOT NULL DEFAULT 0,           -- units of work done (rows read, results stored)
    total               bigint,                              -- units of work in all, when known
    cancel_requested_by text,
    message             text,
    link                text,                                -- the page of what it made (a batch, a run)
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_started_by_idx ON job (started_by, id DESC);
CREATE INDEX job_running_idx ON job (owner) WHERE status = 'RUNNING';
