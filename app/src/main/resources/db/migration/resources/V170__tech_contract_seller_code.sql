-- The seller's transfers and licences of a year are its conversions (module resources, TechnologyConversions):
-- supplying them reads the contracts of one seller by credit code.
CREATE INDEX tech_contract_seller_code_idx ON tech_contract (seller_credit_code, signed_on) WHERE seller_credit_code IS NOT NULL;
