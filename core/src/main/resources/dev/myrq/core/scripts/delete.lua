-- delete: remove a job that is not running, and every trace of it, atomically.
-- KEYS[1] queue LIST (priority 0; a job of priority p waits in KEYS[1] .. ':' .. p), KEYS[2] scheduled ZSET,
-- KEYS[3] finished ZSET, KEYS[4] failed ZSET. A deleted job's unique lock, if still its own, is deleted.
-- KEYS[5] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix, ARGV[2] id, ARGV[3] ended channel (waiters)
-- Returns: the status the job had ('expired' when only a registry entry was left; nothing is deleted for
--   'started'), or '' when the queue knows no such job.
local id = ARGV[2]
local key = ARGV[1] .. id
local status = ''
local list = KEYS[1]
if is_job(key) then
  status = redis.call('HGET', key, 'status') or ''
  if status == 'started' then return status end
  list = level_list(KEYS[1], job_priority(key))
  notify_ended(key, ARGV[3], id)
  release_unique(key, id)
  redis.call('DEL', key)
end
local removed = redis.call('LREM', list, 1, id) + redis.call('ZREM', KEYS[2], id)
  + redis.call('ZREM', KEYS[3], id) + redis.call('ZREM', KEYS[4], id)
if status == '' and removed > 0 then status = 'expired' end
return status
