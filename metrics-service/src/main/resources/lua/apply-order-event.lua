-- Applies order events of ONE store day to every metric key, atomically, each order id at most once.
-- KEYS: 1 applied ids of the day, 2 faturamento, 3 pedidos_count, 4 clientes_ativos, 5 top_produtos,
--       6 top_produtos:DAY, 7 metrics:days, 8.. vendas_por_regiao:REGION:DAY for each region, in Region order
-- ARGV: 1 HyperLogLog (1/0), 2 applied-ids TTL in seconds, 3 day, then for each event:
--       order id, counted (1/0), revenue in cents, customer id, region number (0 = none, n = KEYS[7 + n]),
--       number of items, then product id and quantity of each item
-- Returns one number per event, in order: 1 applied, 0 already applied (a redelivery or a repeat in the call).
-- Several events per call make one call cost a few commands instead of a dozen per event; the figures of
-- the new events are summed in Lua first and written once.

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

local starts, ids = {}, {}
local at = 4
while at <= #ARGV do
  starts[#starts + 1] = at
  ids[#ids + 1] = ARGV[at]
  at = at + 6 + 2 * tonumber(ARGV[at + 5])
end
local known = redis.call('SMISMEMBER', KEYS[1], unpack(ids))

local result, seen, new_ids, customers = {}, {}, {}, {}
local cents, orders, regions, products = 0, 0, {}, {}
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
        regions[r] = (regions[r] or 0) + c
      end
      for k = 1, tonumber(ARGV[s + 5]) do
        local product = ARGV[s + 4 + 2 * k]
        products[product] = (products[product] or 0) + tonumber(ARGV[s + 5 + 2 * k])
      end
    end
  end
end

if #new_ids > 0 then
  redis.call('SADD', KEYS[1], unpack(new_ids))
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
if orders > 0 then
  add_cents(KEYS[2], cents)
  redis.call('INCRBY', KEYS[3], orders)
  redis.call(ARGV[1] == '1' and 'PFADD' or 'SADD', KEYS[4], unpack(customers))
end
for r, c in pairs(regions) do
  add_cents(KEYS[7 + r], c)
end
local sold = false
for product, quantity in pairs(products) do
  redis.call('ZINCRBY', KEYS[5], quantity, product)
  redis.call('ZINCRBY', KEYS[6], quantity, product)
  sold = true
end
if sold then
  redis.call('SADD', KEYS[7], ARGV[3])
end
return result
