-- Applies one order event to every metric key, atomically, at most once per order id.
-- KEYS: 1 applied ids of the day, 2 faturamento, 3 pedidos_count, 4 clientes_ativos, 5 top_produtos,
--       6 top_produtos:DAY, 7 metrics:days, 8 vendas_por_regiao:REGION:DAY (absent when the region is unknown)
-- ARGV: 1 order id, 2 counted (1/0), 3 revenue in cents, 4 customer id, 5 HyperLogLog (1/0),
--       6 applied-ids TTL in seconds, 7 day, 8.. product id, quantity, product id, quantity...
-- Returns 1 when applied, 0 when the order id was already applied (a redelivery).

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

if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('EXPIRE', KEYS[1], ARGV[6])
if ARGV[2] ~= '1' then
  return 1
end
local cents = tonumber(ARGV[3])
add_cents(KEYS[2], cents)
redis.call('INCR', KEYS[3])
if ARGV[5] == '1' then
  redis.call('PFADD', KEYS[4], ARGV[4])
else
  redis.call('SADD', KEYS[4], ARGV[4])
end
if KEYS[8] then
  add_cents(KEYS[8], cents)
end
if #ARGV > 7 then
  for i = 8, #ARGV, 2 do
    redis.call('ZINCRBY', KEYS[5], ARGV[i + 1], ARGV[i])
    redis.call('ZINCRBY', KEYS[6], ARGV[i + 1], ARGV[i])
  end
  redis.call('SADD', KEYS[7], ARGV[7])
end
return 1
