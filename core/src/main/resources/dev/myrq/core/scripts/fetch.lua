-- fetch: take up to ARGV[2] waiting jobs and lease them to a worker, atomically; higher priority levels first,
-- FIFO within a level.
-- KEYS[1] queue LIST of waiting ids (priority 0; another priority p uses KEYS[1] .. ':' .. p)
-- KEYS[2] active ZSET (id -> lease deadline ms)
-- KEYS[3] paused STRING: while it exists, nothing is leased
-- KEYS[4] ready LIST (priority levels with waiting jobs); levels this call empties are removed from it
-- KEYS[5] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix
-- ARGV[2] max jobs, capped at 1000 per call (MAX_FETCH; a worker with more free slots calls again)
-- ARGV[3] worker name
-- ARGV[4] lease token prefix (random per call; the token is prefix .. n .. '.' .. attempt, unique per attempt)
-- ARGV[5] lease duration ms
-- Returns: {now_ms, id, token, {field, value, ...}, id, token, {...}, ...}, or {now_ms, 'paused'}
--   The fields are the job hash as read before the lease: the reader sets over them the five fields the lease
--   wrote (attempt: the token's part after its last '.'; status 'started'; started_at = now_ms; worker = ARGV[3];
--   lease = token). An id with no job hash (or a key that is not a hash) comes back with token '' and no fields:
--   it was dropped.
-- Hot path: a job costs HGETALL and one HSET (the attempt is counted from the hash just read, not by HINCRBY);
-- per call EXISTS, LRANGE, RPOP, the active set written once (in chunks). Nothing after the first RPOP can fail:
-- the count is checked first, the level lists, the ready list and the job hashes are read through pcall (a
-- hostile key of another type counts as empty, a job key that is not a hash as missing), and every ZADD takes at
-- most 1000 values.
local MAX_FETCH = 1000
local now = now_ms()
local prefix = ARGV[1]
local out = {now}
if redis.call('EXISTS', KEYS[3]) == 1 then
  out[2] = 'paused'
  return out
end
local max = math.min(tonumber(ARGV[2]) or 0, MAX_FETCH)
local lease_ms = tonumber(ARGV[5])
if max < 1 or not lease_ms then return out end
-- the levels named in the ready list, and always 0 (a job put there by an older writer is found too)
local seen, levels = {[0] = true}, {0}
local named = redis.pcall('LRANGE', KEYS[4], '0', '20')
if type(named) ~= 'table' or named.err then named = {} end
for _, l in ipairs(named) do
  local p = tonumber(l)
  if p and p == math.floor(p) and p >= -10 and p <= 10 and not seen[p] then seen[p] = true; levels[#levels + 1] = p end
end
table.sort(levels, function(a, b) return a > b end)
local ids = {}
for _, p in ipairs(levels) do
  if #ids >= max then break end
  local want = max - #ids
  local got = redis.pcall('RPOP', level_list(KEYS[1], p), string.format('%d', want))
  if type(got) ~= 'table' or got.err then got = {} end
  for _, id in ipairs(got) do ids[#ids + 1] = id end
  if #got < want then redis.pcall('LREM', KEYS[4], 0, p) end
end
if #ids == 0 then return out end
-- Numbers go to Redis as strings, made once: Redis formats each Lua number argument with %.17g (printf's floating
-- point path, and Lua's own tostring and '..' take it too), which string.format('%d') does not.
local deadline = string.format('%d', now + lease_ms)
local now_s = string.format('%d', now)
local active = {}
for n, id in ipairs(ids) do
  local h = redis.pcall('HGETALL', prefix .. id)
  if type(h) == 'table' and not h.err and #h > 0 then
    -- attempts counted so far: the stored integer (HINCRBY's rule: an integer, no sign but '-', no leading zero);
    -- anything else (hostile input) starts counting again
    local attempt = 1
    for f = 1, #h, 2 do
      if h[f] == 'attempt' then
        local v = h[f + 1]
        if #v < 16 and (v == '0' or string.match(v, '^%-?[1-9]%d*$')) then attempt = tonumber(v) + 1 end
        break
      end
    end
    attempt = string.format('%d', attempt)
    local token = ARGV[4] .. string.format('%d', n) .. '.' .. attempt
    redis.call('HSET', prefix .. id, 'attempt', attempt, 'status', 'started', 'started_at', now_s,
      'worker', ARGV[3], 'lease', token)
    active[#active + 1] = deadline
    active[#active + 1] = id
    out[#out + 1] = id; out[#out + 1] = token; out[#out + 1] = h
  else
    out[#out + 1] = id; out[#out + 1] = ''; out[#out + 1] = {}
  end
end
for s = 1, #active, 1000 do
  redis.call('ZADD', KEYS[2], unpack(active, s, math.min(s + 999, #active)))
end
return out
