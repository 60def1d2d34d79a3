-- The all-time step of order events of ONE store day when the keys carry hash tags (a Redis Cluster): adds their product
-- quantities to top_produtos, atomically, each order id at most once. It runs after apply-order-event.lua has applied the
-- same events to the day's keys (another slot), and keeps applied ids of its own, so an event replayed after a crash between
-- the two steps is skipped by the step that saw it and counted by the one that did not.
-- KEYS: 1 top_produtos, 2 the day's share of it (metrics:top-share:{top_produtos}:DAY), 3 ids of the day's orders already
--       added (metrics:top-applied:{top_produtos}:DAY); all in the slot of top_produtos.
-- ARGV: 1 mode, 2 applied-ids TTL in seconds, then by mode:
--   'new'  number of ids n, the n order ids (distinct), then product id and quantity of each product (summed over the
--          events that count). Returns 1 when every id was new and the quantities were added; 0, writing nothing, when
--          some id was added before: the caller then sends the events one by one in mode 'each'.
--   'each' for each event: order id, number of items k (0 for an order that does not count), then product id and
--          quantity of each item. Returns one number per event, in order: 1 added, 0 added before (or repeated).

local function write(ids, products)
  if #ids > 0 then
    redis.call('SADD', KEYS[3], unpack(ids))
    redis.call('EXPIRE', KEYS[3], ARGV[2])
  end
  for product, quantity in pairs(products) do
    redis.call('ZINCRBY', KEYS[1], quantity, product)
    redis.call('ZINCRBY', KEYS[2], quantity, product)
  end
end

if ARGV[1] == 'new' then
  local n = tonumber(ARGV[3])
  local ids = { unpack(ARGV, 4, 3 + n) }
  local known = redis.call('SMISMEMBER', KEYS[3], unpack(ids))
  for i = 1, n do
    if known[i] == 1 then
      return 0
    end
  end
  local products = {}
  for p = 4 + n, #ARGV, 2 do
    products[ARGV[p]] = ARGV[p + 1]
  end
  write(ids, products)
  return 1
end

local starts, ids = {}, {}
local at = 3
while at <= #ARGV do
  starts[#starts + 1] = at
  ids[#ids + 1] = ARGV[at]
  at = at + 2 + 2 * tonumber(ARGV[at + 1])
end
local known = redis.call('SMISMEMBER', KEYS[3], unpack(ids))

local result, seen, new_ids, products = {}, {}, {}, {}
for e = 1, #starts do
  local s = starts[e]
  local id = ARGV[s]
  if known[e] == 1 or seen[id] then
    result[e] = 0
  else
    result[e] = 1
    seen[id] = true
    new_ids[#new_ids + 1] = id
    for k = 1, tonumber(ARGV[s + 1]) do
      local product = ARGV[s + 2 * k]
      products[product] = (products[product] or 0) + tonumber(ARGV[s + 1 + 2 * k])
    end
  end
end
write(new_ids, products)
return result
