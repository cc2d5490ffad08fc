-- enqueue: create one or more jobs in one queue, atomically.
-- KEYS[1] queue LIST of waiting ids
-- KEYS[2] scheduled ZSET (id -> due ms)
-- ARGV[1] job key prefix (myrq:{q}:job:)
-- ARGV[2..] per job: id, due (epoch ms; '+ms' = that long after now by this server's clock; 0 = now), n, then n
--   field/value pairs
-- Returns: the number of jobs created.
local now = now_ms()
local prefix = ARGV[1]
local ready = {}
local i = 2
local created = 0
while i <= #ARGV do
  local id = ARGV[i]
  local due_arg = ARGV[i + 1]
  local due = string.sub(due_arg, 1, 1) == '+' and now + tonumber(string.sub(due_arg, 2)) or tonumber(due_arg)
  local n = tonumber(ARGV[i + 2])
  local h = {'created_at', now}
  for j = 0, 2 * n - 1 do h[#h + 1] = ARGV[i + 3 + j] end
  if due > now then
    h[#h + 1] = 'status'; h[#h + 1] = 'scheduled'
    h[#h + 1] = 'due_at'; h[#h + 1] = due
    redis.call('HSET', prefix .. id, unpack(h))
    redis.call('ZADD', KEYS[2], due, id)
  else
    h[#h + 1] = 'status'; h[#h + 1] = 'queued'
    redis.call('HSET', prefix .. id, unpack(h))
    ready[#ready + 1] = id
  end
  i = i + 3 + 2 * n
  created = created + 1
end
for s = 1, #ready, 1000 do
  redis.call('LPUSH', KEYS[1], unpack(ready, s, math.min(s + 999, #ready)))
end
return created
