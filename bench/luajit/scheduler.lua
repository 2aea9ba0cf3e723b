-- The scheduler a Lua game programmer writes: a table of coroutines resumed once a tick with coroutine.resume.
-- A script waits by yielding: `coroutine.yield()` waits for the next tick, `coroutine.yield(seconds)` sleeps.
-- Sleepers wait in buckets keyed by the tick they are due (a table of lists): O(1) a sleep and a wake, any length.
-- A script that raises an error is reported with its traceback and dropped; the others run on.
local create, resume, status = coroutine.create, coroutine.resume, coroutine.status

local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new(tick_rate)
  return setmetatable({
    dt = 1 / tick_rate,
    now = 0,
    ready = {}, -- the threads that wait for the next tick
    ready_n = 0,
    spare = {}, -- the list being run, swapped with `ready` each tick
    due = {}, -- tick -> the threads that wake then
    threads = 0, -- live threads
    resumes = 0,
    ended = 0,
    errors = {},
  }, Scheduler)
end

-- The same rule as Loom's sleep: the first tick whose time reaches the deadline, at least the next one.
local function ticks_of(seconds, dt)
  return math.max(1, math.ceil(seconds / dt - 1e-9))
end

function Scheduler:sleep(co, seconds)
  if type(seconds) ~= 'number' or seconds ~= seconds or seconds < 0 then
    self:fail(co, 'yielded ' .. tostring(seconds) .. ': a script yields nothing (next tick) or a number of seconds')
    return
  end
  local tick = self.now + ticks_of(seconds, self.dt)
  local bucket = self.due[tick]
  if bucket == nil then
    self.due[tick] = { co }
  else
    bucket[#bucket + 1] = co
  end
end

function Scheduler:fail(co, message)
  self.threads = self.threads - 1
  self.errors[#self.errors + 1] = debug.traceback(co, tostring(message))
end

-- Resumes `co` (passing `a`, `b` to a new thread's function) and files it by what it yielded: ended, failed, next
-- tick or asleep. Fixed arguments rather than `...`: a vararg aborts LuaJIT's trace, leaving the code interpreted.
function Scheduler:resume(co, a, b)
  local ok, wait = resume(co, a, b)
  if not ok then
    self:fail(co, wait)
  elseif status(co) == 'dead' then
    self.threads = self.threads - 1
    self.ended = self.ended + 1
  elseif wait == nil then
    local n = self.ready_n + 1
    self.ready_n = n
    self.ready[n] = co
  else
    self:sleep(co, wait)
  end
end

-- Starts `fn(a, b)` as a thread: it runs at once, up to its first wait.
function Scheduler:spawn(fn, a, b)
  self.threads = self.threads + 1
  self.resumes = self.resumes + 1
  self:resume(create(fn), a, b)
end

-- Runs one tick: the threads due now, then those that waited for this tick. Returns how many resumes it made,
-- threads spawned during the tick included.
function Scheduler:step()
  local before = self.resumes
  local now = self.now + 1
  self.now = now
  local woken, n = self.due[now], 0
  if woken ~= nil then
    self.due[now] = nil
    n = #woken
    for i = 1, n do self:resume(woken[i]) end
  end
  local run, m = self.ready, self.ready_n
  self.ready, self.ready_n, self.spare = self.spare, 0, run
  for i = 1, m do
    local co = run[i]
    run[i] = nil -- a dead coroutine must not stay reachable from the spare list
    self:resume(co)
  end
  self.resumes = self.resumes + n + m
  return self.resumes - before
end

return Scheduler
