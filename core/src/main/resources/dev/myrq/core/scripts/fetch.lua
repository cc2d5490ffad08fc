-- fetch: take up to ARGV[2] waiting jobs and lease them to a worker, atomically.
-- KEYS[1] queue LIST of waiting ids
-- KEYS[2] active ZSET (id -> lease deadline ms)
-- KEYS[3] paused STRING: while it exists, nothing is leased
-- ARGV[1] job key prefix
-- ARGV[2] max jobs, capped at 1000 per call (MAX_FETCH; a worker with more free slots calls again)
-- ARGV[3] worker name
-- ARGV[4] lease token prefix (random per call; the token is prefix .. n .. '.' .. attempt, unique per attempt)
-- ARGV[5] lease duration ms
-- Returns: {now_ms, id, token, {field, value, ...}, id, token, {...}, ...}, or {now_ms, 'paused'}
--   An id with no job hash (or a key that is not a hash) comes back with token '' and no fields: it was dropped.
-- Hot path: a job costs TYPE, HINCRBY, HSET, HGETALL; the active set is written once per call (in chunks).
-- Nothing after the RPOP can fail: the count is checked first, and every ZADD takes at most 1000 values.
local MAX_FETCH = 1000
local now = now_ms()
local prefix = ARGV[1]
local out = {now}
if redis.call('EXISTS', KEYS[3]) == 1 then
  out[2] = 'paused'
  return out
end
local max = math.min(tonumber(ARGV[2]) or 0, MAX_FETCH)
local lease_ms = tonumber(ARGV[5])
if max < 1 or not lease_ms then return out end
local ids = redis.call('RPOP', KEYS[1], max)
if not ids then return out end
local deadline = now + lease_ms
local active = {}
for n, id in ipairs(ids) do
  local key = prefix .. id
  if is_job(key) then
    local attempt = redis.pcall('HINCRBY', key, 'attempt', 1)
    if type(attempt) ~= 'number' then
      -- a non-integer attempt field (hostile input): start counting again
      attempt = 1
      redis.call('HSET', key, 'attempt', 1)
    end
    local token = ARGV[4] .. n .. '.' .. attempt
    redis.call('HSET', key, 'status', 'started', 'started_at', now, 'worker', ARGV[3], 'lease', token)
    active[#active + 1] = deadline
    active[#active + 1] = id
    out[#out + 1] = id; out[#out + 1] = token; out[#out + 1] = redis.call('HGETALL', key)
  else
    out[#out + 1] = id; out[#out + 1] = ''; out[#out + 1] = {}
  end
end
for s = 1, #active, 1000 do
  redis.call('ZADD', KEYS[2], unpack(active, s, math.min(s + 999, #active)))
end
return out
