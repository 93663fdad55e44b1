-- Town work (挂钩联系, visits, 一企一策): docs/ladder.md "Town work".
CREATE TABLE town_assignment (
    id                bigserial PRIMARY KEY,
    enterprise_id     bigint NOT NULL REFERENCES enterprise (id),
    assistant_user_id bigint NOT NULL REFERENCES app_user (id),
    assigned_by       text NOT NULL,
    assigned_at       timestamptz NOT NULL,
    active            boolean NOT NULL DEFAULT true
);
-- one assistant at a time; earlier assignments stay as history (active = false)
CREATE UNIQUE INDEX town_assignment_one_active ON town_assignment (enterprise_id) WHERE active;
CREATE INDEX town_assignment_assistant ON town_assignment (assistant_user_id) WHERE active;

CREATE TABLE town_visit (
    id            bigserial PRIMARY KEY,
    enterprise_id bigint NOT NULL REFERENCES enterprise (id),
    user_id       bigint NOT NULL REFERENCES app_user (id),
    visited_on    date NOT NULL,
    summary       text NOT NULL,
    next_steps    text,
    created_at    timestamptz NOT NULL
);
CREATE INDEX town_visit_enterprise ON town_visit (enterprise_id, visited_on);

CREATE TABLE enterprise_plan (
    id            bigserial PRIMARY KEY,
    enterprise_id bigint NOT NULL UNIQUE REFERENCES enterprise (id),
    created_by    text NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE plan_action (
    id          bigserial PRIMARY KEY,
    plan_id     bigint NOT NULL REFERENCES enterprise_plan (id),
    description text NOT NULL,
    owner       text NOT NULL,
    due_on      date NOT NULL,
    done_on     date
);
CREATE INDEX plan_action_plan ON plan_action (plan_id);
