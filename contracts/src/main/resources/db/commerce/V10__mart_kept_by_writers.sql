-- The writers keep the sales mart; analytics only reads it (issue 21).
--
-- Until now every analytics call ran commerce.mart_refresh() first: a write transaction under an advisory lock, so analytics
-- could not run on a hot standby, and a call could wait behind a rebuild (a full rebuild truncated the mart, locking every
-- reader out until it committed). From here on whatever changes the commerce tables brings the mart up to date - the
-- simulator's loads and imports inside their own transaction, its live orders right after theirs
-- (io.ecomanalytics.contracts.mart.SalesMartRefresh) - and analytics reads it in read-only transactions.
--
-- * commerce.mart_state carries a data version, bumped by every refresh that changed the mart, and refreshed_at moves with
--   it. Analytics keys its ETags and result caches on the version and reports refreshed_at as `dataAsOf`.
-- * A full rebuild builds a complete new mart beside the live one, in schema commerce_mart_build: tables shaped like the live
--   ones, rows from mart_write, then the live tables' own constraints, indexes, extended statistics and triggers. At the end
--   it swaps the new tables in. Readers keep the previous complete mart until the rebuild commits and wait only for the
--   swap itself. The schema exists only inside the rebuilding transaction.
-- * So mart_write names the mart tables unqualified, resolved through search_path: commerce when a few persons are
--   refreshed, commerce_mart_build during a rebuild. A migration that replaces mart_write must do the same (the swap checks
--   that the build wrote nothing into the live tables and fails loudly otherwise). A new commerce.mart_* table is rebuilt
--   and swapped like the others (all but mart_changes and mart_state); declare its indexes on the live table, and a rebuild
--   copies them. The grants of a mart table are not copied.
-- * Rebuilding in steps (begin, write, index, swap) lets a bulk load report each as a phase of its job.

ALTER TABLE commerce.mart_state ADD COLUMN version bigint NOT NULL DEFAULT 0;

-- The indexes a full rebuild used to create after its rows: declared on the live tables now, copied by every rebuild. (A mart
-- built before this migration has them already.)
CREATE INDEX IF NOT EXISTS mart_orders_person_idx ON commerce.mart_orders (person) INCLUDE (day, revenue);
CREATE INDEX IF NOT EXISTS mart_order_categories_person_idx ON commerce.mart_order_categories (person);
CREATE INDEX IF NOT EXISTS mart_lines_person_idx ON commerce.mart_lines (person);
CREATE INDEX IF NOT EXISTS mart_pairs_person_idx ON commerce.mart_pairs (person);
CREATE INDEX IF NOT EXISTS mart_lines_product_idx ON commerce.mart_lines (product_id, day);
CREATE INDEX IF NOT EXISTS mart_pairs_products_idx ON commerce.mart_pairs (product_a, product_b) INCLUDE (day);

-- The tables a rebuild replaces: every table of the mart but its change queue and its state.
CREATE FUNCTION commerce.mart_tables() RETURNS SETOF text
    LANGUAGE sql STABLE AS
$$
    SELECT c.relname::text FROM pg_catalog.pg_class c
    WHERE c.relnamespace = 'commerce'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'mart\_%'
      AND c.relname NOT IN ('mart_changes', 'mart_state')
    ORDER BY 1
$$;

