-- The official-tier changes of each enterprise from year − 1 to year, stored when either year's snapshot is
-- refreshed (LadderSnapshot.storeTransitions), so that the transitions page reads one page of its index instead of
-- joining two years' standings in full per request (ListsBenchmark: 0.6–3.7 s of CPU at a million enterprises).
-- Only changed rows are kept; region and credit code are the snapshot's copies (they follow moved enterprises with
-- the standings, LadderSnapshot.syncRegions).
CREATE TABLE ladder_transition (
    year           integer NOT NULL,                  -- the later year
    enterprise_id  bigint NOT NULL REFERENCES enterprise (id),
    ladder         text NOT NULL,
    from_tier      text,
    to_tier        text,
    change         text NOT NULL CHECK (change IN ('NEW', 'CLIMBED', 'FELL', 'EXPIRED')),
    change_rank    smallint GENERATED ALWAYS AS
                       (CASE change WHEN 'NEW' THEN 1 WHEN 'CLIMBED' THEN 2 WHEN 'FELL' THEN 3 ELSE 4 END) STORED,
    credit_code    text COLLATE "C" NOT NULL,
    region_code    text,
    county_code    text,
    town_code      text,
    PRIMARY KEY (year, enterprise_id, ladder)
);
-- the page's order (change, credit code in byte order, ladder), for everything and per district or town
CREATE INDEX ladder_transition_list_idx ON ladder_transition (year, change_rank, credit_code, ladder);
CREATE INDEX ladder_transition_county_idx ON ladder_transition (year, county_code, change_rank, credit_code, ladder);
CREATE INDEX ladder_transition_town_idx ON ladder_transition (year, town_code, change_rank, credit_code, ladder);
CREATE INDEX ladder_transition_region_idx ON ladder_transition (year, region_code text_pattern_ops);

-- Every refreshed year's changes from the existing standings, as LadderService.transitionSql decides them (the
-- tiers in Tier's order: a higher position is a higher rung of the same ladder).
DO $$
DECLARE
    y integer;
BEGIN
    FOR y IN SELECT DISTINCT year FROM ladder_refresh ORDER BY 1 LOOP
        INSERT INTO ladder_transition (year, enterprise_id, ladder, from_tier, to_tier, change, credit_code, region_code,
                                       county_code, town_code)
        SELECT y, x.enterprise_id, x.ladder, x.bt, x.at, x.change, x.credit_code, x.region_code, x.county_code, x.town_code
        FROM (SELECT v.*,
                     CASE WHEN v.bt IS NULL THEN CASE WHEN v.at IS NOT NULL THEN 'NEW' END
                          WHEN v.at IS NULL OR array_position(t.tiers, v.at) < array_position(t.tiers, v.bt)
                              THEN CASE WHEN v.bexp < make_date(y, 12, 31) THEN 'EXPIRED' ELSE 'FELL' END
                          WHEN array_position(t.tiers, v.at) > array_position(t.tiers, v.bt) THEN 'CLIMBED' END AS change
              FROM (SELECT coalesce(sa.enterprise_id, sb.enterprise_id) AS enterprise_id,
                           coalesce(sa.credit_code, sb.credit_code) AS credit_code,
                           coalesce(sa.region_code, sb.region_code) AS region_code,
                           coalesce(sa.county_code, sb.county_code) AS county_code,
                           coalesce(sa.town_code, sb.town_code) AS town_code, l.ladder, l.bt, l.bexp, l.at
                    FROM (SELECT * FROM ladder_standing WHERE year = y - 1) sb
                    FULL JOIN (SELECT * FROM ladder_standing WHERE year = y) sa ON sa.enterprise_id = sb.enterprise_id
                    CROSS JOIN LATERAL (VALUES ('GROWTH', sb.growth_official, sb.growth_official_expires, sa.growth_official),
                                               ('MIIT', sb.miit_official, sb.miit_official_expires, sa.miit_official))
                               AS l(ladder, bt, bexp, at)) v
              CROSS JOIN (SELECT ARRAY['TSME', 'HNTE', 'GAZELLE', 'SEED_UNICORN', 'POTENTIAL_UNICORN', 'UNICORN',
                                       'INNOVATIVE_SME', 'SPECIALISED_SME', 'LITTLE_GIANT']::text[] AS tiers) t) x
        WHERE x.change IS NOT NULL;
    END LOOP;
END $$;
ANALYZE ladder_transition;
