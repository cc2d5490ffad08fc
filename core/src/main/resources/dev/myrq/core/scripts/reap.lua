-- reap: put back the jobs whose lease expired (their worker died or stalled), atomically.
-- KEYS[1] active ZSET, KEYS[2] queue LIST (priority 0; others KEYS[2] .. ':' .. p), KEYS[3] failed ZSET,
-- KEYS[4] stats HASH (its 'failed' counter), KEYS[5] ended channel (pub/sub, not a key), KEYS[6] ready LIST
-- KEYS[7] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix, ARGV[2] max crashes, ARGV[3] failed ttl s, ARGV[4] failed registry max, ARGV[5] batch limit
-- Returns: {requeued ids...} followed by '|' and {failed ids...}
local now = now_ms()
local prefix = ARGV[1]
local max_crashes, failed_ttl = tonumber(ARGV[2]), tonumber(ARGV[3])
local requeued, failed = {}, {}
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[5]))
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[1], id)
  local key = prefix .. id
  if is_job(key) then
    local crashes = int_field(key, 'crashes') + 1
    local worker = redis.call('HGET', key, 'worker') or ''
    append_history(key, cjson.encode({attempt = int_field(key, 'attempt'), worker = worker,
      started_at = int_field(key, 'started_at'), ended_at = now, outcome = 'crashed',
      error = 'lease expired: worker ' .. worker .. ' stopped renewing it'}))
    redis.call('HDEL', key, 'lease')
    if crashes >= max_crashes then
      redis.call('HSET', key, 'status', 'failed', 'ended_at', now, 'crashes', crashes,
        'error', 'WorkerDied: worker died ' .. crashes .. ' times while running this job', 'exc_info', '')
      redis.call('EXPIRE', key, failed_ttl)
      release_unique(key, id)
      add_to_registry(KEYS[3], id, now, tonumber(ARGV[4]), failed_ttl * 1000, prefix, true)
      notify_ended(key, KEYS[5], id)
      failed[#failed + 1] = id
    else
      redis.call('HSET', key, 'status', 'queued', 'enqueued_at', now, 'crashes', crashes)
      push_waiting(KEYS[2], KEYS[6], key, id, true)
      requeued[#requeued + 1] = id
    end
  end
end
if #failed > 0 then
  redis.pcall('HINCRBY', KEYS[4], 'failed', #failed)
end
requeued[#requeued + 1] = '|'
for _, id in ipairs(failed) do requeued[#requeued + 1] = id end
return requeued
