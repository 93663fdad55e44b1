-- The ladder as a snapshot: one row per (enterprise, year) with what the dashboard and the ladder pages aggregate,
-- and one row per reserve-pool membership. Refreshed set-based by LadderSnapshot (docs/ladder.md "Snapshot").

-- Reserve-pool NEAR rule, precomputed when a result is stored: the smallest reserve-max-gap-ratio at which this
-- NOT_QUALIFIED result is near (TierDecision.nearRatio); 'Infinity' when no ratio makes it near; NULL when not yet
-- computed (results of other outcomes, or rows written before this column: the refresh fills them in).
ALTER TABLE evaluation_result ADD COLUMN near_ratio double precision;

CREATE TABLE ladder_standing (
    year                   integer NOT NULL,
    enterprise_id          bigint NOT NULL REFERENCES enterprise (id),
    -- the enterprise's region, copied for grouping and drill-down (kept equal to enterprise.region_code)
    region_code            text,
    county_code            text,
    town_code              text,
    growth_official        text,      -- highest growth-ladder tier with a recognition valid on 31 December
    growth_official_expires date,     -- expiry of the recognition behind it (null: open-ended)
    miit_official          text,
    miit_official_expires  date,
    growth_eligible        text,      -- highest growth-ladder tier whose latest evaluation is QUALIFIED
    miit_eligible          text,
    held_mask              integer NOT NULL DEFAULT 0,   -- bit Tier.ordinal(): a recognition of the tier valid on 31 December
    qualified_mask         integer NOT NULL DEFAULT 0,   -- bit Tier.ordinal(): the tier's latest evaluation is QUALIFIED
    lapsed_mask            integer NOT NULL DEFAULT 0,   -- bit Tier.ordinal(): a recognition of the tier lapsed during the year
    computed_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (year, enterprise_id)
);
CREATE INDEX ladder_standing_county_idx ON ladder_standing (year, county_code);
CREATE INDEX ladder_standing_town_idx ON ladder_standing (year, town_code);
CREATE INDEX ladder_standing_enterprise_idx ON ladder_standing (enterprise_id);

-- Reserve-pool members: QUALIFIED and UNDETERMINED always; NEAR rows carry near_ratio and belong to the pool when
-- near_ratio <= innoladder.ladder.reserve-max-gap-ratio (a WHERE clause, so the setting needs no recomputation).
CREATE TABLE ladder_pool (
    year           integer NOT NULL,
    tier           text NOT NULL,
    enterprise_id  bigint NOT NULL REFERENCES enterprise (id),
    reason         text NOT NULL CHECK (reason IN ('QUALIFIED', 'UNDETERMINED', 'NEAR')),
    near_ratio     double precision,
    lapsed         boolean NOT NULL,
    ruleset_ref    text NOT NULL,
    region_code    text,
    county_code    text,
    town_code      text,
    PRIMARY KEY (year, tier, enterprise_id)
);
CREATE INDEX ladder_pool_county_idx ON ladder_pool (year, county_code);
CREATE INDEX ladder_pool_town_idx ON ladder_pool (year, town_code);
CREATE INDEX ladder_pool_enterprise_idx ON ladder_pool (enterprise_id);

-- Counts per (year, region code, tier, figure), aggregated from the two tables above by every refresh: the dashboard
-- sums a few thousand of these instead of a million standings. figure: OFFICIAL, ELIGIBLE, HOLDING, QUALIFIED, LAPSED,
-- POOL_QUALIFIED, POOL_UNDETERMINED, POOL_NEAR (counted at the gap ratio in `ratio`), and CHANGE_NEW, CHANGE_CLIMBED,
-- CHANGE_FELL, CHANGE_EXPIRED (official-tier changes from year-1 to year, tier ''). region_code '' = no region.
CREATE TABLE ladder_count (
    year         integer NOT NULL,
    region_code  text NOT NULL,
    county_code  text,
    town_code    text,
    tier         text NOT NULL,
    figure       text NOT NULL,
    n            integer NOT NULL,
    ratio        double precision NOT NULL,
    PRIMARY KEY (year, region_code, tier, figure)
);

-- One row per refresh: what was recomputed, when, and how long it took (the pages show "数据截至").
CREATE TABLE ladder_refresh (
    id           bigserial PRIMARY KEY,
    year         integer NOT NULL,
    region_code  text,                 -- null: every region (or an enterprise set, see trigger)
    trigger      text NOT NULL,        -- evaluation_run:{id} | import_batch:{id} | manual:{user}
    standings    integer NOT NULL,
    pool_rows    integer NOT NULL,
    millis       integer NOT NULL,
    refreshed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ladder_refresh_year_idx ON ladder_refresh (year, refreshed_at DESC);
