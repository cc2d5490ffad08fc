-- renew: extend the leases a worker still holds.
-- KEYS[1] active ZSET
-- KEYS[2] moving: a key that never exists (Keys.moving); declared so that Redis Cluster refuses this script
--   with TRYAGAIN, before it runs, while the queue's slot is being moved
-- ARGV[1] job key prefix, ARGV[2] lease duration ms, ARGV[3..] id, token pairs
-- Returns: the tokens of the leases this worker no longer holds (reaped, or ended by someone else). Tokens, not
--   ids: the same worker may hold a new attempt of a job whose old attempt lost its lease.
local now = now_ms()
local deadline = now + tonumber(ARGV[2])
local lost = {}
for i = 3, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local key = ARGV[1] .. id
  if is_job(key) and redis.call('HGET', key, 'lease') == token and redis.call('ZSCORE', KEYS[1], id) then
    redis.call('ZADD', KEYS[1], deadline, id)
  else
    lost[#lost + 1] = token
  end
end
return lost
