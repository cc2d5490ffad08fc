-- promote: move scheduled jobs that are due into the queue, atomically.
-- KEYS[1] scheduled ZSET (id -> due ms), KEYS[2] queue LIST (priority 0; others KEYS[2] .. ':' .. p), KEYS[3] ready LIST
-- KEYS[4] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix, ARGV[2] batch limit
-- Returns: the number of jobs moved.
local now = now_ms()
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  local key = ARGV[1] .. id
  if is_job(key) then
    redis.call('HSET', key, 'status', 'queued', 'enqueued_at', now)
    redis.call('HDEL', key, 'due_at')
    push_waiting(KEYS[2], KEYS[3], key, id, false)
  end
end
return #due
