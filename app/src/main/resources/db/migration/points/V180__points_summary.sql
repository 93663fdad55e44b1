-- The points page's distribution (count, min, median, max per stage; histogram; populations) is read from this
-- summary instead of aggregating every enterprise of the scope per request (ListsBenchmark: 0.5–4.5 s of CPU for a
-- city at a million enterprises). One row per year, region level, stage, run and points value: a median needs the
-- values, and a city has few distinct ones (points carry 2 decimals). level_code is a prefix of the enterprise's
-- region code of 2, 4, 6 or 9 digits, or '' for every enterprise (null regions included), so a scope or region
-- filter is one equality.
CREATE TABLE points_summary (
    year        integer NOT NULL,
    level_code  text NOT NULL,
    stage       text NOT NULL,
    run_id      bigint NOT NULL,
    total       numeric NOT NULL,
    n           bigint NOT NULL CHECK (n > 0),
    PRIMARY KEY (year, level_code, stage, run_id, total)
);

-- A year whose rows changed since its summary was built: readers aggregate enterprise_points instead (always exact)
-- until the next points run (or points_summary_refresh) rebuilds it. Any writer of enterprise_points marks the year,
-- so a summary is never read stale, whoever wrote.
-- No key, so that two writers marking the same year never conflict.
CREATE TABLE points_summary_stale (
    year  integer NOT NULL
);
CREATE INDEX points_summary_stale_year_idx ON points_summary_stale (year);

CREATE FUNCTION points_summary_mark_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- a restore (DatabaseRestore) copies the backup's summary and marks as they were
    IF current_setting('innoladder.restoring', true) = 'on' THEN
        RETURN NULL;
    END IF;
    INSERT INTO points_summary_stale (year) SELECT DISTINCT c.year FROM changed c
    WHERE NOT EXISTS (SELECT 1 FROM points_summary_stale s WHERE s.year = c.year);
    RETURN NULL;
END $$;

CREATE TRIGGER points_summary_stale_ins AFTER INSERT ON enterprise_points REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION points_summary_mark_stale();
CREATE TRIGGER points_summary_stale_upd_old AFTER UPDATE ON enterprise_points REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION points_summary_mark_stale();
CREATE TRIGGER points_summary_stale_upd_new AFTER UPDATE ON enterprise_points REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION points_summary_mark_stale();
CREATE TRIGGER points_summary_stale_del AFTER DELETE ON enterprise_points REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION points_summary_mark_stale();

-- Rebuilds one year's summary from enterprise_points and the enterprises' current regions; the points run calls it
-- after storing, in its transaction.
CREATE FUNCTION points_summary_refresh(y integer) RETURNS void LANGUAGE sql AS $$
    DELETE FROM points_summary WHERE year = y;
    INSERT INTO points_summary (year, level_code, stage, run_id, total, n)
    SELECT y, l.code, p.stage, p.run_id, p.total, count(*)
    FROM enterprise_points p JOIN enterprise e ON e.id = p.enterprise_id
    CROSS JOIN LATERAL (SELECT '' AS code
                        UNION ALL
                        SELECT left(e.region_code, k) FROM unnest(ARRAY[2, 4, 6, 9]) k WHERE length(e.region_code) >= k) l
    WHERE p.year = y
    GROUP BY l.code, p.stage, p.run_id, p.total
    -- a level's rows together on disk: a city's 30,000 are read from a few hundred pages, not thousands
    ORDER BY l.code, p.stage, p.run_id, p.total;
    DELETE FROM points_summary_stale WHERE year = y;
$$;

-- An enterprise that moves region takes its points along: its values leave the old region's levels and join the
-- new one's (the list pages' scope is the enterprise's current region, as the straightforward aggregate reads it).
CREATE FUNCTION points_summary_follow_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pt record;
    k integer;
BEGIN
    FOR pt IN SELECT p.year, p.stage, p.run_id, p.total FROM enterprise_points p WHERE p.enterprise_id = NEW.id LOOP
        FOREACH k IN ARRAY ARRAY[2, 4, 6, 9] LOOP
            IF length(OLD.region_code) >= k THEN
                DELETE FROM points_summary WHERE year = pt.year AND level_code = left(OLD.region_code, k)
                    AND stage = pt.stage AND run_id = pt.run_id AND total = pt.total AND n = 1;
                IF NOT FOUND THEN
                    UPDATE points_summary SET n = n - 1 WHERE year = pt.year AND level_code = left(OLD.region_code, k)
                        AND stage = pt.stage AND run_id = pt.run_id AND total = pt.total;
                END IF;
            END IF;
            IF length(NEW.region_code) >= k THEN
                INSERT INTO points_summary AS s (year, level_code, stage, run_id, total, n)
                VALUES (pt.year, left(NEW.region_code, k), pt.stage, pt.run_id, pt.total, 1)
                ON CONFLICT (year, level_code, stage, run_id, total) DO UPDATE SET n = s.n + 1;
            END IF;
        END LOOP;
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER points_summary_follow_move AFTER UPDATE OF region_code ON enterprise
    FOR EACH ROW WHEN (OLD.region_code IS DISTINCT FROM NEW.region_code) EXECUTE FUNCTION points_summary_follow_move();

SELECT points_summary_refresh(y) FROM (SELECT DISTINCT year FROM enterprise_points) t(y);
