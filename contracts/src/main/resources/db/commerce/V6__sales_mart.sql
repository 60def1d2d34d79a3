-- The sales mart: the descriptive analytics' own copy of the sales, derived from the tables above and kept in step with
-- them inside PostgreSQL.
--
-- Why: answering "unique customers", cohorts and RFM from commerce.orders means joining a million orders to their
-- customers, filtering statuses, converting time zones and then hashing or sorting every person, on every call. The mart
-- does that work once: one narrow row per sale (or per sale and category, or per sale and product) with the store-zone day,
-- week and month, the customer's state and region, money in integer cents, and, per person, the day of the person's
-- previous sale and first sale. "Unique customers in [from, to]" is then a plain count of the sales in range whose person's
-- previous sale lies before `from`: exactly one such sale per person, with no DISTINCT, hash or sort.
--
-- Kept fresh: statement-level triggers on the source tables queue the customers whose sales changed in
-- commerce.mart_changes (a NULL customer means "everything", for truncations, product category changes and statements of
-- more than a few thousand rows); commerce.mart_refresh() consumes the queue in the reader's transaction and rebuilds the
-- affected persons, or everything. Rows of a transaction not yet committed are not visible to it and stay queued, so no
-- change is missed.

CREATE TABLE commerce.mart_changes (
    customer_id bigint
);

-- One row: the zone the mart's days were computed in, and when it was last refreshed. Empty until the first refresh.
CREATE TABLE commerce.mart_state (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    zone         text        NOT NULL,
    refreshed_at timestamptz NOT NULL
);

-- A person is coalesce(unique_external_id, id::text) (Olist issues a customer id per order); `person` is the smallest
-- customer id of that key, `key` the key itself. (A unique_external_id that spells another row's id is not supported.)
CREATE TABLE commerce.mart_customers (
    customer_id bigint PRIMARY KEY,
    person      bigint NOT NULL,
    key         text COLLATE "C" NOT NULL
);
CREATE INDEX mart_customers_person_idx ON commerce.mart_customers (person);

-- One row per sale (status neither canceled nor unavailable). prev_* is the day of the person's previous sale (null for
-- the first; same-day sales ordered by order id) among all their sales, those in the same region, those in the same state;
-- first_* the day of the person's first sale in the same scope.
CREATE TABLE commerce.mart_orders (
    order_id          bigint   NOT NULL,
    person            bigint   NOT NULL,
    day               date     NOT NULL,
    week              date     NOT NULL,
    month             date     NOT NULL,
    state             char(2),
    region            text,
    revenue           bigint   NOT NULL,
    cost              bigint,
    items             integer  NOT NULL,
    prev_day          date,
    prev_region_day   date,
    prev_state_day    date,
    first_day         date     NOT NULL,
    first_region_day  date     NOT NULL,
    first_state_day   date     NOT NULL
);

-- The same per sale and product category: an order's items of one category as if they were the whole order, with the
-- person's previous and first sale among their sales of that category.
CREATE TABLE commerce.mart_order_categories (LIKE commerce.mart_orders);
ALTER TABLE commerce.mart_order_categories ADD COLUMN category text;

