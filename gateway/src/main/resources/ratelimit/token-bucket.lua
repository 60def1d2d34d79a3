-- Takes one token from the bucket KEYS[1], atomically.
-- ARGV[1]: capacity (tokens per period), ARGV[2]: period in milliseconds.
-- The bucket refills completely once per period, counted from its first use, so a limit of N per period admits exactly N
-- calls in that period however many gateways ask. The bucket is a counter of the calls of its period that expires with
-- the period: the clock is Redis's own, so replicas with skewed clocks agree, and a lowered limit applies at once.
-- Returns {allowed (1/0), tokens left, milliseconds until the bucket refills}.
local capacity = tonumber(ARGV[1])
local period = tonumber(ARGV[2])

local used = redis.call('INCR', KEYS[1])
if used == 1 then
  redis.call('PEXPIRE', KEYS[1], period)
end
local reset = redis.call('PTTL', KEYS[1])

if used <= capacity then
  return {1, capacity - used, reset}
end
return {0, 0, reset}
