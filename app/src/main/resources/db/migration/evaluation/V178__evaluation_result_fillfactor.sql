-- A re-run updates each stored result in place (CompactResultWriter's MERGE). With half of every page left free the
-- new version fits beside the old one, and since an unchanged outcome touches no indexed column PostgreSQL writes it as
-- a heap-only tuple: no index entry, and the old version is pruned on the page. Pages written from now on keep the
-- space; a table partitioned by year (db/partitioning) takes the setting on each partition.
DO $$
DECLARE
    part regclass;
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = 'evaluation_result'::regclass) = 'p' THEN
        FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'evaluation_result'::regclass LOOP
            EXECUTE format('ALTER TABLE %s SET (fillfactor = 50)', part);
        END LOOP;
    ELSE
        ALTER TABLE evaluation_result SET (fillfactor = 50);
    END IF;
END
$$;