-- One row per sale and product (an order's lines of one product summed).
CREATE TABLE commerce.mart_lines (
    order_id   bigint NOT NULL,
    product_id bigint NOT NULL,
    category   text,
    person     bigint NOT NULL,
    day        date   NOT NULL,
    month      date   NOT NULL,
    state      char(2),
    region     text,
    quantity   integer NOT NULL,
    revenue    bigint NOT NULL,
    cost       bigint
);

-- One row per sale and pair of its products a < b, for the product combinations: the pairs of a million orders, joined
-- once here instead of on every call.
CREATE TABLE commerce.mart_pairs (
    order_id   bigint NOT NULL,
    person     bigint NOT NULL,
    day        date   NOT NULL,
    state      char(2),
    region     text,
    product_a  bigint NOT NULL,
    category_a text,
    product_b  bigint NOT NULL,
    category_b text
);
-- The pairs' own estimates multiply to a few percent of the real number of pairs: these statistics tell the planner how
-- many there are, so that it sees what a hash table of them would cost.
CREATE STATISTICS commerce.mart_pairs_products_stats (ndistinct) ON product_a, product_b FROM commerce.mart_pairs;

-- Writes the mart rows of `persons` (every person when null), which the caller has deleted, for the store zone `zone`.
-- Dynamic SQL so that each statement is planned for its case: a scan of everything, or index probes for a few persons.
CREATE FUNCTION commerce.mart_write(zone text, persons bigint[]) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    only_persons text := CASE WHEN persons IS NULL THEN 'TRUE' ELSE '%s = ANY ($2)' END;
BEGIN
    EXECUTE format($sql$
        INSERT INTO commerce.mart_lines
        SELECT o.id, i.product_id, min(p.category), min(mc.person), min(o.ordered_at AT TIME ZONE $1)::date,
               date_trunc('month', min(o.ordered_at AT TIME ZONE $1))::date, min(c.state), min(c.region),
               sum(i.quantity)::integer, (sum(i.quantity * i.unit_price) * 100)::bigint,
               -- unknown when any line's cost is
               CASE WHEN bool_and(i.unit_cost IS NOT NULL) THEN (sum(i.quantity * i.unit_cost) * 100)::bigint END
        FROM commerce.mart_customers mc
        JOIN commerce.orders o ON o.customer_id = mc.customer_id
        JOIN commerce.customers c ON c.id = o.customer_id
        JOIN commerce.order_items i ON i.order_id = o.id
        JOIN commerce.products p ON p.id = i.product_id
        WHERE o.status NOT IN ('canceled', 'unavailable') AND %s
        GROUP BY o.id, i.product_id$sql$, format(only_persons, 'mc.person')) USING zone, persons;
    EXECUTE format($sql$
        INSERT INTO commerce.mart_orders
        SELECT order_id, person, day, date_trunc('week', day)::date, date_trunc('month', day)::date, state, region,
               revenue, cost, items,
               lag(day) OVER (PARTITION BY person ORDER BY day, order_id),
               lag(day) OVER (PARTITION BY person, region ORDER BY day, order_id),
               lag(day) OVER (PARTITION BY person, state ORDER BY day, order_id),
               min(day) OVER (PARTITION BY person),
               min(day) OVER (PARTITION BY person, region),
               min(day) OVER (PARTITION BY person, state)
        FROM (SELECT o.id AS order_id, mc.person, (o.ordered_at AT TIME ZONE $1)::date AS day, c.state, c.region,
                     (o.revenue * 100)::bigint AS revenue, (o.cost * 100)::bigint AS cost, o.item_count AS items
              FROM commerce.mart_customers mc
              JOIN commerce.orders o ON o.customer_id = mc.customer_id
              JOIN commerce.customers c ON c.id = o.customer_id
              WHERE o.status NOT IN ('canceled', 'unavailable') AND %s) sales$sql$,
        format(only_persons, 'mc.person')) USING zone, persons;
    EXECUTE format($sql$
        INSERT INTO commerce.mart_order_categories
        SELECT order_id, person, day, date_trunc('week', day)::date, month, state, region, revenue, cost, items,
               lag(day) OVER (PARTITION BY person, category ORDER BY day, order_id),
               lag(day) OVER (PARTITION BY person, category, region ORDER BY day, order_id),
               lag(day) OVER (PARTITION BY person, category, state ORDER BY day, order_id),
               min(day) OVER (PARTITION BY person, category),
               min(day) OVER (PARTITION BY person, category, region),
               min(day) OVER (PARTITION BY person, category, state),
               category
        FROM (SELECT order_id, category, min(person) AS person, min(day) AS day, min(month) AS month,
                     min(state) AS state, min(region) AS region, sum(revenue) AS revenue,
                     CASE WHEN bool_and(cost IS NOT NULL) THEN sum(cost) END AS cost, sum(quantity)::integer AS items
              FROM commerce.mart_lines WHERE %s
              GROUP BY order_id, category) per_category$sql$, format(only_persons, 'person')) USING zone, persons;
    -- an order's lines share its person: joined on both, a few persons' pairs come from their index entries alone
    EXECUTE format($sql$
        INSERT INTO commerce.mart_pairs
        SELECT a.order_id, a.person, a.day, a.state, a.region, a.product_id, a.category, b.product_id, b.category
        FROM commerce.mart_lines a
        JOIN commerce.mart_lines b ON b.order_id = a.order_id AND b.person = a.person AND b.product_id > a.product_id
        WHERE %s AND %s$sql$, format(only_persons, 'a.person'), format(only_persons, 'b.person')) USING zone, persons;
END
$$;

-- Brings the mart up to date with every committed change, in the caller's transaction (readers of the mart that call it
-- first see their own snapshot's data). Rebuilds everything when the zone differs, when a change says so, or when more
-- than `full_above` customers changed; else only the persons of the changed customers. Returns 'fresh', 'persons' or
-- 'full'. Serialised by an advisory lock: a second caller waits, then finds the queue empty.
CREATE FUNCTION commerce.mart_refresh(zone text, full_above integer) RETURNS text
    LANGUAGE plpgsql
    -- a rebuild sorts every sale three times: in memory, and without compiling each statement first
    SET work_mem = '256MB' SET jit = off AS
$$
DECLARE
    everything boolean;
    changed    bigint[];
    members    bigint[];
    persons    bigint[];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM commerce.mart_changes)
            AND EXISTS (SELECT 1 FROM commerce.mart_state s WHERE s.zone = mart_refresh.zone) THEN
        RETURN 'fresh';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('commerce.mart_refresh'));
    WITH taken AS (DELETE FROM commerce.mart_changes RETURNING customer_id)
    SELECT coalesce(bool_or(customer_id IS NULL), false), array_agg(DISTINCT customer_id)
    INTO everything, changed FROM taken;
    everything := everything OR coalesce(cardinality(changed), 0) > full_above
        OR NOT EXISTS (SELECT 1 FROM commerce.mart_state s WHERE s.zone = mart_refresh.zone);
    IF NOT everything AND changed IS NULL THEN
        RETURN 'fresh';
    END IF;
    IF everything THEN
        TRUNCATE commerce.mart_customers, commerce.mart_orders, commerce.mart_order_categories, commerce.mart_lines,
            commerce.mart_pairs;
        -- the indexes, built once after the rows rather than row by row (the first rebuild, which the empty mart_state
        -- forces, creates them)
        DROP INDEX IF EXISTS commerce.mart_orders_person_idx, commerce.mart_order_categories_person_idx,
            commerce.mart_lines_person_idx, commerce.mart_lines_product_idx, commerce.mart_pairs_person_idx,
            commerce.mart_pairs_products_idx;
        INSERT INTO commerce.mart_customers
        SELECT id, min(id) OVER (PARTITION BY k), k
        FROM (SELECT id, coalesce(unique_external_id, id::text) COLLATE "C" AS k FROM commerce.customers) c;
        PERFORM commerce.mart_write(zone, NULL);
        -- by person: a refresh of a few persons deletes and rewrites theirs; RFM reads every person's sales in range along
        -- the first, from the index alone once VACUUM has run
        CREATE INDEX mart_orders_person_idx ON commerce.mart_orders (person) INCLUDE (day, revenue);
        CREATE INDEX mart_order_categories_person_idx ON commerce.mart_order_categories (person);
        CREATE INDEX mart_lines_person_idx ON commerce.mart_lines (person);
        CREATE INDEX mart_pairs_person_idx ON commerce.mart_pairs (person);
        -- the few products of the top pairs count their own orders here
        CREATE INDEX mart_lines_product_idx ON commerce.mart_lines (product_id, day);
        -- counting pairs along this index (index-only after VACUUM) streams each pair's rows together: no hash table of
        -- every pair
        CREATE INDEX mart_pairs_products_idx ON commerce.mart_pairs (product_a, product_b) INCLUDE (day);
        ANALYZE commerce.mart_customers, commerce.mart_orders, commerce.mart_order_categories, commerce.mart_lines,
            commerce.mart_pairs;
    ELSE
        -- every customer row whose person may change: the changed rows, the other rows of their persons as they were,
        -- and the rows sharing their unique ids now
        SELECT array_agg(DISTINCT id) INTO members FROM (
            SELECT unnest(changed) AS id
            UNION
            SELECT mc.customer_id FROM commerce.mart_customers mc WHERE mc.person IN (
                SELECT was.person FROM commerce.mart_customers was WHERE was.customer_id = ANY (changed))
            UNION
            SELECT c.id FROM commerce.customers c WHERE c.unique_external_id IN (
                SELECT x.unique_external_id FROM commerce.customers x WHERE x.id = ANY (changed))) m;
        SELECT array_agg(DISTINCT mc.person) INTO persons FROM commerce.mart_customers mc
        WHERE mc.customer_id = ANY (members);
        DELETE FROM commerce.mart_customers mc WHERE mc.customer_id = ANY (members);
        INSERT INTO commerce.mart_customers
        SELECT id, min(id) OVER (PARTITION BY k), k
        FROM (SELECT c.id, coalesce(c.unique_external_id, c.id::text) COLLATE "C" AS k FROM commerce.customers c
              WHERE c.id = ANY (members)) c;
        -- the persons as they were and as they are now
        SELECT array_agg(DISTINCT p) INTO persons FROM (
            SELECT unnest(persons) AS p
            UNION
            SELECT mc.person FROM commerce.mart_customers mc WHERE mc.customer_id = ANY (members)) ps;
        DELETE FROM commerce.mart_orders m WHERE m.person = ANY (persons);
        DELETE FROM commerce.mart_order_categories m WHERE m.person = ANY (persons);
        DELETE FROM commerce.mart_lines m WHERE m.person = ANY (persons);
        DELETE FROM commerce.mart_pairs m WHERE m.person = ANY (persons);
        PERFORM commerce.mart_write(zone, coalesce(persons, '{}'));
    END IF;
    INSERT INTO commerce.mart_state (zone, refreshed_at) VALUES (zone, now())
    ON CONFLICT (singleton) DO UPDATE SET zone = excluded.zone, refreshed_at = excluded.refreshed_at;
    RETURN CASE WHEN everything THEN 'full' ELSE 'persons' END;
