-- Foundation schema: regions, enterprises and their yearly facts, recognitions, imports, identity, audit.
-- Columns of enterprise / enterprise_year follow ../shared/data-dictionary.md one to one (English key = column).

-- Regions ----------------------------------------------------------------------------------------------
-- Statistical division codes cut to 2/4/6/9 digits; a subtree is every code that starts with its root's code.
CREATE TABLE region (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3})?)?)?$'),
    name        text NOT NULL,
    level       text NOT NULL CHECK (level IN ('province', 'city', 'county', 'town')),
    parent_code text REFERENCES region (code),
    demo        boolean NOT NULL DEFAULT false   -- invented for the demo data set, not an official code
);
CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_code_prefix_idx ON region (code text_pattern_ops);

-- Imports ----------------------------------------------------------------------------------------------
CREATE TABLE import_batch (
    id              bigserial PRIMARY KEY,
    file_name       text NOT NULL,
    file_sha256     text NOT NULL,
    file_kind       text NOT NULL,                 -- ENTERPRISE_YEAR | RECOGNITION
    source          text NOT NULL DEFAULT 'upload', -- tax, market regulation, IP office, upload, demo …
    status          text NOT NULL CHECK (status IN ('RUNNING', 'COMMITTED', 'UNCHANGED', 'FAILED')),
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    started_by      text,
    rows_read       integer NOT NULL DEFAULT 0,
    rows_valid      integer NOT NULL DEFAULT 0,
    rows_rejected   integer NOT NULL DEFAULT 0,
    rows_inserted   integer NOT NULL DEFAULT 0,
    rows_updated    integer NOT NULL DEFAULT 0,
    rows_unchanged  integer NOT NULL DEFAULT 0,
    warnings        integer NOT NULL DEFAULT 0,
    message         text
);
-- Re-importing the same file is a no-op: one committed batch per file content.
CREATE UNIQUE INDEX import_batch_committed_file_uq ON import_batch (file_sha256) WHERE status = 'COMMITTED';

CREATE TABLE import_rejection (
    batch_id    bigint NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
    line_no     integer NOT NULL,
    column_name text,
    value       text,
    reason_zh   text NOT NULL,
    reason_en   text NOT NULL,
    severity    text NOT NULL DEFAULT 'ERROR' CHECK (severity IN ('ERROR', 'WARNING'))
);
CREATE INDEX import_rejection_batch_idx ON import_rejection (batch_id, line_no);

-- Enterprises ------------------------------------------------------------------------------------------
CREATE TABLE enterprise (
    id            bigserial PRIMARY KEY,
    credit_code   text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    name          text NOT NULL,
    region_code   text REFERENCES region (code),
    county_code   text GENERATED ALWAYS AS (left(region_code, 6)) STORED,
    town_code     text GENERATED ALWAYS AS (CASE WHEN length(region_code) = 9 THEN region_code END) STORED,
    industry_code text,
    hnte_domain   text CHECK (hnte_domain IN ('01', '02', '03', '04', '05', '06', '07', '08')),
    founded_on    date NOT NULL,
    listed        boolean,
    sources       jsonb NOT NULL DEFAULT '{}',   -- column -> import_batch.id that supplied the current value
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_region_idx ON enterprise (region_code text_pattern_ops);
CREATE INDEX enterprise_county_idx ON enterprise (county_code);
CREATE INDEX enterprise_town_idx ON enterprise (town_code);
CREATE INDEX enterprise_name_idx ON enterprise (name);

CREATE TABLE enterprise_year (
    enterprise_id          bigint NOT NULL REFERENCES enterprise (id),
    year                   integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    employees              integer CHECK (employees >= 0),
    tech_staff             integer CHECK (tech_staff >= 0),
    rd_staff               integer CHECK (rd_staff >= 0),
    sales_revenue          numeric(18, 2) CHECK (sales_revenue >= 0),
    main_business_revenue  numeric(18, 2) CHECK (main_business_revenue >= 0),
    total_income           numeric(18, 2) CHECK (total_income >= 0),
    hightech_income        numeric(18, 2) CHECK (hightech_income >= 0),
    total_assets           numeric(18, 2) CHECK (total_assets >= 0),
    total_liabilities      numeric(18, 2) CHECK (total_liabilities >= 0),
    total_costs            numeric(18, 2) CHECK (total_costs >= 0),
    net_profit             numeric(18, 2),
    rd_expense             numeric(18, 2) CHECK (rd_expense >= 0),
    rd_expense_domestic    numeric(18, 2) CHECK (rd_expense_domestic >= 0),
    ip_class1              integer CHECK (ip_class1 >= 0),
    ip_class2              integer CHECK (ip_class2 >= 0),
    ip_own_rd              boolean,
    conversions            integer CHECK (conversions >= 0),
    equity_financing       numeric(18, 2) CHECK (equity_financing >= 0),
    valuation_usd          numeric(18, 2) CHECK (valuation_usd >= 0),
    major_incident         boolean,
    bad_credit             boolean,
    hnte_certified         boolean,
    rd_institution_level   text CHECK (rd_institution_level IN ('none', 'city', 'provincial', 'national')),
    national_award_5y      boolean,
    led_standard_5y        boolean,
    hnte_tech_advancement  integer CHECK (hnte_tech_advancement BETWEEN 0 AND 8),
    hnte_core_support      integer CHECK (hnte_core_support BETWEEN 0 AND 8),
    hnte_rd_management     integer CHECK (hnte_rd_management BETWEEN 0 AND 20),
    hnte_standards_bonus   integer CHECK (hnte_standards_bonus BETWEEN 0 AND 2),
    sources                jsonb NOT NULL DEFAULT '{}',   -- column -> import_batch.id that supplied the value
    updated_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enterprise_id, year)
);
CREATE INDEX enterprise_year_year_idx ON enterprise_year (year);