-- V6's mart_write with the mart tables unqualified (see above); the sources stay qualified.
CREATE OR REPLACE FUNCTION commerce.mart_write(zone text, persons bigint[]) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    only_persons text := CASE WHEN persons IS NULL THEN 'TRUE' ELSE '%s = ANY ($2)' END;
BEGIN
    EXECUTE format($sql$
        INSERT INTO mart_lines
        SELECT o.id, i.product_id, min(p.category), min(mc.person), min(o.ordered_at AT TIME ZONE $1)::date,
               date_trunc('month', min(o.ordered_at AT TIME ZONE $1))::date, min(c.state), min(c.region),
               sum(i.quantity)::integer, (sum(i.quantity * i.unit_price) * 100)::bigint,
               -- unknown when any line's cost is
               CASE WHEN bool_and(i.unit_cost IS NOT NULL) THEN (sum(i.quantity * i.unit_cost) * 100)::bigint END
        FROM mart_customers mc
        JOIN commerce.orders o ON o.customer_id = mc.customer_id
        JOIN commerce.customers c ON c.id = o.customer_id
        JOIN commerce.order_items i ON i.order_id = o.id
        JOIN commerce.products p ON p.id = i.product_id
        WHERE o.status NOT IN ('canceled', 'unavailable') AND %s
        GROUP BY o.id, i.product_id$sql$, format(only_persons, 'mc.person')) USING zone, persons;
    EXECUTE format($sql$
        INSERT INTO mart_orders
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
              FROM mart_customers mc
              JOIN commerce.orders o ON o.customer_id = mc.customer_id
              JOIN commerce.customers c ON c.id = o.customer_id
              WHERE o.status NOT IN ('canceled', 'unavailable') AND %s) sales$sql$,
        format(only_persons, 'mc.person')) USING zone, persons;
    EXECUTE format($sql$
        INSERT INTO mart_order_categories
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
              FROM mart_lines WHERE %s
              GROUP BY order_id, category) per_category$sql$, format(only_persons, 'person')) USING zone, persons;
    -- an order's lines share its person: joined on both, a few persons' pairs come from their index entries alone
    EXECUTE format($sql$
        INSERT INTO mart_pairs
        SELECT a.order_id, a.person, a.day, a.state, a.region, a.product_id, a.category, b.product_id, b.category
        FROM mart_lines a
        JOIN mart_lines b ON b.order_id = a.order_id AND b.person = a.person AND b.product_id > a.product_id
        WHERE %s AND %s$sql$, format(only_persons, 'a.person'), format(only_persons, 'b.person')) USING zone, persons;
END
$$;

-- Records a refresh that changed the mart: the next data version, and the time it was made.
CREATE FUNCTION commerce.mart_bump(zone text) RETURNS void
    LANGUAGE sql AS
$$
    INSERT INTO commerce.mart_state AS s (zone, refreshed_at, version) VALUES (zone, clock_timestamp(), 1)
    ON CONFLICT (singleton) DO UPDATE SET zone = excluded.zone, refreshed_at = excluded.refreshed_at,
        version = s.version + 1;
$$;

-- Rows written into each live mart table by this backend and not yet reported to the statistics: by the current
-- transaction and by earlier ones of the session (reported only once the session is idle).
CREATE FUNCTION commerce.mart_live_writes() RETURNS jsonb
    LANGUAGE sql STABLE AS
$$
    SELECT coalesce(jsonb_object_agg(s.relname, s.n_tup_ins + s.n_tup_upd + s.n_tup_del), '{}')
    FROM pg_catalog.pg_stat_xact_user_tables s
    WHERE s.schemaname = 'commerce' AND s.relname IN (SELECT commerce.mart_tables())
$$;

-- Step 1 of a refresh, in the writer's transaction: takes the refresh lock, consumes the queue of committed changes (and the
-- transaction's own), and returns
--   'fresh'    nothing to do;
--   'persons'  done: the changed persons were rewritten in the live tables and the version bumped;
--   'full'     a rebuild is due (the zone differs, a change says so, more than `full_above` customers changed, or the mart
--              was never built): schema commerce_mart_build now holds empty copies of the mart tables and the new
--              mart_customers. The caller continues with mart_rebuild_write, mart_rebuild_index and mart_rebuild_swap in
--              the same transaction (commerce.mart_refresh does all four).
-- The lock serialises writers: a second one waits, then finds the queue empty. A bulk load takes it before its own locks
-- (SalesMartRefresh.lock), so that a refresh waiting for the load's tables cannot hold it against the load.
CREATE FUNCTION commerce.mart_refresh_begin(zone text, full_above integer) RETURNS text
    LANGUAGE plpgsql
    SET search_path = commerce, pg_temp AS
