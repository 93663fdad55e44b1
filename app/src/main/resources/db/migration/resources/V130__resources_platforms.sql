-- Innovation resources (module resources, docs/resources.md): the registry imports and the R&D platforms.

-- One upload of a registry file: who, when, how many rows, and the row-level report (line, field, value, rule).
CREATE TABLE resource_import (
    id           bigserial PRIMARY KEY,
    registry     text NOT NULL CHECK (registry IN ('PLATFORM', 'CARRIER', 'TENANT', 'CONTRACT', 'TALENT')),
    file_name    text NOT NULL,
    uploaded_by  text NOT NULL,
    rows_read    integer NOT NULL CHECK (rows_read >= 0),
    rows_added   integer NOT NULL CHECK (rows_added >= 0),
    rows_updated integer NOT NULL CHECK (rows_updated >= 0),
    rows_rejected integer NOT NULL CHECK (rows_rejected >= 0),
    rejections   jsonb NOT NULL DEFAULT '[]',
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- 研发平台: a recognised R&D platform hosted by an enterprise. The key of a re-import is (host, kind, level, name).
CREATE TABLE rd_platform (
    id              bigserial PRIMARY KEY,
    enterprise_id   bigint NOT NULL REFERENCES enterprise (id),
    kind            text NOT NULL CHECK (kind IN ('ENGINEERING_CENTRE', 'ENTERPRISE_TECH_CENTRE', 'KEY_LAB',
                                                  'NEW_RD_INSTITUTION', 'POSTDOC_STATION', 'ACADEMICIAN_STATION')),
    level           text NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    document        text NOT NULL CHECK (length(document) BETWEEN 1 AND 200),
    recognised_year integer NOT NULL CHECK (recognised_year BETWEEN 1990 AND 2100),
    import_id       bigint REFERENCES resource_import (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (enterprise_id, kind, level, name)
);
CREATE INDEX rd_platform_year_idx ON rd_platform (recognised_year);
