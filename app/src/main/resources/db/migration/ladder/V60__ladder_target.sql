-- Targets of the ladder per region, year, metric and tier (docs/ladder.md "Targets").
CREATE TABLE ladder_target (
    id          bigserial PRIMARY KEY,
    region_code text NOT NULL REFERENCES region (code),
    year        integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    metric      text NOT NULL CHECK (metric IN ('RECOGNISED_TOTAL', 'NET_INCREASE', 'ELIGIBLE_TOTAL')),
    tier        text NOT NULL,
    value       bigint NOT NULL CHECK (value >= 0),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (region_code, year, metric, tier)
);
