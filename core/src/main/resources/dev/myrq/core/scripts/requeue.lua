-- requeue: put failed jobs back in their queue, as new (attempts and crashes reset, history kept).
-- KEYS[1] failed ZSET, KEYS[2] queue LIST (priority 0; others KEYS[2] .. ':' .. p), KEYS[3] ready LIST
-- KEYS[4] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix, ARGV[2..] ids
-- Returns: the ids that were requeued (an id not in the failed registry, or whose hash expired, is left alone).
local now = now_ms()
local done = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local key = ARGV[1] .. id
  if is_job(key) and redis.call('ZREM', KEYS[1], id) == 1 then
    redis.call('PERSIST', key)
    redis.call('HDEL', key, 'error', 'exc_info', 'ended_at', 'result', 'due_at', 'worker', 'lease')
    redis.call('HSET', key, 'status', 'queued', 'enqueued_at', now, 'attempt', 0, 'crashes', 0)
    push_waiting(KEYS[2], KEYS[3], key, id, false)
    done[#done + 1] = id
  end
end
return done
