-- Each person's sales summed over all time: the first and last sale's day, the number of sales and their revenue in
-- cents. RFM over the whole history (the default range: the first to the last order) reads one row per person here
-- instead of aggregating every sale again.
--
-- Kept in step with commerce.mart_orders by statement-level triggers on that table, in the same transaction as the write
-- that changed it: inserted sales are added to their persons' rows; the persons of deleted sales are summed again from
-- the sales they have left (a refresh deletes all of a person's sales, then inserts them again); a truncation empties it.
-- So mart_refresh() needs no change, and the summary cannot drift from the sales it sums.

CREATE TABLE commerce.mart_persons (
    person    bigint PRIMARY KEY,
    first_day date    NOT NULL,
    last_day  date    NOT NULL,
    orders    integer NOT NULL,
    cents     bigint  NOT NULL
);
-- whether a range covers all of history is min(first_day) and max(last_day): two index probes
CREATE INDEX mart_persons_first_day_idx ON commerce.mart_persons (first_day);
CREATE INDEX mart_persons_last_day_idx ON commerce.mart_persons (last_day);

CREATE FUNCTION commerce.mart_persons_add() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO commerce.mart_persons AS p
    SELECT person, min(day), max(day), count(*), sum(revenue) FROM new_rows GROUP BY person
    ON CONFLICT (person) DO UPDATE SET first_day = least(p.first_day, excluded.first_day),
        last_day = greatest(p.last_day, excluded.last_day), orders = p.orders + excluded.orders,
        cents = p.cents + excluded.cents;
    RETURN NULL;
END
$$;

CREATE FUNCTION commerce.mart_persons_remove() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    DELETE FROM commerce.mart_persons p WHERE p.person IN (SELECT person FROM old_rows);
    INSERT INTO commerce.mart_persons
    SELECT m.person, min(m.day), max(m.day), count(*), sum(m.revenue) FROM commerce.mart_orders m
    WHERE m.person IN (SELECT person FROM old_rows) GROUP BY m.person;
    RETURN NULL;
END
$$;

CREATE FUNCTION commerce.mart_persons_clear() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    TRUNCATE commerce.mart_persons;
    RETURN NULL;
END
$$;

CREATE TRIGGER mart_persons_inserted AFTER INSERT ON commerce.mart_orders
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_persons_add();
CREATE TRIGGER mart_persons_deleted AFTER DELETE ON commerce.mart_orders
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_persons_remove();
CREATE TRIGGER mart_persons_truncated AFTER TRUNCATE ON commerce.mart_orders
    FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_persons_clear();

-- an existing mart's persons
INSERT INTO commerce.mart_persons
SELECT person, min(day), max(day), count(*), sum(revenue) FROM commerce.mart_orders GROUP BY person;
