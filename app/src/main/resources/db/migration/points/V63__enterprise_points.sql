-- Innovation points (企业创新积分) stored per enterprise and year. Points are relative to a population (standard
-- scores within a stage), so they are computed by a run over a whole region subtree, never row by row; the run
-- records which population that was.

CREATE TABLE points_run (
    id                 bigserial PRIMARY KEY,
    evaluation_run_id  bigint REFERENCES evaluation_run (id),   -- the evaluation run it was a step of; null on its own
    region_code        text REFERENCES region (code),           -- the population: this subtree (null: every region)
    year               integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    model_id           text NOT NULL,
    model_version      text NOT NULL,
    started_by         text NOT NULL,
    started_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz,
    enterprises        integer NOT NULL DEFAULT 0,              -- population size (enterprises with a row for the year)
    stage_sizes        jsonb NOT NULL DEFAULT '{}',             -- {"startup": n, "stable": n, "growth": n}
    labels             jsonb NOT NULL DEFAULT '{}'              -- the model's names (zh/en) of stages, groups, indicators, adjustments
);
CREATE INDEX points_run_year_idx ON points_run (year, started_at DESC);

-- One row per enterprise and year; a later run replaces it (upsert), so the row says which run (population) it is
-- relative to. The dashboard reads enterprise_id, year, stage, total, percentile.
CREATE TABLE enterprise_points (
    enterprise_id    bigint NOT NULL REFERENCES enterprise (id),
    year             integer NOT NULL,
    model_id         text NOT NULL,
    model_version    text NOT NULL,
    stage            text NOT NULL,
    total            numeric NOT NULL,          -- indicator points + bonus − deduction
    percentile       numeric NOT NULL,          -- 0..100 within the stage of the run's population
    stage_uncertain  boolean NOT NULL,
    breakdown        jsonb NOT NULL,            -- groups, indicators (value, standard score, weight, points, missing),
                                                -- adjustments, missing, stage_size (names: points_run.labels)
    run_id           bigint NOT NULL REFERENCES points_run (id),
    computed_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enterprise_id, year)
);
CREATE INDEX enterprise_points_rank_idx ON enterprise_points (year, total DESC);
CREATE INDEX enterprise_points_run_idx ON enterprise_points (run_id);

-- Progress of the points step of an evaluation run.
ALTER TABLE evaluation_run ADD COLUMN points_stored integer NOT NULL DEFAULT 0;
