-- A district's or a town's list is read from these in credit-code order (the lists add county_code or town_code
-- equal to the region asked for, beside its pattern): at a million enterprises a district's 100th page walked the
-- year's whole credit-code index otherwise (ListsBenchmark).
DROP INDEX ladder_standing_county_idx;
CREATE INDEX ladder_standing_county_idx ON ladder_standing (year, county_code, credit_code);
DROP INDEX ladder_standing_town_idx;
CREATE INDEX ladder_standing_town_idx ON ladder_standing (year, town_code, credit_code);
CREATE INDEX ladder_pool_county_code_idx ON ladder_pool (year, tier, county_code, reason_rank, credit_code);
CREATE INDEX ladder_pool_town_code_idx ON ladder_pool (year, tier, town_code, reason_rank, credit_code);
