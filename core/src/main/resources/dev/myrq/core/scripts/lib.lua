-- Shared helpers: Scripts.java prepends to each myrq script the ones it calls (LuaSource).
-- now(): Redis server time in epoch milliseconds, so every host agrees on deadlines.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- A job hash that exists and is a HASH; anything else is not a job myrq can write to.
local function is_job(key)
  return redis.call('TYPE', key)['ok'] == 'hash'
end

-- Integer field of a job hash, or 0 when absent or not a number (hostile input must not abort a script).
local function int_field(key, field)
  return tonumber(redis.call('HGET', key, field)) or 0
end

-- Append one JSON object to the job's 'history' JSON array.
local function append_history(key, entry)
  if entry == nil or entry == '' then return end
  local h = redis.call('HGET', key, 'history')
  if not h or string.sub(h, 1, 1) ~= '[' or string.sub(h, -1) ~= ']' or h == '[]' then
    h = '[' .. entry .. ']'
  else
    h = string.sub(h, 1, -2) .. ',' .. entry .. ']'
  end
  redis.call('HSET', key, 'history', h)
end

-- Keep a registry ZSET scored by time to at most max entries no older than max_age_ms.
-- delete_hashes: when true, job hashes trimmed out of the registry are deleted with it.
local function trim_registry(registry, now, max, max_age_ms, prefix, delete_hashes)
  local old
  if delete_hashes then
    old = redis.call('ZRANGEBYSCORE', registry, '-inf', now - max_age_ms)
    for _, oid in ipairs(old) do redis.call('DEL', prefix .. oid) end
  end
  redis.call('ZREMRANGEBYSCORE', registry, '-inf', string.format('%d', now - max_age_ms))
  local excess = redis.call('ZCARD', registry) - max
  if excess > 0 then
    if delete_hashes then
      old = redis.call('ZRANGE', registry, 0, excess - 1)
      for _, oid in ipairs(old) do redis.call('DEL', prefix .. oid) end
    end
    redis.call('ZREMRANGEBYRANK', registry, 0, excess - 1)
  end
end

-- Record a job in a registry ZSET scored by time, then trim it (see trim_registry).
local function add_to_registry(registry, id, now, max, max_age_ms, prefix, delete_hashes)
  redis.call('ZADD', registry, now, id)
  trim_registry(registry, now, max, max_age_ms, prefix, delete_hashes)
end

-- Tell waiters that a job ended: publish its id on the queue's ended channel when its notify field is set.
local function notify_ended(key, channel, id)
  if redis.call('HEXISTS', key, 'notify') == 1 then
    redis.call('PUBLISH', channel, id)
  end
end

-- Priority of a stored job: its 'priority' field, or 0 when absent or not an integer from -10 to 10.
local function job_priority(key)
  local p = tonumber(redis.call('HGET', key, 'priority'))
  if not p or p ~= math.floor(p) or p < -10 or p > 10 then return 0 end
  return p
end

-- The waiting LIST of one priority level: the queue's own list for 0, else queue .. ':' .. level (Keys.queue(q, p)).
local function level_list(queue, priority)
  if priority == 0 then return queue end
  return queue .. ':' .. priority
end

-- Note in the ready LIST that a level has waiting jobs (idle workers block on that list).
local function mark_ready(ready, priority)
  if not redis.call('LPOS', ready, priority) then redis.call('LPUSH', ready, priority) end
end

-- Make a job wait in its queue at its priority: last in line (LPUSH), or next in line when front is true (a job
-- put back after a crash or a shutdown).
local function push_waiting(queue, ready, key, id, front)
  local p = job_priority(key)
  redis.call(front and 'RPUSH' or 'LPUSH', level_list(queue, p), id)
  mark_ready(ready, p)
end

-- Delete a job's unique lock if it still names this job (the job has ended).
local function release_unique(key, id)
  local lock = redis.call('HGET', key, 'unique_key')
  if lock and redis.call('GET', lock) == id then redis.call('DEL', lock) end
end
