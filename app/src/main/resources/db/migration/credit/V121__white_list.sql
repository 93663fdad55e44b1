-- 科技型企业白名单 (module credit). A bureau's rule is data: criteria [{id, zh, en, condition}] in CEL, a citation and
-- effective dates, versioned like a policy (a draft is edited; publishing freezes it; the next edit is a new version).
CREATE TABLE white_list_rule (
    id             bigserial PRIMARY KEY,
    region_code    text NOT NULL,
    version        integer NOT NULL CHECK (version > 0),
    status         text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
    title          text NOT NULL,
    criteria       jsonb NOT NULL,
    citation       text NOT NULL,
    effective_from date NOT NULL,
    effective_to   date,
    saved_by       bigint REFERENCES app_user (id),
    saved_at       timestamptz NOT NULL DEFAULT now(),
    published_by   bigint REFERENCES app_user (id),
    published_at   timestamptz,
    UNIQUE (region_code, version),
    CHECK (effective_to IS NULL OR effective_to >= effective_from),
    CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
);
-- at most one draft per region: the next edit goes into it
CREATE UNIQUE INDEX white_list_rule_draft_idx ON white_list_rule (region_code) WHERE status = 'DRAFT';

-- A published version is never changed (not even by hand in SQL): lists published under it cite it.
CREATE FUNCTION white_list_rule_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = 'PUBLISHED' THEN
        RAISE EXCEPTION 'white_list_rule % version % is published and cannot be changed', OLD.region_code, OLD.version;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER white_list_rule_frozen BEFORE UPDATE OR DELETE ON white_list_rule
    FOR EACH ROW EXECUTE FUNCTION white_list_rule_frozen();

-- One publication per region and period ('2025' for a year, '2025Q3' for a quarter), computed once.
CREATE TABLE white_list (
    id           bigserial PRIMARY KEY,
    region_code  text NOT NULL,
    period       text NOT NULL CHECK (period ~ '^[0-9]{4}(Q[1-4])?$'),
    rule_id      bigint NOT NULL REFERENCES white_list_rule (id),
    data_year    integer,
    evaluated    integer NOT NULL DEFAULT 0,
    listed       integer NOT NULL DEFAULT 0,
    near         integer NOT NULL DEFAULT 0,
    millis       bigint NOT NULL DEFAULT 0,
    published_by bigint REFERENCES app_user (id),
    published_at timestamptz NOT NULL DEFAULT now(),
    sealed       boolean NOT NULL DEFAULT false,   -- set by the publication's last statement; from then on frozen
    UNIQUE (region_code, period)
);

-- A published list is never changed or removed (not even by hand in SQL): banks and the 如皋 pool variant rely on it.
CREATE FUNCTION white_list_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.sealed THEN
        RAISE EXCEPTION 'white list % of % for % is published and cannot be changed', OLD.id, OLD.region_code, OLD.period;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER white_list_sealed BEFORE UPDATE OR DELETE ON white_list
    FOR EACH ROW EXECUTE FUNCTION white_list_sealed();

-- Every evaluated enterprise: met/unknown are bit masks over the rule's criteria (bit i = criterion i), so the reason
-- (the labels of the criteria met) and a near miss's gap (the one not met) are read from the rule, not stored as text.
-- No foreign keys on purpose: a list of 1,000,000 rows is copied in one transaction, and the per-row referential
-- checks made that eight times slower (docs/benchmarks.md). The rows are written by one statement stream that reads
-- the enterprise table in the same transaction, right after the list's row; enterprises are never deleted.
CREATE TABLE white_list_entry (
    list_id       bigint NOT NULL,
    enterprise_id bigint NOT NULL,
    listed        boolean NOT NULL,
    near          boolean NOT NULL,
    met_mask      integer NOT NULL,
    unknown_mask  integer NOT NULL,
    tier          smallint,           -- rules.ladder.Tier ordinal of the highest recognition held (official)
    points        numeric(8, 2),
    PRIMARY KEY (list_id, enterprise_id)
);

-- Entries are never changed or removed, not even by hand in SQL (adding rows stays possible: a restore copies them in).
CREATE FUNCTION white_list_entry_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'white-list entries are never changed or removed (%)', TG_OP;
END $$;
CREATE TRIGGER white_list_entry_frozen BEFORE UPDATE OR DELETE OR TRUNCATE ON white_list_entry
    FOR EACH STATEMENT EXECUTE FUNCTION white_list_entry_frozen();
CREATE INDEX white_list_entry_enterprise_idx ON white_list_entry (enterprise_id) WHERE listed;

-- The enterprise's choice whether it may be recommended to partner banks (opt-in; changes are audited).
CREATE TABLE white_list_recommend (
    enterprise_id bigint PRIMARY KEY REFERENCES enterprise (id),
    allowed       boolean NOT NULL,
    changed_by    bigint REFERENCES app_user (id),
    changed_at    timestamptz NOT NULL DEFAULT now()
);
