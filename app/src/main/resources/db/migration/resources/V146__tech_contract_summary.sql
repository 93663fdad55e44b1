-- The monthly summary of the technology contracts (module resources, docs/resources.md): what the statistics read
-- instead of the contracts themselves. One row per month signed, kind, side (S: as seller, B: as buyer), region prefix
-- of that side's party (every level of its code: '', province, city, county, town) and whether the other party lies
-- under the same prefix; kept by the contract import in the same transaction as the contracts (Contracts.upsert), and
-- rebuilt here from the contracts already registered.
CREATE TABLE tech_contract_summary (
    month            date    NOT NULL,
    kind             text    NOT NULL,
    side             char(1) NOT NULL CHECK (side IN ('S', 'B')),
    region           text    NOT NULL,
    other_inside     boolean NOT NULL,
    -- no CHECK on the count: an upsert taking a contract out proposes a negative row before it meets the existing one
    contracts        bigint  NOT NULL,
    amount_yuan      numeric(20, 2) NOT NULL,
    tech_amount_yuan numeric(20, 2) NOT NULL,
    PRIMARY KEY (region, month, kind, side, other_inside)
);

INSERT INTO tech_contract_summary (month, kind, side, region, other_inside, contracts, amount_yuan, tech_amount_yuan)
SELECT CAST(date_trunc('month', c.signed_on) AS date), c.kind, s.side, s.prefix, s.other LIKE s.prefix || '%', count(*),
       sum(c.amount_yuan), sum(c.tech_amount_yuan)
FROM tech_contract c
CROSS JOIN LATERAL (
    SELECT DISTINCT 'S' AS side, p AS prefix, c.buyer_region AS other
    FROM unnest(ARRAY['', left(c.seller_region, 2), left(c.seller_region, 4), left(c.seller_region, 6), c.seller_region]) p
    UNION ALL
    SELECT DISTINCT 'B', p, c.seller_region
    FROM unnest(ARRAY['', left(c.buyer_region, 2), left(c.buyer_region, 4), left(c.buyer_region, 6), c.buyer_region]) p) s
GROUP BY 1, 2, 3, 4, 5;