END
$$;

-- The queue's writer for row changes of orders, order items and customers: queues the customers whose sales the
-- statement's rows touch. A statement of more than 5,000 rows (a bulk load) queues "everything" instead. Items of an order
-- whose row is gone (a cascaded delete) were queued by the order's own trigger.
CREATE FUNCTION commerce.mart_queue_rows() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    touched bigint := 0;
BEGIN
    IF TG_OP <> 'DELETE' THEN
        touched := touched + (SELECT count(*) FROM new_rows);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        touched := touched + (SELECT count(*) FROM old_rows);
    END IF;
    IF touched > 5000 THEN
        INSERT INTO commerce.mart_changes VALUES (NULL);
    ELSIF TG_TABLE_NAME = 'customers' THEN
        INSERT INTO commerce.mart_changes SELECT id FROM new_rows;
    ELSIF TG_TABLE_NAME = 'orders' AND TG_OP = 'INSERT' THEN
        INSERT INTO commerce.mart_changes SELECT DISTINCT customer_id FROM new_rows;
    ELSIF TG_TABLE_NAME = 'orders' AND TG_OP = 'DELETE' THEN
        INSERT INTO commerce.mart_changes SELECT DISTINCT customer_id FROM old_rows;
    ELSIF TG_TABLE_NAME = 'orders' THEN
        INSERT INTO commerce.mart_changes
        SELECT customer_id FROM new_rows UNION SELECT customer_id FROM old_rows;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO commerce.mart_changes
        SELECT DISTINCT o.customer_id FROM commerce.orders o WHERE o.id IN (SELECT order_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO commerce.mart_changes
        SELECT DISTINCT o.customer_id FROM commerce.orders o WHERE o.id IN (SELECT order_id FROM old_rows);
    ELSE
        INSERT INTO commerce.mart_changes
        SELECT DISTINCT o.customer_id FROM commerce.orders o
        WHERE o.id IN (SELECT order_id FROM new_rows UNION SELECT order_id FROM old_rows);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION commerce.mart_queue_everything() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    INSERT INTO commerce.mart_changes VALUES (NULL);
    RETURN NULL;
END
$$;

CREATE TRIGGER mart_orders_inserted AFTER INSERT ON commerce.orders
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_rows();
CREATE TRIGGER mart_orders_updated AFTER UPDATE ON commerce.orders
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_rows();
CREATE TRIGGER mart_orders_deleted AFTER DELETE ON commerce.orders
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_rows();
CREATE TRIGGER mart_items_inserted AFTER INSERT ON commerce.order_items
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_rows();
CREATE TRIGGER mart_items_updated AFTER UPDATE ON commerce.order_items
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_rows();
CREATE TRIGGER mart_items_deleted AFTER DELETE ON commerce.order_items
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_rows();
-- a new customer has no sales yet; a changed one (state, region, person key) moves its sales
CREATE TRIGGER mart_customers_updated AFTER UPDATE ON commerce.customers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_rows();
CREATE TRIGGER mart_products_updated AFTER UPDATE ON commerce.products
    FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_everything();
CREATE TRIGGER mart_orders_truncated AFTER TRUNCATE ON commerce.orders
    FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_everything();
CREATE TRIGGER mart_items_truncated AFTER TRUNCATE ON commerce.order_items
    FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_everything();
CREATE TRIGGER mart_customers_truncated AFTER TRUNCATE ON commerce.customers
    FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_everything();
CREATE TRIGGER mart_products_truncated AFTER TRUNCATE ON commerce.products
    FOR EACH STATEMENT EXECUTE FUNCTION commerce.mart_queue_everything();
