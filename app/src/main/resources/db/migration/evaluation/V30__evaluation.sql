-- Evaluation runs: a region subtree and a year evaluated under chosen rulesets, and the stored explained results.

CREATE TABLE evaluation_run (
    id           bigserial PRIMARY KEY,
    region_code  text REFERENCES region (code),          -- null: every region (ADMIN)
    year         integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    rulesets     text[] NOT NULL,                        -- id@version of each ruleset evaluated
    status       text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    started_by   text NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    rows_loaded  integer NOT NULL DEFAULT 0,             -- enterprise-year rows read (Y-2..Y)
    enterprises  integer NOT NULL DEFAULT 0,             -- enterprises with a row for the year
    evaluated    integer NOT NULL DEFAULT 0,             -- results computed (enterprises x rulesets)
    stored       integer NOT NULL DEFAULT 0,
    counts       jsonb NOT NULL DEFAULT '{}',            -- {"tsme@2017": {"QUALIFIED": n, ...}, ...}
    message      text
);
CREATE INDEX evaluation_run_started_idx ON evaluation_run (started_at DESC);

-- One result per enterprise, year and ruleset version; a later run replaces it (upsert).
CREATE TABLE evaluation_result (
    run_id           bigint NOT NULL REFERENCES evaluation_run (id),
    enterprise_id    bigint NOT NULL REFERENCES enterprise (id),
    year             integer NOT NULL,
    ruleset_id       text NOT NULL,
    ruleset_version  text NOT NULL,
    outcome          text NOT NULL CHECK (outcome IN ('QUALIFIED', 'NOT_QUALIFIED', 'UNDETERMINED')),
    score_min        integer,
    score_max        integer,
    result           jsonb NOT NULL,                     -- EvaluationResult.toJson(): criteria, items, gaps
    evaluated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enterprise_id, year, ruleset_id, ruleset_version)
);
CREATE INDEX evaluation_result_list_idx ON evaluation_result (ruleset_id, year, outcome);
CREATE INDEX evaluation_result_run_idx ON evaluation_result (run_id);
