-- Failed-login throttling, atomically: one call checks whether a login attempt may be made and records it, before the
-- password is verified, so concurrent attempts cannot all pass one check.
-- KEYS[1] the (account, address) pair, KEYS[2] the account across addresses, KEYS[3] the address across accounts: hashes
-- with `failures` (attempts not yet vouched for by a success) and `until` (Redis time in ms before which the next attempt
-- must wait); the pair also has `known` = 1 once a login from that address to that account succeeded.
-- ARGV[1] 'attempt' or 'success'; ARGV[2] base delay ms; ARGV[3] window ms (counts are forgotten this long after the last
-- failure); ARGV[4] how long a pair stays known, ms; ARGV[5..10] free attempts and delay cap (ms) of pair, account, address.
-- A dimension's n-th failure past its free attempts makes the next attempt wait base * 2^n, capped.
-- Returns {1, 0} when the attempt may go on, or {0, ms to wait, dimension (1 pair, 2 account, 3 address)}.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local base, window, known = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local free = {tonumber(ARGV[5]), tonumber(ARGV[7]), tonumber(ARGV[9])}
local cap = {tonumber(ARGV[6]), tonumber(ARGV[8]), tonumber(ARGV[10])}

-- never shortens a key's life: a known pair keeps its longer one
local function keep(key, ms)
  if redis.call('PTTL', key) < ms then
    redis.call('PEXPIRE', key, ms)
  end
end

if ARGV[1] == 'success' then
  -- the pair starts afresh and is known; the account's and address's provisional count of this attempt is taken back
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], 'known', 1)
  redis.call('PEXPIRE', KEYS[1], known)
  for i = 2, 3 do
    if tonumber(redis.call('HGET', KEYS[i], 'failures') or '0') > 0 then
      redis.call('HINCRBY', KEYS[i], 'failures', -1)
    end
  end
  return {1, 0}
end

-- an address that has logged in to this account before is held back only by its own failures, never by the account's
-- (guessing from elsewhere) nor the address's (other users behind it)
local dimensions = redis.call('HGET', KEYS[1], 'known') == '1' and 1 or 3
for i = 1, dimensions do
  local wait = tonumber(redis.call('HGET', KEYS[i], 'until') or '0') - now
  if wait > 0 then
    return {0, wait, i}
  end
end

-- counted as a failure until a success takes it back
for i = 1, 3 do
  local failures = redis.call('HINCRBY', KEYS[i], 'failures', 1)
  local delay = 0
  if failures >= free[i] then
    delay = math.floor(math.min(base * 2 ^ (failures - free[i]), cap[i]))
    redis.call('HSET', KEYS[i], 'until', now + delay)
  end
  keep(KEYS[i], math.max(window, delay))
end
return {1, 0}
