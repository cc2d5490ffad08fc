-- enqueue: create one or more jobs in one queue, atomically; optionally as the claim of a recurring entry's tick.
-- KEYS[1] queue LIST of waiting ids (priority 0; another priority p uses KEYS[1] .. ':' .. p)
-- KEYS[2] scheduled ZSET (id -> due ms)
-- KEYS[3] ready LIST (priority levels with waiting jobs)
-- KEYS[4] cron ticks HASH (entry name -> last tick ms); read and written only when ARGV[2] is not ''
-- KEYS[5] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix (myrq:{q}:job:)
-- ARGV[2] recurring entry name, or '' ; ARGV[3] its tick (epoch ms): when the entry's last tick is not older,
--   nothing is written (another worker enqueued this tick)
-- ARGV[4..] per job: id, func, args, options, n, then n more field/value pairs of the job hash. options is '' for a
--   job to run now at priority 0 with no unique lock, else 'due priority lock_ms lock': due in epoch ms ('+ms' =
--   that long after now by this server's clock; 0 = now), priority, unique lock ttl ms (0 = until the job ends),
--   then the rest is the unique lock key ('' = none). (Each argument costs Redis about 1,000 instructions a call:
--   a job to run now takes 5, not 10.)
-- Returns: {created, then for each job that was not created because its unique lock names a live job:
--   its position (1-based), that job's id}. A lost tick claim returns {0}.
-- Hot path: a job to run now costs one HSET; the queue gets one LPUSH per call, and the ready list is looked at
-- (LPOS) only when that LPUSH found the level 0 list empty, or for another level: a non-empty level list is named in
-- the ready list already (every step that pushes onto one names it; fetch removes a level only when it emptied its
-- list), and level 0 is looked at by every fetch anyway.
local now = now_ms()
local now_text = tostring(now) -- converted once, not by every HSET
local prefix = ARGV[1]
if ARGV[2] ~= '' then
  local last = tonumber(redis.call('HGET', KEYS[4], ARGV[2]))
  if last and last >= tonumber(ARGV[3]) then return {0} end
  redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
end
local ready = {}
local out = {0}
local i = 4
local position = 0
while i <= #ARGV do
  local id, func, args, options = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local first, last = i + 5, i + 4 + 2 * tonumber(ARGV[i + 4])
  i = last + 1
  local due_arg, priority, lock_ms, lock = '0', 0, 0, ''
  if options ~= '' then
    local d, p, ms, l = string.match(options, '^(%S+) (%S+) (%S+) (.*)$')
    due_arg, priority, lock_ms, lock = d, tonumber(p), tonumber(ms), l
  end
  position = position + 1
  local holder = lock ~= '' and redis.call('GET', lock)
  local holder_status = holder and redis.pcall('HGET', prefix .. holder, 'status')
  if holder_status == 'queued' or holder_status == 'scheduled' or holder_status == 'started' then
    out[#out + 1] = position
    out[#out + 1] = holder
  else
    local key = prefix .. id
    if lock ~= '' then
      if lock_ms > 0 then redis.call('SET', lock, id, 'PX', lock_ms) else redis.call('SET', lock, id) end
      redis.call('HSET', key, 'unique_key', lock)
    end
    local due = 0
    if due_arg ~= '0' then
      due = string.sub(due_arg, 1, 1) == '+' and now + tonumber(string.sub(due_arg, 2)) or tonumber(due_arg)
    end
    if due > now then
      redis.call('HSET', key, 'created_at', now_text, 'status', 'scheduled', 'due_at', due, 'func', func, 'args', args,
        unpack(ARGV, first, last))
      redis.call('ZADD', KEYS[2], due, id)
    else
      redis.call('HSET', key, 'created_at', now_text, 'status', 'queued', 'func', func, 'args', args,
        unpack(ARGV, first, last))
      local level = ready[priority]
      if not level then level = {}; ready[priority] = level end
      level[#level + 1] = id
    end
    out[1] = out[1] + 1
  end
end
for priority, ids in pairs(ready) do
  local list = level_list(KEYS[1], priority)
  local length = 0
  for s = 1, #ids, 1000 do
    length = redis.call('LPUSH', list, unpack(ids, s, math.min(s + 999, #ids)))
  end
  if priority ~= 0 or length == #ids then mark_ready(KEYS[3], priority) end
end
return out
