-- enqueue: create one or more jobs in one queue, atomically.
-- KEYS[1] queue LIST of waiting ids
-- KEYS[2] scheduled ZSET (id -> due ms)
-- ARGV[1] job key prefix (myrq:{q}:job:)
-- ARGV[2..] per job: id, due (epoch ms; '+ms' = that long after now by this server's clock; 0 = now), n, then n
--   field/value pairs
-- Returns: the number of jobs created.
-- Hot path: a job to run now costs one HSET; the queue gets one LPUSH per call.
local now = now_ms()
local prefix = ARGV[1]
local ready = {}
local i = 2
local created = 0
while i <= #ARGV do
  local id, due_arg = ARGV[i], ARGV[i + 1]
  local last = i + 2 + 2 * tonumber(ARGV[i + 2])
  if due_arg == '0' then
    redis.call('HSET', prefix .. id, 'created_at', now, 'status', 'queued', unpack(ARGV, i + 3, last))
    ready[#ready + 1] = id
  else
    local due = string.sub(due_arg, 1, 1) == '+' and now + tonumber(string.sub(due_arg, 2)) or tonumber(due_arg)
    if due > now then
      redis.call('HSET', prefix .. id, 'created_at', now, 'status', 'scheduled', 'due_at', due,
        unpack(ARGV, i + 3, last))
      redis.call('ZADD', KEYS[2], due, id)
    else
      redis.call('HSET', prefix .. id, 'created_at', now, 'status', 'queued', unpack(ARGV, i + 3, last))
      ready[#ready + 1] = id
    end
  end
  i = last + 1
  created = created + 1
end
for s = 1, #ready, 1000 do
  redis.call('LPUSH', KEYS[1], unpack(ready, s, math.min(s + 999, #ready)))
end
return created
