-- Departments of a region (部门: 科技局, 发改委, 商务局 …), configured by the region's bureau, and their targets on any
-- target metric for a year (docs/ladder.md "Department targets"): 如皋 decomposes its key tasks "至部门、板块". A
-- department target is measured by the metric's actual for the department's region, so it names no region itself.
CREATE TABLE ladder_department (
    id          bigserial PRIMARY KEY,
    region_code text NOT NULL REFERENCES region (code),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (region_code, name)
);

CREATE TABLE ladder_department_target (
    id            bigserial PRIMARY KEY,
    department_id bigint NOT NULL REFERENCES ladder_department (id) ON DELETE CASCADE,
    year          integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    metric        text NOT NULL CHECK (metric ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    tier          text,
    value         bigint NOT NULL CHECK (value >= 0),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((metric IN ('RECOGNISED_TOTAL', 'NET_INCREASE', 'ELIGIBLE_TOTAL')) = (tier IS NOT NULL)),
    UNIQUE NULLS NOT DISTINCT (department_id, year, metric, tier)
);
CREATE INDEX ladder_department_target_year_idx ON ladder_department_target (year, department_id);
