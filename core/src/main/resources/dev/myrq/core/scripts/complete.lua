-- complete: end the attempts of leased jobs, in one call; each is written only if its lease token matches.
-- KEYS[1] active ZSET, KEYS[2] queue LIST, KEYS[3] scheduled ZSET,
-- KEYS[4] finished ZSET (id -> ended ms), KEYS[5] failed ZSET (id -> ended ms), KEYS[6] stats HASH
-- KEYS[7] ended channel (pub/sub, not a key): a job whose notify field is set has its id published there at its end
-- KEYS[8] ready LIST (priority levels with waiting jobs; the queue LIST of priority p is KEYS[2] .. ':' .. p)
-- KEYS[9] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix
-- ARGV[2] result ttl s (finished job hashes)   ARGV[3] failed ttl s (failed job hashes and registry entries)
-- ARGV[4] finished registry max entries        ARGV[5] failed registry max entries
-- ARGV[6] finished registry max age ms
-- ARGV[7..] per job, 7 values: id, token, outcome, value, exc_info, history_entry, delay_ms
--   finished: value = result JSON
--   failed | timeout: value = one-line error; the job goes to the failed registry
--   retry: value = one-line error; the job waits delay_ms in the schedule, then runs again
--   requeue: back to the front of the queue, this attempt not counted (worker shutdown)
-- Returns: the ids whose lease token did not match; nothing was written for them.
-- The end of a finished, failed or timed-out job deletes its unique lock, if any and still its own.
-- Hot path: a finished job costs HMGET, ZREM, HDEL, HSET, EXPIRE; the finished registry and the stats counters
-- (finished, failed: failed and timeout) are written once per call.
local now = now_ms()
local prefix = ARGV[1]
local failed_ttl = tonumber(ARGV[3])
local finished_max, failed_max = tonumber(ARGV[4]), tonumber(ARGV[5])
local finished_age = tonumber(ARGV[6])
-- numbers go to Redis as strings made once (see fetch.lua)
local now_s = string.format('%d', now)
local stale = {}
local finished = {}
local failed = 0
for i = 7, #ARGV, 7 do
  local id, token, outcome = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local key = prefix .. id
  -- pcall: a key that is not a hash answers an error, which must not abort the script
  local fields = redis.pcall('HMGET', key, 'lease', 'notify', 'unique_key')
  if type(fields) ~= 'table' then fields = {} end
  local lease, notify = fields[1], fields[2]
  if lease ~= token or redis.call('ZREM', KEYS[1], id) == 0 then
    stale[#stale + 1] = id
    redis.pcall('HINCRBY', KEYS[6], 'stale_writes', 1)
  else
    redis.call('HDEL', key, 'lease')
    if outcome == 'finished' then
      redis.call('HSET', key, 'status', 'finished', 'ended_at', now_s, 'result', ARGV[i + 3])
      redis.call('EXPIRE', key, ARGV[2])
      if fields[3] then release_unique(key, id) end
      finished[#finished + 1] = now_s
      finished[#finished + 1] = id
      if notify then redis.call('PUBLISH', KEYS[7], id) end
    elseif outcome == 'retry' then
      local due = now + tonumber(ARGV[i + 6])
      redis.call('HSET', key, 'status', 'scheduled', 'due_at', due, 'error', ARGV[i + 3], 'exc_info', ARGV[i + 4])
      append_history(key, ARGV[i + 5])
      redis.call('ZADD', KEYS[3], due, id)
    elseif outcome == 'requeue' then
      redis.call('HSET', key, 'status', 'queued', 'enqueued_at', now, 'attempt', math.max(int_field(key, 'attempt') - 1, 0))
      push_waiting(KEYS[2], KEYS[8], key, id, true)
    else
      redis.call('HSET', key, 'status', outcome, 'ended_at', now, 'error', ARGV[i + 3], 'exc_info', ARGV[i + 4])
      append_history(key, ARGV[i + 5])
      redis.call('EXPIRE', key, failed_ttl)
      if fields[3] then release_unique(key, id) end
      add_to_registry(KEYS[5], id, now, failed_max, failed_ttl * 1000, prefix, true)
      failed = failed + 1
      if notify then redis.call('PUBLISH', KEYS[7], id) end
    end
  end
end
if #finished > 0 then
  for s = 1, #finished, 1000 do
    redis.call('ZADD', KEYS[4], unpack(finished, s, math.min(s + 999, #finished)))
  end
  trim_registry(KEYS[4], now, finished_max, finished_age, prefix, false)
end
-- counters last, through pcall: a corrupt stats hash loses a count but never aborts the ends written above
if #finished > 0 then
  redis.pcall('HINCRBY', KEYS[6], 'finished', string.format('%d', #finished / 2))
end
if failed > 0 then
  redis.pcall('HINCRBY', KEYS[6], 'failed', failed)
end
return stale
