-- Policy quick redemption (政策速兑): the catalogue and the stored matches. Award cases, their history and the
-- budget ledger are in V71 (package org.innoladder.award); docs/policy.md describes both.

-- A policy is owned by the bureau of region_code and applies to enterprises in that region's subtree.
CREATE TABLE policy (
    id                bigserial PRIMARY KEY,
    code              text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{2,64}$'),
    region_code       text NOT NULL REFERENCES region (code),
    status            text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'RETIRED')),
    published_version integer,                            -- the version matching and awards use; null while DRAFT
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);

-- Every save is a new version; a published version is never edited (matches and awards cite it).
CREATE TABLE policy_version (
    policy_id     bigint NOT NULL REFERENCES policy (id),
    version       integer NOT NULL CHECK (version >= 1),
    title_zh      text NOT NULL,
    title_en      text,
    issuer        text NOT NULL,                          -- e.g. 常州市科学技术局
    document_no   text NOT NULL,                          -- e.g. 常科发〔2024〕12号 (examples say so in `example`)
    clause        text,
    period_start  date NOT NULL,
    period_end    date NOT NULL CHECK (period_end >= period_start),
    target_group  text NOT NULL,
    mode          text NOT NULL CHECK (mode IN ('AUTOMATIC', 'APPLICATION')),
    eligibility   text NOT NULL,                          -- CEL boolean condition (type-checked when saved)
    award         text NOT NULL,                          -- CEL amount in yuan (type-checked when saved)
    parameters    jsonb NOT NULL DEFAULT '{}',            -- {"name": {"value": 200000, "unit": "元", "note": "..."}}
    budget_yuan   numeric(16, 2) NOT NULL CHECK (budget_yuan >= 0),   -- budget per award period (year)
    contact       text,
    handbook      text,
    example       boolean NOT NULL DEFAULT false,         -- an example shipped with the project, not a real policy
    definition    text NOT NULL,                          -- the YAML this version was saved or imported as
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (policy_id, version)
);

-- One matching run: one published policy version over a region subtree's population for one period (year).
CREATE TABLE policy_match_run (
    id             bigserial PRIMARY KEY,
    policy_id      bigint NOT NULL REFERENCES policy (id),
    policy_version integer NOT NULL,
    region_code    text REFERENCES region (code),
    period         integer NOT NULL CHECK (period BETWEEN 1990 AND 2100),
    status         text NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    started_by     text NOT NULL,
    started_at     timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz,
    evaluated      integer NOT NULL DEFAULT 0,
    eligible       integer NOT NULL DEFAULT 0,
    near           integer NOT NULL DEFAULT 0,
    message        text,
    FOREIGN KEY (policy_id, policy_version) REFERENCES policy_version (policy_id, version)
);

-- The latest match of each enterprise for a policy and period; a later run replaces it (upsert). Enterprises
-- that are plainly not eligible are not stored; NEAR ones are, with their gaps, for "my policies".
CREATE TABLE policy_match (
    policy_id      bigint NOT NULL REFERENCES policy (id),
    enterprise_id  bigint NOT NULL REFERENCES enterprise (id),
    period         integer NOT NULL,
    policy_version integer NOT NULL,
    run_id         bigint NOT NULL REFERENCES policy_match_run (id),
    outcome        text NOT NULL CHECK (outcome IN ('ELIGIBLE', 'NEAR', 'UNDETERMINED')),
    amount_yuan    numeric(16, 2) CHECK (amount_yuan >= 0),   -- null unless ELIGIBLE
    explanation    jsonb NOT NULL,                          -- {"zh": "符合: …; 奖励 20 万元", "en": "…", "criteria": […], "gaps": […]}
    facts          jsonb NOT NULL,                          -- the facts the condition and formula read, by name
    matched_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (policy_id, enterprise_id, period),
    FOREIGN KEY (policy_id, policy_version) REFERENCES policy_version (policy_id, version)
);
CREATE INDEX policy_match_enterprise_idx ON policy_match (enterprise_id);
CREATE INDEX policy_match_run_idx ON policy_match (run_id);
