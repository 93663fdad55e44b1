-- Targets on metrics contributed by other modules (ladder.TargetMetric, docs/ladder.md "Targets"): the metric column
-- holds any code of the code's shape instead of the three per-tier metrics of V60; a contributed metric is not per
-- tier, so its targets have no tier. The three per-tier metrics keep requiring one.
ALTER TABLE ladder_target DROP CONSTRAINT ladder_target_metric_check;
ALTER TABLE ladder_target ADD CONSTRAINT ladder_target_metric_check CHECK (metric ~ '^[A-Z][A-Z0-9_]{1,39}$');
ALTER TABLE ladder_target ALTER COLUMN tier DROP NOT NULL;
ALTER TABLE ladder_target ADD CONSTRAINT ladder_target_tier_check
    CHECK ((metric IN ('RECOGNISED_TOTAL', 'NET_INCREASE', 'ELIGIBLE_TOTAL')) = (tier IS NOT NULL));
-- one target per (region, year, metric, tier) also when the tier is empty
ALTER TABLE ladder_target DROP CONSTRAINT ladder_target_region_code_year_metric_tier_key;
ALTER TABLE ladder_target ADD CONSTRAINT ladder_target_region_code_year_metric_tier_key
    UNIQUE NULLS NOT DISTINCT (region_code, year, metric, tier);
