-- Applies order events of ONE store day to the day's metric keys, atomically, each order id at most once.
-- KEYS: 1 applied ids of the day, 2 faturamento, 3 pedidos_count, 4 clientes_ativos, 5 top_produtos:DAY,
--       6 metrics:rebuilding:{DAY} (stands while a rebuild replaces the day), 7.. vendas_por_regiao:REGION:DAY for each
--       region, in Region order; then, only when the keys carry no hash tags (one Redis node holds them all), the all-time
--       keys top_produtos and metrics:days. With hash tags they live in another slot of a cluster and are written by
--       apply-top-products.lua, after this script.
-- ARGV: 1 mode, 2 HyperLogLog (1/0), 3 applied-ids TTL in seconds, 4 day, 5 number of regions r, then by mode:
--   'new'  (the usual case: the caller summed the events up, assuming none was applied before)
--          number of ids n, the n order ids (distinct), orders counted, their revenue in cents, number of
--          customers m, the m customer ids, revenue in cents of each region (in Region order), then product id
--          and quantity sold of each product.
--          Returns 1 when every id was new and the sums were applied; 0, writing nothing, when some id was
--          already applied (a redelivery): the caller then sends the events one by one in mode 'each'.
--   'each' for each event: order id, counted (1/0), revenue in cents, customer id, region number (0 = none,
--          n = KEYS[6 + n]), number of items, then product id and quantity of each item.
--          Returns one number per event, in order: 1 applied, 0 already applied (a redelivery or a repeat).
-- Either mode returns -1, writing nothing, while a rebuild replaces the day: the caller sends the call again
-- once the rebuild is written, when the applied ids it wrote decide which events are new.
-- Mode 'new' keeps the work Redis does per event to two set members; the per-event bookkeeping of mode
-- 'each' is only paid when a redelivery meets events already applied.

local regions = tonumber(ARGV[5])
local all_time = #KEYS > 6 + regions

if redis.call('EXISTS', KEYS[6]) == 1 then
  return -1
end

-- Money stays exact: the stored decimal string is read back as integer cents, added to, and written
-- again as "reais.cc". Lua numbers are doubles, exact for integers up to 2^53 cents (90 trillion reais).
local function add_cents(key, cents)
  local total = cents
  local current = redis.call('GET', key)
  if current then
    local whole, fraction = string.match(current, '^(%d+)%.(%d%d)$')
    total = total + tonumber(whole) * 100 + tonumber(fraction)
  end
  redis.call('SET', key, string.format('%d.%02d', math.floor(total / 100), total % 100))
end

-- The writes of a set of new events: ids, their summed revenue, orders, customers, region revenue and
-- product quantities (product -> quantity).
local function write(ids, orders, cents, customers, region_cents, products)
  if #ids > 0 then
    redis.call('SADD', KEYS[1], unpack(ids))
    redis.call('EXPIRE', KEYS[1], ARGV[3])
  end
  if orders > 0 then
    add_cents(KEYS[2], cents)
    redis.call('INCRBY', KEYS[3], orders)
    redis.call(ARGV[2] == '1' and 'PFADD' or 'SADD', KEYS[4], unpack(customers))
  end
  for r = 1, regions do
    if region_cents[r] > 0 then
      add_cents(KEYS[6 + r], region_cents[r])
    end
  end
  local sold = false
  for product, quantity in pairs(products) do
    redis.call('ZINCRBY', KEYS[5], quantity, product)
    if all_time then
      redis.call('ZINCRBY', KEYS[7 + regions], quantity, product)
    end
    sold = true
  end
  if sold and all_time then
    redis.call('SADD', KEYS[8 + regions], ARGV[4])
  end
end

if ARGV[1] == 'new' then
  local n = tonumber(ARGV[6])
  local ids = { unpack(ARGV, 7, 6 + n) }
  local known = redis.call('SMISMEMBER', KEYS[1], unpack(ids))
  for i = 1, n do
    if known[i] == 1 then
      return 0
    end
  end
  local at = 7 + n
  local orders, cents, m = tonumber(ARGV[at]), tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2])
  local customers = { unpack(ARGV, at + 3, at + 2 + m) }
  at = at + 3 + m
  local region_cents = {}
  for r = 1, regions do
    region_cents[r] = tonumber(ARGV[at + r - 1])
  end
  local products = {}
  for p = at + regions, #ARGV, 2 do
    products[ARGV[p]] = ARGV[p + 1]
  end
  write(ids, orders, cents, customers, region_cents, products)
  return 1
end

local starts, ids = {}, {}
local at = 6
while at <= #ARGV do
  starts[#starts + 1] = at
  ids[#ids + 1] = ARGV[at]
  at = at + 6 + 2 * tonumber(ARGV[at + 5])
end
local known = redis.call('SMISMEMBER', KEYS[1], unpack(ids))

local result, seen, new_ids, customers = {}, {}, {}, {}
local cents, orders, region_cents, products = 0, 0, {}, {}
for r = 1, regions do
  region_cents[r] = 0
end
for e = 1, #starts do
  local s = starts[e]
  local id = ARGV[s]
  if known[e] == 1 or seen[id] then
    result[e] = 0
  else
    result[e] = 1
    seen[id] = true
    new_ids[#new_ids + 1] = id
    if ARGV[s + 1] == '1' then
      local c = tonumber(ARGV[s + 2])
      cents = cents + c
      orders = orders + 1
      customers[#customers + 1] = ARGV[s + 3]
      local r = tonumber(ARGV[s + 4])
      if r > 0 then
        region_cents[r] = region_cents[r] + c
      end
      for k = 1, tonumber(ARGV[s + 5]) do
        local product = ARGV[s + 4 + 2 * k]
        products[product] = (products[product] or 0) + tonumber(ARGV[s + 5 + 2 * k])
      end
    end
  end
end
write(new_ids, orders, cents, customers, region_cents, products)
return result
