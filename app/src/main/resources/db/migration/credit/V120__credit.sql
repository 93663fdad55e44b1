-- 科创积分贷, the bank side (module credit). The credit module takes over bank_authorisation (created by V1 in
-- foundation) and grows it into consent: which parts of the file, for what purpose, granted and revoked by whom.
-- identity's DataScope.AuthorisedBank reads it live (revoked_at, expires_at, parts).
ALTER TABLE bank_authorisation
    ADD COLUMN parts      text[] NOT NULL DEFAULT ARRAY['POINTS', 'FACTS', 'RECOGNITIONS'],
    ADD COLUMN purpose    text NOT NULL DEFAULT '科创积分贷授信审查',
    ADD COLUMN granted_by bigint REFERENCES app_user (id),
    ADD COLUMN revoked_by bigint REFERENCES app_user (id),
    ADD CONSTRAINT bank_authorisation_parts_known
        CHECK (cardinality(parts) > 0 AND parts <@ ARRAY['POINTS', 'FACTS', 'RECOGNITIONS']::text[]),
    ADD CONSTRAINT bank_authorisation_expiry_after_grant CHECK (expires_at > granted_at);
CREATE INDEX bank_authorisation_enterprise_idx ON bank_authorisation (enterprise_id, bank_id);

-- Financial products a bank publishes; eligibility is a list of criteria [{id, zh, en, condition}] in CEL.
CREATE TABLE credit_product (
    id              bigserial PRIMARY KEY,
    bank_id         bigint NOT NULL REFERENCES bank (id),
    code            text NOT NULL,
    name            text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('CREDIT', 'IP_PLEDGE', 'POINTS', 'EQUITY_DEBT')),
    amount_min_yuan numeric(16, 2) NOT NULL CHECK (amount_min_yuan > 0),
    amount_max_yuan numeric(16, 2) NOT NULL,
    rate_min        numeric(6, 4) NOT NULL CHECK (rate_min >= 0),
    rate_max        numeric(6, 4) NOT NULL,
    term_months     integer NOT NULL CHECK (term_months BETWEEN 1 AND 360),
    eligibility     jsonb NOT NULL,
    pool_covered    boolean NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (bank_id, code),
    CHECK (amount_min_yuan <= amount_max_yuan),
    CHECK (rate_min <= rate_max)
);

-- Applications and loans: one row from application to closing (or compensation); history in loan_event.
CREATE TABLE loan (
    id                       bigserial PRIMARY KEY,
    enterprise_id            bigint NOT NULL REFERENCES enterprise (id),
    region_code              text NOT NULL,
    bank_id                  bigint NOT NULL REFERENCES bank (id),
    product_id               bigint REFERENCES credit_product (id),
    status                   text NOT NULL,
    requested_yuan           numeric(16, 2) NOT NULL CHECK (requested_yuan > 0),
    approved_yuan            numeric(16, 2) CHECK (approved_yuan > 0),
    disbursed_yuan           numeric(16, 2),
    outstanding_yuan         numeric(16, 2) CHECK (outstanding_yuan >= 0),
    recovered_yuan           numeric(16, 2) NOT NULL DEFAULT 0,
    loan_kind                text NOT NULL DEFAULT 'DIRECT' CHECK (loan_kind IN ('DIRECT', 'GUARANTEED')),
    first_loan               boolean NOT NULL DEFAULT false,
    pure_credit_or_ip_pledge boolean NOT NULL DEFAULT false,
    pre_approved             boolean NOT NULL DEFAULT false,
    purpose                  text,
    bank_reference           text,
    disbursed_on             date,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    UNIQUE (bank_id, bank_reference)
);
CREATE INDEX loan_bank_idx ON loan (bank_id, status, id);
CREATE INDEX loan_bank_book_idx ON loan (bank_id, id);
CREATE INDEX loan_enterprise_idx ON loan (enterprise_id);
CREATE INDEX loan_region_idx ON loan (region_code text_pattern_ops);

