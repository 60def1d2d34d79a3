-- A rebuild's all-time step for ONE store day when the keys carry hash tags (a Redis Cluster), atomically: replaces the
-- day's share of top_produtos with the quantities PostgreSQL gives, adjusting top_produtos by the difference, and replaces
-- the ids of the day's orders counted in it. It runs while the rebuild holds the day (the day's own step is then refused),
-- before the day's keys are written, so every event of the day is either in this snapshot (and its id here skips it) or
-- added later by apply-top-products.lua.
-- KEYS: 1 top_produtos, 2 the day's share (metrics:top-share:{top_produtos}:DAY), 3 the day's counted ids
--       (metrics:top-applied:{top_produtos}:DAY).
-- ARGV: 1 applied-ids TTL in seconds, 2 number of products p, then product id and quantity of each of the p products, then
--       every order id of the day. Returns 1.

local old = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #old, 2 do
  redis.call('ZINCRBY', KEYS[1], -tonumber(old[i + 1]), old[i])
end
redis.call('DEL', KEYS[2], KEYS[3])

local p = tonumber(ARGV[2])
for i = 3, 2 + 2 * p, 2 do
  redis.call('ZADD', KEYS[2], ARGV[i + 1], ARGV[i])
  redis.call('ZINCRBY', KEYS[1], ARGV[i + 1], ARGV[i])
end
-- a product sold in the old share only is left at 0: gone, as it would be from a union of the days
for i = 1, #old, 2 do
  local score = redis.call('ZSCORE', KEYS[1], old[i])
  if score and tonumber(score) <= 0 then
    redis.call('ZREM', KEYS[1], old[i])
  end
end

-- slices keep each unpack well inside Lua's stack
local first = 3 + 2 * p
for i = first, #ARGV, 5000 do
  redis.call('SADD', KEYS[3], unpack(ARGV, i, math.min(#ARGV, i + 4999)))
end
if #ARGV >= first then
  redis.call('EXPIRE', KEYS[3], ARGV[1])
end
return 1
