-- 人才 (module resources, docs/resources.md): talent-programme awards of people working in enterprises. Only the
-- programme, year, the person's name and role and the enterprise: nothing more personal (no ID numbers, no contacts).
CREATE TABLE talent_award (
    id            bigserial PRIMARY KEY,
    programme     text NOT NULL CHECK (length(programme) BETWEEN 1 AND 100),
    award_year    integer NOT NULL CHECK (award_year BETWEEN 1990 AND 2100),
    person_name   text NOT NULL CHECK (length(person_name) BETWEEN 1 AND 50),
    role          text CHECK (length(role) <= 50),
    enterprise_id bigint NOT NULL REFERENCES enterprise (id),
    import_id     bigint REFERENCES resource_import (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (programme, award_year, person_name, enterprise_id)
);
CREATE INDEX talent_award_enterprise_idx ON talent_award (enterprise_id);