CREATE TABLE loan_event (
    id          bigserial PRIMARY KEY,
    loan_id     bigint NOT NULL REFERENCES loan (id),
    from_status text,
    to_status   text NOT NULL,
    action      text NOT NULL,
    actor       text NOT NULL,
    actor_id    bigint,
    amount_yuan numeric(16, 2),
    occurred_on date,
    note        text,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX loan_event_loan_idx ON loan_event (loan_id, id);

-- Event reports through the API: the same key from the same bank is answered from here, once.
CREATE TABLE bank_report (
    id              bigserial PRIMARY KEY,
    bank_id         bigint NOT NULL REFERENCES bank (id),
    idempotency_key text NOT NULL,
    request_hash    text NOT NULL,
    loan_id         bigint NOT NULL REFERENCES loan (id),
    response        text NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (bank_id, idempotency_key)
);

-- API tokens of bank clients: the secret is stored as its SHA-256 (high-entropy secrets need no slow hash).
CREATE TABLE bank_api_token (
    id           bigserial PRIMARY KEY,
    bank_id      bigint NOT NULL REFERENCES bank (id),
    user_id      bigint NOT NULL REFERENCES app_user (id),
    name         text NOT NULL,
    token_prefix text NOT NULL UNIQUE,
    secret_hash  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   bigint REFERENCES app_user (id)
);

-- The government's risk-compensation pool per region and period; approvals commit against it with a guarded update.
CREATE TABLE risk_pool (
    id             bigserial PRIMARY KEY,
    region_code    text NOT NULL,
    period         integer NOT NULL,
    scheme_code    text NOT NULL,
    funded_yuan    numeric(16, 2) NOT NULL DEFAULT 0 CHECK (funded_yuan >= 0),
    committed_yuan numeric(16, 2) NOT NULL DEFAULT 0 CHECK (committed_yuan >= 0),
    returned_yuan  numeric(16, 2) NOT NULL DEFAULT 0 CHECK (returned_yuan >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (region_code, period),
    CHECK (committed_yuan <= funded_yuan + returned_yuan)
);
CREATE TABLE risk_pool_funding (
    id          bigserial PRIMARY KEY,
    pool_id     bigint NOT NULL REFERENCES risk_pool (id),
    amount_yuan numeric(16, 2) NOT NULL CHECK (amount_yuan > 0),
    note        text NOT NULL,
    funded_by   bigint REFERENCES app_user (id),
    at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE compensation_claim (
    id                      bigserial PRIMARY KEY,
    loan_id                 bigint NOT NULL REFERENCES loan (id),
    bank_id                 bigint NOT NULL REFERENCES bank (id),
    pool_id                 bigint NOT NULL REFERENCES risk_pool (id),
    status                  text NOT NULL CHECK (status IN ('SUBMITTED', 'REVIEWED', 'APPROVED', 'PAID', 'REJECTED')),
    nonperforming_principal numeric(16, 2) NOT NULL CHECK (nonperforming_principal >= 0),
    bank_loss_total         numeric(16, 2) NOT NULL CHECK (bank_loss_total >= 0),
    amount_yuan             numeric(16, 2) NOT NULL CHECK (amount_yuan >= 0),
    share                   numeric(6, 4) NOT NULL,
    explanation_zh          text NOT NULL,
    explanation_en          text NOT NULL,
    evidence                text NOT NULL,
    submitted_by            bigint REFERENCES app_user (id),
    reviewed_by             bigint REFERENCES app_user (id),
    approved_by             bigint REFERENCES app_user (id),
    paid_by                 bigint REFERENCES app_user (id),
    payment_reference       text,
    reject_reason           text,
    returned_yuan           numeric(16, 2) NOT NULL DEFAULT 0,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK (approved_by IS NULL OR approved_by <> reviewed_by)
);
CREATE INDEX compensation_claim_bank_idx ON compensation_claim (bank_id, status);
CREATE INDEX compensation_claim_pool_idx ON compensation_claim (pool_id, status);
CREATE UNIQUE INDEX compensation_claim_open_idx ON compensation_claim (loan_id) WHERE status <> 'REJECTED';

CREATE TABLE claim_recovery (
    id          bigserial PRIMARY KEY,
    claim_id    bigint NOT NULL REFERENCES compensation_claim (id),
    amount_yuan numeric(16, 2) NOT NULL CHECK (amount_yuan > 0),
    to_pool     numeric(16, 2) NOT NULL CHECK (to_pool >= 0),
    recorded_by bigint REFERENCES app_user (id),
    at          timestamptz NOT NULL DEFAULT now()
);
