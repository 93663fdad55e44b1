-- The snapshot's lists (the dashboard's drill-down, the reserve pools) are ordered by credit code. Ordering through a
-- join with enterprise sorted every matching row per page: at a million enterprises a city's list took 1.4–2.8 s
-- (ListsBenchmark). The credit code is copied into the snapshot like the region columns (an enterprise's credit code
-- never changes: it is the key imports match on), in byte order, so an index hands out a page in order.
ALTER TABLE ladder_standing ADD COLUMN credit_code text COLLATE "C";
UPDATE ladder_standing s SET credit_code = e.credit_code FROM enterprise e WHERE e.id = s.enterprise_id;
ALTER TABLE ladder_standing ALTER COLUMN credit_code SET NOT NULL;
CREATE INDEX ladder_standing_code_idx ON ladder_standing (year, credit_code);

-- A pool's list shows qualified members first, then undetermined, then near misses, each by credit code.
ALTER TABLE ladder_pool ADD COLUMN credit_code text COLLATE "C";
UPDATE ladder_pool p SET credit_code = e.credit_code FROM enterprise e WHERE e.id = p.enterprise_id;
ALTER TABLE ladder_pool ALTER COLUMN credit_code SET NOT NULL;
ALTER TABLE ladder_pool ADD COLUMN reason_rank smallint
    GENERATED ALWAYS AS (CASE reason WHEN 'QUALIFIED' THEN 1 WHEN 'UNDETERMINED' THEN 2 ELSE 3 END) STORED;
CREATE INDEX ladder_pool_code_idx ON ladder_pool (year, tier, reason_rank, credit_code);
