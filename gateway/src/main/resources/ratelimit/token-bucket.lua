-- Takes one token from the bucket KEYS[1], atomically.
-- ARGV[1]: capacity (tokens per period), ARGV[2]: period in milliseconds.
-- The bucket refills completely once per period, counted from its first use, so a limit of N per period admits exactly N
-- calls in that period however many gateways ask. The clock is Redis's own (TIME), so replicas with skewed clocks agree.
-- Returns {allowed (1/0), tokens left, milliseconds until the bucket refills}.
local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local state = redis.call('HMGET', KEYS[1], 'tokens', 'start')
local tokens = tonumber(state[1])
local start = tonumber(state[2])
if tokens == nil or start == nil then
  tokens = capacity
  start = now
elseif now >= start + period then
  start = start + math.floor((now - start) / period) * period
  tokens = capacity
elseif tokens > capacity then
  -- the limit was lowered since the bucket was filled
  tokens = capacity
end

local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
local reset = start + period - now
redis.call('HSET', KEYS[1], 'tokens', tokens, 'start', start)
redis.call('PEXPIRE', KEYS[1], reset)
return {allowed, tokens, reset}
