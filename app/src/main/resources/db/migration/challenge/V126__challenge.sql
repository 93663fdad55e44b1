-- Module challenge (揭榜挂帅, docs/challenge.md): needs, the public board, solvers, applications, milestone payments.

-- The SOLVER role (universities, institutes, enterprises that answer a challenge). The role table belongs to
-- identity; the row is added here because the role exists for this module's workflow.
INSERT INTO role (code, name_zh, name_en) VALUES ('SOLVER', '揭榜单位', 'Challenge solver') ON CONFLICT (code) DO NOTHING;

CREATE TABLE challenge_solver (
    id             bigserial PRIMARY KEY,
    credit_code    text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    name           text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('UNIVERSITY', 'INSTITUTE', 'ENTERPRISE')),
    contact_name   text NOT NULL,
    contact_phone  text NOT NULL,
    user_id        bigint NOT NULL UNIQUE REFERENCES app_user (id),
    status         text NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'REJECTED')),
    checked_by     bigint REFERENCES app_user (id),
    checked_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE challenge (
    id                       bigserial PRIMARY KEY,
    title                    text NOT NULL,
    problem                  text NOT NULL,
    indicators               text NOT NULL,
    field                    text NOT NULL,
    region_code              text NOT NULL REFERENCES region (code),
    issuer_name              text NOT NULL,
    issuer_enterprise_id     bigint REFERENCES enterprise (id),
    issuer_funding_yuan      numeric(14, 2) NOT NULL CHECK (issuer_funding_yuan >= 0),
    government_funding_yuan  numeric(14, 2) NOT NULL CHECK (government_funding_yuan >= 0),
    paid_issuer_yuan         numeric(14, 2) NOT NULL DEFAULT 0,
    paid_government_yuan     numeric(14, 2) NOT NULL DEFAULT 0,
    deadline                 date NOT NULL,
    status                   text NOT NULL CHECK (status IN ('NEED', 'SCREENED', 'PUBLISHED', 'REVIEW', 'NEGOTIATION', 'PUBLICITY',
                                                             'CONTRACTED', 'ACCEPTED', 'TERMINATED', 'REJECTED')),
    winner_application_id    bigint,
    contract_price_yuan      numeric(14, 2),
    publicity_ends_on        date,
    closed_reason            text,
    created_by               bigint REFERENCES app_user (id),
    created_at               timestamptz NOT NULL DEFAULT now(),
    published_at             timestamptz,
    -- the guarded payment update keeps these; the checks are the last line should code ever forget
    CHECK (paid_issuer_yuan >= 0 AND paid_issuer_yuan <= issuer_funding_yuan),
    CHECK (paid_government_yuan >= 0 AND paid_government_yuan <= government_funding_yuan)
);
CREATE INDEX challenge_board_idx ON challenge (status, field);

CREATE TABLE challenge_application (
    id              bigserial PRIMARY KEY,
    challenge_id    bigint NOT NULL REFERENCES challenge (id),
    solver_id       bigint NOT NULL REFERENCES challenge_solver (id),
    team            text NOT NULL,
    plan            text NOT NULL,
    milestones      text NOT NULL,
    price_yuan      numeric(14, 2) NOT NULL CHECK (price_yuan > 0),
    status          text NOT NULL CHECK (status IN ('SUBMITTED', 'FORMAL_OK', 'FORMAL_REJECTED', 'IN_REVIEW', 'WON', 'LOST')),
    formal_note     text,
    review_case_id  bigint,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (challenge_id, solver_id)
);

CREATE TABLE challenge_milestone (
    id                  bigserial PRIMARY KEY,
    challenge_id        bigint NOT NULL REFERENCES challenge (id),
    seq                 integer NOT NULL,
    title               text NOT NULL,
    due_on              date NOT NULL,
    issuer_amount_yuan  numeric(14, 2) NOT NULL CHECK (issuer_amount_yuan >= 0),
    government_amount_yuan numeric(14, 2) NOT NULL CHECK (government_amount_yuan >= 0),
    status              text NOT NULL CHECK (status IN ('PLANNED', 'REPORTED', 'PAID', 'REFUSED_BUDGET')),
    report              text,
    reported_at         timestamptz,
    accepted_by         bigint REFERENCES app_user (id),
    paid_at             timestamptz,
    UNIQUE (challenge_id, seq)
);

CREATE TABLE challenge_objection (
    id            bigserial PRIMARY KEY,
    challenge_id  bigint NOT NULL REFERENCES challenge (id),
    content       text NOT NULL,
    lodged_by     bigint REFERENCES app_user (id),
    lodged_at     timestamptz NOT NULL DEFAULT now(),
    resolution    text,
    resolved_by   bigint REFERENCES app_user (id),
    resolved_at   timestamptz
);

CREATE TABLE challenge_event (
    id            bigserial PRIMARY KEY,
    challenge_id  bigint NOT NULL REFERENCES challenge (id),
    at            timestamptz NOT NULL DEFAULT now(),
    actor_id      bigint REFERENCES app_user (id),
    action        text NOT NULL,
    from_status   text,
    to_status     text NOT NULL,
    detail        text
);
