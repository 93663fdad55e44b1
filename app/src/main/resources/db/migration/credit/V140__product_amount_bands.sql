-- Products set their amounts by tier or by revenue band (like 苏科贷's amounts by revenue band): the highest amount
-- of each band; the band that applies to an enterprise is the amount shown to it and the most it may apply for.
-- REVENUE bands: [{"from": yuan, "max": yuan}] (the band with the largest "from" at or below the sales revenue);
-- TIER bands: [{"tier": "HNTE", "max": yuan}] (the largest "max" among the tiers held). Banks edit their own products.
ALTER TABLE credit_product
    ADD COLUMN band_basis   text CHECK (band_basis IN ('TIER', 'REVENUE')),
    ADD COLUMN amount_bands jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN updated_at   timestamptz,
    ADD CONSTRAINT credit_product_bands_need_basis CHECK (band_basis IS NOT NULL OR amount_bands = '[]'::jsonb);
