-- Partitions the two tables that grow with every enterprise and year, enterprise_year and evaluation_result, by
-- year: one partition per year from 2010 to 2035 and a default partition for any other year. Run it once, as the
-- database owner, while the application is stopped:
--
--   psql -v ON_ERROR_STOP=1 -d innoladder -f partition-by-year.sql
--
-- The application needs no change: every key and unique index of both tables includes the year, and no foreign key
-- points at them. Names of constraints and indexes stay as the migrations created them, so later migrations find
-- them. A year after 2035 lands in the default partition; give it its own partition before the year begins:
--
--   CREATE TABLE evaluation_result_y2036 PARTITION OF evaluation_result FOR VALUES FROM (2036) TO (2037)
--       WITH (fillfactor = 50);
--
-- Running it again does nothing to a table already partitioned. See docs/database-growth.md.

CREATE OR REPLACE FUNCTION pg_temp.partition_by_year(t text, first_year integer, last_year integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    old text := t || '_unpartitioned';
    r record;
    definitions text[] := '{}';
    d text;
    -- storage parameters (evaluation_result's fillfactor) belong to each partition: a partitioned table has none
    options text := (SELECT CASE WHEN c.reloptions IS NULL THEN '' ELSE ' WITH (' || array_to_string(c.reloptions, ', ') || ')' END
                     FROM pg_class c WHERE c.oid = t::regclass);
BEGIN
    IF (SELECT c.relkind FROM pg_class c WHERE c.oid = t::regclass) = 'p' THEN
        RAISE NOTICE '% is already partitioned', t;
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.confrelid = t::regclass) THEN
        RAISE EXCEPTION 'a foreign key references %: partition it by hand', t;
    END IF;
    -- keys and foreign keys, then the other indexes, as the migrations named them; each definition names the table,
    -- which after the rename below is the partitioned one
    FOR r IN SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
             WHERE c.conrelid = t::regclass AND c.contype IN ('p', 'u', 'f') ORDER BY c.contype DESC, c.conname LOOP
        definitions := definitions || format('ALTER TABLE %I ADD CONSTRAINT %I %s', t, r.conname, r.def);
    END LOOP;
    FOR r IN SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
             WHERE i.indrelid = t::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
             ORDER BY i.indexrelid LOOP
        definitions := definitions || r.def;
    END LOOP;

    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, old);
    -- free the index names for the new table (renaming a key constraint renames its index)
    FOR r IN SELECT c.conname FROM pg_constraint c WHERE c.conrelid = old::regclass AND c.contype IN ('p', 'u') LOOP
        EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', old, r.conname, left(r.conname, 50) || '_unpartitioned');
    END LOOP;
    FOR r IN SELECT i.indexrelid::regclass AS idx, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = old::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) LOOP
        EXECUTE format('ALTER INDEX %s RENAME TO %I', r.idx, left(r.relname, 50) || '_unpartitioned');
    END LOOP;

    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED INCLUDING STORAGE'
                   ' INCLUDING COMMENTS) PARTITION BY RANGE (year)', t, old);
    FOR y IN first_year..last_year LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%s) TO (%s)%s', t || '_y' || y, t, y, y + 1, options);
    END LOOP;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT%s', t || '_default', t, options);
    -- rows first, then keys and indexes: building an index once is cheaper than maintaining it row by row
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, old);
    FOREACH d IN ARRAY definitions LOOP
        EXECUTE d;
    END LOOP;
    EXECUTE format('DROP TABLE %I', old);
    EXECUTE format('ANALYZE %I', t);
END
$$;

BEGIN;
SELECT pg_temp.partition_by_year('enterprise_year', 2010, 2035);
SELECT pg_temp.partition_by_year('evaluation_result', 2010, 2035);
COMMIT;