-- Official recognitions held (certificates), with their validity.
CREATE TABLE recognition (
    id             bigserial PRIMARY KEY,
    enterprise_id  bigint NOT NULL REFERENCES enterprise (id),
    kind           text NOT NULL CHECK (kind IN ('TSME', 'HNTE', 'GAZELLE', 'SEED_UNICORN', 'POTENTIAL_UNICORN',
                                                  'UNICORN', 'INNOVATIVE_SME', 'SPECIALISED_SME', 'LITTLE_GIANT')),
    certificate_no text NOT NULL,
    issued_on      date NOT NULL,
    expires_on     date,
    issuer         text,
    source         text NOT NULL,
    batch_id       bigint REFERENCES import_batch (id),
    CHECK (expires_on IS NULL OR expires_on >= issued_on),
    UNIQUE (enterprise_id, kind, certificate_no)
);
CREATE INDEX recognition_kind_idx ON recognition (kind, issued_on);

-- Identity and data scopes ----------------------------------------------------------------------------
CREATE TABLE role (
    code    text PRIMARY KEY,
    name_zh text NOT NULL,
    name_en text NOT NULL
);
INSERT INTO role (code, name_zh, name_en) VALUES
    ('ADMIN', '平台管理员', 'Platform administrator'),
    ('BUREAU', '科技局', 'Science and technology bureau'),
    ('TOWN', '镇/街道科技助理', 'Town tech assistant'),
    ('ENTERPRISE', '企业用户', 'Enterprise user'),
    ('BANK', '合作银行', 'Partner bank'),
    ('EXPERT', '评审专家', 'Expert reviewer'),
    ('LEADER', '科创委领导', 'Leader (read-only)');

CREATE TABLE bank (
    id   bigserial PRIMARY KEY,
    code text NOT NULL UNIQUE,
    name text NOT NULL
);

CREATE TABLE app_user (
    id              bigserial PRIMARY KEY,
    username        text NOT NULL UNIQUE,
    password_hash   text NOT NULL,
    display_name    text NOT NULL,
    role            text NOT NULL REFERENCES role (code),
    -- data scope: which one applies depends on the role (see DataScope)
    region_code     text REFERENCES region (code),
    enterprise_id   bigint REFERENCES enterprise (id),
    bank_id         bigint REFERENCES bank (id),
    enabled         boolean NOT NULL DEFAULT true,
    failed_logins   integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (role NOT IN ('BUREAU', 'TOWN', 'LEADER') OR region_code IS NOT NULL),
    CHECK (role <> 'ENTERPRISE' OR enterprise_id IS NOT NULL),
    CHECK (role <> 'BANK' OR bank_id IS NOT NULL)
);

-- An enterprise's authorisation of a bank to see its data; the finance capability manages its life cycle.
CREATE TABLE bank_authorisation (
    id            bigserial PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise (id),
    bank_id       bigint NOT NULL REFERENCES bank (id),
    granted_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX bank_authorisation_bank_idx ON bank_authorisation (bank_id, enterprise_id);

-- Audit ------------------------------------------------------------------------------------------------
-- Append-only and hash-chained: hash = sha256(prev_hash || canonical entry), so any altered row breaks the chain.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    target      text,
    detail      text,
    source_ip   text,
    prev_hash   text NOT NULL,
    hash        text NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
