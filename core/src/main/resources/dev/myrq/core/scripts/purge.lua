-- purge: delete up to ARGV[3] jobs of one collection of a queue (its waiting list, schedule or a registry).
-- KEYS[1] the collection: a queue LIST (one priority level), or scheduled, finished or failed ZSET
-- KEYS[2] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix, ARGV[2] 'list' or 'zset', ARGV[3] batch limit (at most 1000), ARGV[4] ended channel
-- Returns: the number of ids removed; the caller repeats until it is below the limit.
-- capped here, not only by the caller: unpack() below takes at most 1000 ids, and a limit below 1 reads nothing
local limit = math.min(tonumber(ARGV[3]) or 0, 1000)
if limit < 1 then return 0 end
local ids
if ARGV[2] == 'list' then
  ids = redis.call('LRANGE', KEYS[1], 0, limit - 1)
  if #ids > 0 then redis.call('LTRIM', KEYS[1], #ids, -1) end
else
  ids = redis.call('ZRANGE', KEYS[1], 0, limit - 1)
  if #ids > 0 then redis.call('ZREM', KEYS[1], unpack(ids)) end
end
for _, id in ipairs(ids) do
  local key = ARGV[1] .. id
  if is_job(key) then
    notify_ended(key, ARGV[4], id)
    release_unique(key, id)
    redis.call('DEL', key)
  end
end
return #ids
