-- 科创载体 (module resources, docs/resources.md): incubators, 众创空间, accelerators, 专业孵化器 and 飞地孵化器, and
-- their tenant enterprises. A carrier lies in a region (its data scope); its key is its name.
CREATE TABLE carrier (
    id              bigserial PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('INCUBATOR', 'MAKERSPACE', 'ACCELERATOR', 'PROFESSIONAL_INCUBATOR',
                                                  'OFFSITE_INCUBATOR')),
    level           text NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'MUNICIPAL')),
    name            text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    region_code     text NOT NULL REFERENCES region (code),
    operator        text CHECK (length(operator) <= 200),
    area_m2         numeric(12, 2) CHECK (area_m2 >= 0),
    document        text NOT NULL CHECK (length(document) BETWEEN 1 AND 200),
    recognised_year integer NOT NULL CHECK (recognised_year BETWEEN 1990 AND 2100),
    import_id       bigint REFERENCES resource_import (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX carrier_region_idx ON carrier (region_code text_pattern_ops);

-- A tenant's stay in a carrier: moved in, moved out (null: still there), graduated (毕业; null: not yet). The key of
-- a re-import is (carrier, enterprise, move-in date).
CREATE TABLE carrier_tenant (
    id            bigserial PRIMARY KEY,
    carrier_id    bigint NOT NULL REFERENCES carrier (id),
    enterprise_id bigint NOT NULL REFERENCES enterprise (id),
    moved_in      date NOT NULL,
    moved_out     date CHECK (moved_out >= moved_in),
    graduated_on  date CHECK (graduated_on >= moved_in),
    import_id     bigint REFERENCES resource_import (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (carrier_id, enterprise_id, moved_in)
);
CREATE INDEX carrier_tenant_enterprise_idx ON carrier_tenant (enterprise_id);
