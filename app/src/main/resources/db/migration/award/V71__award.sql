-- Award cases (兑现): one per (policy, enterprise, period), the reviewed workflow's history, objections raised
-- during publicity, application materials and the budget ledger. docs/award.md describes the workflow.

CREATE TABLE award_case (
    id                 bigserial PRIMARY KEY,
    policy_id          bigint NOT NULL REFERENCES policy (id),
    policy_version     integer NOT NULL,
    enterprise_id      bigint NOT NULL REFERENCES enterprise (id),
    period             integer NOT NULL CHECK (period BETWEEN 1990 AND 2100),
    origin             text NOT NULL CHECK (origin IN ('AUTOMATIC', 'APPLICATION')),
    match_run_id       bigint REFERENCES policy_match_run (id),  -- the matching run whose match opened or backed it
    amount_yuan        numeric(16, 2) NOT NULL CHECK (amount_yuan >= 0),
    status             text NOT NULL CHECK (status IN ('MATCHED', 'ENTERPRISE_CONFIRMED', 'TOWN_REVIEWED', 'BUDGET_WAIT',
                                                       'DISTRICT_APPROVED', 'PUBLICISED', 'PAID', 'REJECTED', 'WITHDRAWN')),
    status_since       timestamptz NOT NULL,                      -- when the current step began (age, overdue)
    -- the bank account the award is paid into (given when the enterprise confirms or applies)
    account_name       text,
    account_bank       text,
    account_number     text CHECK (account_number ~ '^[0-9]{8,30}$'),
    materials          text,                                      -- application materials (text)
    -- who took each step and when; maker-checker compares these user ids
    confirmed_by       bigint REFERENCES app_user (id),
    confirmed_at       timestamptz,
    reviewed_by        bigint REFERENCES app_user (id),
    reviewed_at        timestamptz,
    approved_by        bigint REFERENCES app_user (id),
    approved_at        timestamptz,
    publicised_by      bigint REFERENCES app_user (id),
    publicised_at      timestamptz,
    publicity_ends_on  date,                                      -- last day of the publicity period (inclusive)
    paid_by            bigint REFERENCES app_user (id),
    paid_at            timestamptz,
    payment_reference  text,
    closed_reason      text,                                      -- why REJECTED or WITHDRAWN
    created_at         timestamptz NOT NULL,
    UNIQUE (policy_id, enterprise_id, period),
    FOREIGN KEY (policy_id, policy_version) REFERENCES policy_version (policy_id, version),
    CHECK (status NOT IN ('REJECTED', 'WITHDRAWN') OR closed_reason IS NOT NULL),
    CHECK (status <> 'PAID' OR payment_reference IS NOT NULL),
    CHECK (status = 'MATCHED' OR status IN ('REJECTED', 'WITHDRAWN') OR account_number IS NOT NULL),
    -- maker-checker, also in the database: the approver neither confirmed nor reviewed; the payer did not approve
    CHECK (approved_by IS NULL OR (approved_by IS DISTINCT FROM reviewed_by AND approved_by IS DISTINCT FROM confirmed_by)),
    CHECK (paid_by IS NULL OR paid_by IS DISTINCT FROM approved_by)
);
CREATE INDEX award_case_enterprise_idx ON award_case (enterprise_id);
CREATE INDEX award_case_status_idx ON award_case (status, status_since);
CREATE INDEX award_case_policy_idx ON award_case (policy_id, period, status);

-- Every step a case took; never updated.
CREATE TABLE award_case_event (
    id             bigserial PRIMARY KEY,
    case_id        bigint NOT NULL REFERENCES award_case (id),
    from_status    text,                                          -- null when the case opened
    to_status      text NOT NULL,
    action         text NOT NULL,
    actor_user_id  bigint REFERENCES app_user (id),               -- null for the system (automatic opening)
    actor_username text NOT NULL,
    actor_role     text,
    reason         text,
    at             timestamptz NOT NULL
);
CREATE INDEX award_case_event_case_idx ON award_case_event (case_id, id);

-- An uploaded application file; one per case.
CREATE TABLE award_material (
    case_id      bigint PRIMARY KEY REFERENCES award_case (id),
    file_name    text NOT NULL,
    content_type text NOT NULL,
    size_bytes   integer NOT NULL CHECK (size_bytes >= 0),
    content      bytea NOT NULL,
    uploaded_at  timestamptz NOT NULL
);

-- Objections lodged while a case is publicised; an unresolved one blocks payment.
CREATE TABLE award_objection (
    id           bigserial PRIMARY KEY,
    case_id      bigint NOT NULL REFERENCES award_case (id),
    lodged_by    text NOT NULL,
    lodged_at    timestamptz NOT NULL,
    content      text NOT NULL,
    resolved_by  text,
    resolved_at  timestamptz,
    resolution   text,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX award_objection_case_idx ON award_objection (case_id);

-- The budget ledger: per (policy, period) the published budget and the sum of amounts of cases approved and not
-- released (DISTRICT_APPROVED, PUBLICISED, PAID). Approvals add to committed_yuan with a guarded UPDATE under the
-- row lock; the CHECK makes an overspend impossible whatever the code does.
CREATE TABLE award_budget (
    policy_id      bigint NOT NULL REFERENCES policy (id),
    period         integer NOT NULL,
    budget_yuan    numeric(16, 2) NOT NULL CHECK (budget_yuan >= 0),
    committed_yuan numeric(16, 2) NOT NULL DEFAULT 0 CHECK (committed_yuan >= 0),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (policy_id, period),
    CHECK (committed_yuan <= budget_yuan)
);
