-- Adds revocations to the set every gateway replica copies, and raises the set's version so replicas know to copy it again.
-- KEYS[1] the sorted set of revocations (member: 's:<session id>' or 'u:<user id>:<lowest valid token version>', score:
-- Redis time in ms after which no token it could refuse is still valid), KEYS[2] the version counter.
-- ARGV[1] how long a revocation must be kept, ms; ARGV[2..] the members. Returns the new version.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'GT', now + tonumber(ARGV[1]), ARGV[i])
end
return redis.call('INCR', KEYS[2])
