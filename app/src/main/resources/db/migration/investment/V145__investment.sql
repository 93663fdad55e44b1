-- 科技招商 projects (module investment, docs/investment.md): the pipeline 线索 → 洽谈 → 签约 → 落地 → 投产 (or 终止),
-- each project owned by a town (its region code), linked to the enterprise by credit code once it registers.
-- Amounts in yuan (pages and files give 万元).

-- One upload of a project register: who, when, how many rows, and the row-level report.
CREATE TABLE investment_import (
    id            bigserial PRIMARY KEY,
    file_name     text NOT NULL,
    uploaded_by   text NOT NULL,
    rows_read     integer NOT NULL CHECK (rows_read >= 0),
    rows_added    integer NOT NULL CHECK (rows_added >= 0),
    rows_updated  integer NOT NULL CHECK (rows_updated >= 0),
    rows_rejected integer NOT NULL CHECK (rows_rejected >= 0),
    rejections    jsonb NOT NULL DEFAULT '[]',
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- A project. The key of a re-import is (town, name). The stage dates are those of the steps taken (or of the register
-- imported); the targets' metrics count by them.
CREATE TABLE investment_project (
    id                     bigserial PRIMARY KEY,
    name                   text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    field                  text NOT NULL CHECK (length(field) BETWEEN 1 AND 60),
    source                 text NOT NULL CHECK (source IN ('EVENT', 'REFERRAL', 'AGENCY', 'FUND', 'CARRIER', 'DISTRICT_TOWN', 'OTHER')),
    region_code            text NOT NULL REFERENCES region (code),
    planned_yuan           numeric(16, 2) NOT NULL CHECK (planned_yuan > 0),
    signed_yuan            numeric(16, 2) CHECK (signed_yuan > 0),
    status                 text NOT NULL CHECK (status IN ('LEAD', 'NEGOTIATING', 'SIGNED', 'LANDED', 'PRODUCING', 'TERMINATED')),
    credit_code            text CHECK (length(credit_code) = 18),
    lead_on                date NOT NULL,
    signed_on              date,
    landed_on              date,
    producing_on           date,
    terminated_reason      text CHECK (length(terminated_reason) <= 2000),
    import_id              bigint REFERENCES investment_import (id),
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (region_code, name),
    -- a stage past 签约 has its amount and date, past 落地 its enterprise and date, 投产 its date
    CHECK (status NOT IN ('SIGNED', 'LANDED', 'PRODUCING') OR (signed_yuan IS NOT NULL AND signed_on IS NOT NULL)),
    CHECK (status NOT IN ('LANDED', 'PRODUCING') OR (credit_code IS NOT NULL AND landed_on IS NOT NULL)),
    CHECK (status <> 'PRODUCING' OR producing_on IS NOT NULL),
    CHECK (status <> 'TERMINATED' OR terminated_reason IS NOT NULL)
);
CREATE INDEX investment_project_region_idx ON investment_project (region_code text_pattern_ops, status);
CREATE INDEX investment_project_credit_idx ON investment_project (credit_code);

-- The history of a project: every step (and the import that registered it), who, when, with the detail given.
CREATE TABLE investment_event (
    id          bigserial PRIMARY KEY,
    project_id  bigint NOT NULL REFERENCES investment_project (id),
    action      text NOT NULL,
    from_status text,
    to_status   text NOT NULL,
    actor       text NOT NULL,
    detail      text,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX investment_event_project_idx ON investment_event (project_id, id);
