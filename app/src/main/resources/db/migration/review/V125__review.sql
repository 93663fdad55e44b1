-- Module review (docs/review.md): the expert pool, review cases with their assignments, scores and history, and the
-- HNTE application dossiers (三级审查) whose expert step is a review case.

CREATE TABLE review_expert (
    id                       bigserial PRIMARY KEY,
    user_id                  bigint UNIQUE REFERENCES app_user (id),
    name                     text NOT NULL,
    organisation             text NOT NULL,
    organisation_credit_code text CHECK (organisation_credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    title                    text NOT NULL,
    fields                   text[] NOT NULL CHECK (cardinality(fields) > 0),
    available                boolean NOT NULL DEFAULT true,
    max_workload             integer NOT NULL DEFAULT 10 CHECK (max_workload >= 0),
    region_code              text NOT NULL REFERENCES region (code),
    created_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_expert_fields_idx ON review_expert USING gin (fields);

-- Conflicts the expert declared (by the other party's credit code) and joint applications (for the 3-year rule).
CREATE TABLE review_expert_conflict (
    expert_id   bigint NOT NULL REFERENCES review_expert (id),
    credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    note        text,
    PRIMARY KEY (expert_id, credit_code)
);
CREATE TABLE review_expert_coapplication (
    expert_id   bigint NOT NULL REFERENCES review_expert (id),
    credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NP-RTUWXY]{18}$'),
    year        integer NOT NULL,
    project     text,
    PRIMARY KEY (expert_id, credit_code, year)
);

CREATE TABLE review_case (
    id                     bigserial PRIMARY KEY,
    kind                   text NOT NULL CHECK (kind IN ('HNTE', 'CHALLENGE')),
    subject_id             bigint NOT NULL,
    form_id                text NOT NULL,
    title                  text NOT NULL,
    applicant_name         text NOT NULL,
    applicant_credit_code  text,
    enterprise_id          bigint REFERENCES enterprise (id),
    region_code            text NOT NULL REFERENCES region (code),
    fields                 text[] NOT NULL,
    year                   integer NOT NULL,
    blind                  boolean NOT NULL DEFAULT false,
    status                 text NOT NULL CHECK (status IN ('OPEN', 'SCORING', 'MODERATION', 'DECIDED', 'CANCELLED')),
    mean                   numeric(8, 2),
    passes                 boolean,
    created_by             bigint REFERENCES app_user (id),
    created_at             timestamptz NOT NULL DEFAULT now(),
    decided_by             bigint REFERENCES app_user (id),
    decided_at             timestamptz,
    UNIQUE (kind, subject_id)
);
CREATE INDEX review_case_status_idx ON review_case (kind, status);
CREATE INDEX review_case_enterprise_idx ON review_case (enterprise_id);

CREATE TABLE review_assignment (
    id                 bigserial PRIMARY KEY,
    case_id            bigint NOT NULL REFERENCES review_case (id),
    expert_id          bigint NOT NULL REFERENCES review_expert (id),
    status             text NOT NULL CHECK (status IN ('CONFIRMED', 'ACCEPTED', 'DECLINED', 'SUBMITTED')),
    proposed_because   text NOT NULL,
    confirmed_by       bigint NOT NULL REFERENCES app_user (id),
    confirmed_at       timestamptz NOT NULL DEFAULT now(),
    decline_reason     text,
    submitted_at       timestamptz,
    total              numeric(8, 2),
    moderated_total    numeric(8, 2),
    moderation_reason  text,
    moderated_by       bigint REFERENCES app_user (id),
    UNIQUE (case_id, expert_id),
    CHECK (moderated_total IS NULL OR moderation_reason IS NOT NULL)
);
CREATE INDEX review_assignment_expert_idx ON review_assignment (expert_id, status);

CREATE TABLE review_score (
    assignment_id    bigint NOT NULL REFERENCES review_assignment (id),
    criterion_id     text NOT NULL,
    score            integer NOT NULL CHECK (score >= 0),
    moderated_score  integer CHECK (moderated_score >= 0),
    comment          text,
    PRIMARY KEY (assignment_id, criterion_id)
);

-- The case's history: one row per step, written with the step.
CREATE TABLE review_event (
    id           bigserial PRIMARY KEY,
    case_id      bigint NOT NULL REFERENCES review_case (id),
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint REFERENCES app_user (id),
    action       text NOT NULL,
    from_status  text,
    to_status    text NOT NULL,
    detail       text
);
CREATE INDEX review_event_case_idx ON review_event (case_id, id);

-- HNTE application review (三级审查): the dossier, its steps, and the expert facts it produced.
CREATE TABLE hnte_dossier (
    id               bigserial PRIMARY KEY,
    enterprise_id    bigint NOT NULL REFERENCES enterprise (id),
    year             integer NOT NULL,
    status           text NOT NULL CHECK (status IN ('SUBMITTED', 'TOWN_CHECKED', 'CITY_CHECKED', 'SCORED', 'RETURNED')),
    agency_name      text,
    ip_list          text,
    rd_projects      text,
    evidence         text,
    submitted_by     bigint REFERENCES app_user (id),
    submitted_at     timestamptz NOT NULL DEFAULT now(),
    town_checked_by  bigint REFERENCES app_user (id),
    town_checked_at  timestamptz,
    city_checked_by  bigint REFERENCES app_user (id),
    city_checked_at  timestamptz,
    ruleset_outcome  text,
    ruleset_score    text,
    review_case_id   bigint REFERENCES review_case (id),
    returned_reason  text,
    UNIQUE (enterprise_id, year)
);
CREATE INDEX hnte_dossier_status_idx ON hnte_dossier (year, status);

CREATE TABLE hnte_dossier_event (
    id           bigserial PRIMARY KEY,
    dossier_id   bigint NOT NULL REFERENCES hnte_dossier (id),
    at           timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint REFERENCES app_user (id),
    action       text NOT NULL,
    from_status  text,
    to_status    text NOT NULL,
    note         text
);

-- Provenance of the expert facts written into enterprise_year: which review, which experts, when, which values.
CREATE TABLE hnte_expert_fact (
    enterprise_id   bigint NOT NULL REFERENCES enterprise (id),
    year            integer NOT NULL,
    review_case_id  bigint NOT NULL REFERENCES review_case (id),
    facts           jsonb NOT NULL,
    experts         text NOT NULL,
    decided_by      bigint REFERENCES app_user (id),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enterprise_id, year)
);