$$
DECLARE
    everything boolean;
    changed    bigint[];
    members    bigint[];
    persons    bigint[];
    t          text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM commerce.mart_changes)
            AND EXISTS (SELECT 1 FROM commerce.mart_state s WHERE s.zone = mart_refresh_begin.zone) THEN
        RETURN 'fresh';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('commerce.mart_refresh'));
    WITH taken AS (DELETE FROM commerce.mart_changes RETURNING customer_id)
    SELECT coalesce(bool_or(customer_id IS NULL), false), array_agg(DISTINCT customer_id)
    INTO everything, changed FROM taken;
    everything := everything OR coalesce(cardinality(changed), 0) > full_above
        OR NOT EXISTS (SELECT 1 FROM commerce.mart_state s WHERE s.zone = mart_refresh_begin.zone);
    IF NOT everything AND changed IS NULL THEN
        RETURN 'fresh';
    END IF;
    IF everything THEN
        -- only a rebuild that failed inside this transaction can have left it
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'commerce_mart_build') THEN
            DROP SCHEMA commerce_mart_build CASCADE;
        END IF;
        CREATE SCHEMA commerce_mart_build;
        -- the live tables' writes so far in this transaction (and unflushed ones of the session's earlier transactions):
        -- the swap checks that the build added none
        PERFORM set_config('commerce.mart_live_writes', commerce.mart_live_writes()::text, true);
        FOR t IN SELECT commerce.mart_tables() LOOP
            -- the columns, defaults and checks; constraints with indexes, indexes and statistics come after the rows
            EXECUTE format('CREATE TABLE commerce_mart_build.%I (LIKE commerce.%I INCLUDING ALL EXCLUDING INDEXES'
                || ' EXCLUDING STATISTICS)', t, t);
        END LOOP;
        INSERT INTO commerce_mart_build.mart_customers
        SELECT id, min(id) OVER (PARTITION BY k), k
        FROM (SELECT id, coalesce(unique_external_id, id::text) COLLATE "C" AS k FROM commerce.customers) c;
        RETURN 'full';
    END IF;
    -- every customer row whose person may change: the changed rows, the other rows of their persons as they were, and the
    -- rows sharing their unique ids now
    SELECT array_agg(DISTINCT id) INTO members FROM (
        SELECT unnest(changed) AS id
        UNION
        SELECT mc.customer_id FROM commerce.mart_customers mc WHERE mc.person IN (
            SELECT was.person FROM commerce.mart_customers was WHERE was.customer_id = ANY (changed))
        UNION
        SELECT c.id FROM commerce.customers c WHERE c.unique_external_id IN (
            SELECT x.unique_external_id FROM commerce.customers x WHERE x.id = ANY (changed))) m;
    SELECT array_agg(DISTINCT mc.person) INTO persons FROM commerce.mart_customers mc WHERE mc.customer_id = ANY (members);
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
    PERFORM commerce.mart_bump(zone);
    RETURN 'persons';
END
$$;

-- Step 2 of a rebuild: every sale into the new tables. A rebuild sorts every sale three times: in memory, and without
-- compiling each statement first.
CREATE FUNCTION commerce.mart_rebuild_write(zone text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = commerce_mart_build, pg_temp SET work_mem = '256MB' SET jit = off AS
$$
BEGIN
    PERFORM commerce.mart_write(zone, NULL);
    -- each person's all-time sums in one aggregate; the live table's triggers, which keep them afterwards, come next
    INSERT INTO commerce_mart_build.mart_persons
    SELECT person, min(day), max(day), count(*), sum(revenue) FROM commerce_mart_build.mart_orders GROUP BY person;
END
$$;

-- Step 3 of a rebuild: the live tables' constraints, indexes, extended statistics and triggers on the new ones, built once
-- over their rows, and the planner's statistics. Definitions are read with only pg_catalog on the path, so that they name
-- every table with its schema.
CREATE FUNCTION commerce.mart_rebuild_index() RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp SET maintenance_work_mem = '256MB' AS
$$
DECLARE
    t    text;
    live regclass;
    def  text;
BEGIN
    FOR t IN SELECT commerce.mart_tables() LOOP
        live := format('commerce.%I', t)::regclass;
        FOR def IN SELECT format('ALTER TABLE commerce_mart_build.%I ADD CONSTRAINT %I %s', t, con.conname,
                                 pg_get_constraintdef(con.oid))
                   FROM pg_constraint con WHERE con.conrelid = live AND con.contype IN ('p', 'u', 'x') LOOP
            EXECUTE def;
        END LOOP;
        FOR def IN SELECT replace(pg_get_indexdef(i.indexrelid), format(' ON commerce.%I ', t),
                                  format(' ON commerce_mart_build.%I ', t))
                   FROM pg_index i WHERE i.indrelid = live
                     AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid) LOOP
            EXECUTE def;
        END LOOP;
        FOR def IN SELECT replace(replace(pg_get_statisticsobjdef(s.oid), 'CREATE STATISTICS commerce.',
                                          'CREATE STATISTICS commerce_mart_build.'),
                                  format(' FROM commerce.%I', t), format(' FROM commerce_mart_build.%I', t))
                   FROM pg_statistic_ext s WHERE s.stxrelid = live LOOP
            EXECUTE def;
        END LOOP;
        FOR def IN SELECT replace(pg_get_triggerdef(tg.oid), format(' ON commerce.%I ', t),
                                  format(' ON commerce_mart_build.%I ', t))
                   FROM pg_trigger tg WHERE tg.tgrelid = live AND NOT tg.tgisinternal LOOP
            EXECUTE def;
        END LOOP;
        EXECUTE format('ANALYZE commerce_mart_build.%I', t);
    END LOOP;
