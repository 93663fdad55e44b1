-- 技术合同 (module resources, docs/resources.md): registered technology contracts, from the registration system's
-- export. Buyer and seller each with name, optional credit code and the code of their region: a contract is seen by
-- the scopes of either party's region. Amounts in yuan (the files give 万元).
CREATE TABLE tech_contract (
    id                 bigserial PRIMARY KEY,
    contract_no        text NOT NULL UNIQUE CHECK (length(contract_no) BETWEEN 1 AND 60),
    kind               text NOT NULL CHECK (kind IN ('DEVELOPMENT', 'TRANSFER', 'LICENSING', 'CONSULTING', 'SERVICE')),
    buyer_name         text NOT NULL CHECK (length(buyer_name) BETWEEN 1 AND 200),
    buyer_credit_code  text CHECK (length(buyer_credit_code) = 18),
    buyer_region       text NOT NULL REFERENCES region (code),
    seller_name        text NOT NULL CHECK (length(seller_name) BETWEEN 1 AND 200),
    seller_credit_code text CHECK (length(seller_credit_code) = 18),
    seller_region      text NOT NULL REFERENCES region (code),
    amount_yuan        numeric(16, 2) NOT NULL CHECK (amount_yuan >= 0),
    tech_amount_yuan   numeric(16, 2) NOT NULL CHECK (tech_amount_yuan >= 0 AND tech_amount_yuan <= amount_yuan),
    signed_on          date NOT NULL,
    import_id          bigint REFERENCES resource_import (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tech_contract_seller_idx ON tech_contract (seller_region text_pattern_ops, signed_on);
CREATE INDEX tech_contract_buyer_idx ON tech_contract (buyer_region text_pattern_ops, signed_on);
-- the statistics of a year read every column they need from this index (an index-only scan of the year's entries)
CREATE INDEX tech_contract_signed_idx ON tech_contract (signed_on)
    INCLUDE (kind, buyer_region, seller_region, amount_yuan, tech_amount_yuan);
