-- cancel: end a job for good wherever it waits or runs, atomically; it never runs (again).
-- KEYS[1] queue LIST (priority 0; a job of priority p waits in KEYS[1] .. ':' .. p), KEYS[2] scheduled ZSET,
-- KEYS[3] active ZSET. A canceled job's unique lock, if still its own, is deleted.
-- KEYS[4] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix, ARGV[2] id, ARGV[3] ttl s of the canceled job's hash,
-- ARGV[4] control channel (the queue's workers), ARGV[5] ended channel (waiters)
-- Returns: the status the job had: queued, scheduled or started (now canceled; a started job's lease is gone and
--   its worker hears 'cancel <id>' on the control channel), a final status (left alone), or '' (no such job hash).
local id = ARGV[2]
local key = ARGV[1] .. id
if not is_job(key) then return '' end
local status = redis.call('HGET', key, 'status') or ''
if status == 'queued' then
  redis.call('LREM', level_list(KEYS[1], job_priority(key)), 1, id)
elseif status == 'scheduled' then
  redis.call('ZREM', KEYS[2], id)
elseif status == 'started' then
  redis.call('ZREM', KEYS[3], id)
  redis.call('HDEL', key, 'lease')
  redis.call('PUBLISH', ARGV[4], 'cancel ' .. id)
else
  return status
end
redis.call('HSET', key, 'status', 'canceled', 'ended_at', now_ms())
redis.call('EXPIRE', key, tonumber(ARGV[3]))
release_unique(key, id)
notify_ended(key, ARGV[5], id)
return status
