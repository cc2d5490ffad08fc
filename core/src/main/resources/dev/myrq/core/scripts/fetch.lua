-- fetch: take up to ARGV[2] waiting jobs and lease them to a worker, atomically.
-- KEYS[1] queue LIST of waiting ids
-- KEYS[2] active ZSET (id -> lease deadline ms)
-- KEYS[3] paused STRING: while it exists, nothing is leased
-- ARGV[1] job key prefix
-- ARGV[2] max jobs
-- ARGV[3] worker name
-- ARGV[4] lease token prefix (random per call; the token is prefix .. n .. '.' .. attempt, unique per attempt)
-- ARGV[5] lease duration ms
-- Returns: {now_ms, id, token, {field, value, ...}, id, token, {...}, ...}, or {now_ms, 'paused'}
--   An id with no job hash (or a key that is not a hash) comes back with token '' and no fields: it was dropped.
-- Hot path: a job costs TYPE, HINCRBY, HSET, HGETALL; the active set is written once per call.
local now = now_ms()
local prefix = ARGV[1]
local out = {now}
if redis.call('EXISTS', KEYS[3]) == 1 then
  out[2] = 'paused'
  return out
end
local ids = redis.call('RPOP', KEYS[1], tonumber(ARGV[2]))
if not ids then return out end
local deadline = now + tonumber(ARGV[5])
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
if #active > 0 then
  redis.call('ZADD', KEYS[2], unpack(active))
end
return out