END
$$;

-- Step 4 of a rebuild: the new tables replace the live ones, and the version is bumped. The live tables are locked a second
-- at a time, so that readers queued behind a lock that is not granted yet get through between the tries; after ten tries
-- the rebuild waits its turn (bounded by the statement timeout, like the readers it waits for).
CREATE FUNCTION commerce.mart_rebuild_swap(zone text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp AS
$$
DECLARE
    t          text;
    tables     text;
    stats      text;
    written    text;
    was        text := current_setting('lock_timeout');
    locked     boolean := false;
BEGIN
    SELECT string_agg(format('commerce.%I', w.key), ', ' ORDER BY w.key) INTO written
    FROM jsonb_each_text(commerce.mart_live_writes()) w
    WHERE w.value::bigint > coalesce((current_setting('commerce.mart_live_writes')::jsonb ->> w.key)::bigint, 0);
    IF written IS NOT NULL THEN
        RAISE EXCEPTION 'the sales mart rebuild wrote into the live tables (%): mart_write must name the mart tables'
            ' unqualified (V10__mart_kept_by_writers.sql)', written;
    END IF;
    SELECT string_agg(format('commerce.%I', m), ', ') INTO tables FROM commerce.mart_tables() m;
    PERFORM set_config('lock_timeout', '1s', true);
    FOR attempt IN 1..10 LOOP
        BEGIN
            EXECUTE 'LOCK TABLE ' || tables || ' IN ACCESS EXCLUSIVE MODE';
            locked := true;
            EXIT;
        EXCEPTION WHEN lock_not_available THEN
            PERFORM pg_sleep(0.2);
        END;
    END LOOP;
    PERFORM set_config('lock_timeout', was, true);
    IF NOT locked THEN
        EXECUTE 'LOCK TABLE ' || tables || ' IN ACCESS EXCLUSIVE MODE';
    END IF;
    FOR t IN SELECT commerce.mart_tables() LOOP
        EXECUTE format('DROP TABLE commerce.%I', t);
        EXECUTE format('ALTER TABLE commerce_mart_build.%I SET SCHEMA commerce', t);
    END LOOP;
    FOR stats IN SELECT s.stxname FROM pg_statistic_ext s
                 WHERE s.stxnamespace = 'commerce_mart_build'::regnamespace LOOP
        EXECUTE format('ALTER STATISTICS commerce_mart_build.%I SET SCHEMA commerce', stats);
    END LOOP;
    DROP SCHEMA commerce_mart_build;
    PERFORM commerce.mart_bump(zone);
END
$$;

-- All of a refresh in the caller's transaction, for writers that need no progress reports: returns 'fresh', 'persons' or
-- 'full' (see mart_refresh_begin). Replaces V6's, which truncated the live tables for a rebuild.
CREATE OR REPLACE FUNCTION commerce.mart_refresh(zone text, full_above integer) RETURNS text
    LANGUAGE plpgsql AS
$$
DECLARE
    done text := commerce.mart_refresh_begin(zone, full_above);
BEGIN
    IF done = 'full' THEN
        PERFORM commerce.mart_rebuild_write(zone);
        PERFORM commerce.mart_rebuild_index();
        PERFORM commerce.mart_rebuild_swap(zone);
    END IF;
    RETURN done;
END
$$;
