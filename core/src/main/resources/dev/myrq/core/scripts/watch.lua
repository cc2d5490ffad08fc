-- watch: ask to hear of a job's end; its end will publish its id on the queue's ended channel.
-- KEYS[1] job HASH
-- Returns: the job's status; '' when there is no such hash. Only for a job that has not ended is the notify
--   field set, so a caller that subscribed first and then ran this cannot miss the end.
if not is_job(KEYS[1]) then return '' end
local status = redis.call('HGET', KEYS[1], 'status') or ''
if status == 'queued' or status == 'scheduled' or status == 'started' then
  redis.call('HSET', KEYS[1], 'notify', 1)
end
return status
