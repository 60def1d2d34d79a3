-- Order-lines imports (UCI Online Retail) carry a country per customer, mostly outside Brazil: it gets a
-- column of its own instead of being forced into `state` (a Brazilian UF) or `city`. Null where unknown.
ALTER TABLE commerce.customers ADD COLUMN country text;
