-- The floors: each workload's work done by bare coroutines under the cheapest loop that does the same waits, with
-- no scheduler bookkeeping (no status, no error check, no lists of who waits for what), as bench/floors.ts does
-- with bare generators. Each returns `tick()`, which runs one tick and returns how many coroutines it resumed, and
-- `live()`, how many coroutines are suspended (a script that failed is dead: the floor does not look, a test does).
local Body = require('body')

local create, resume, yield = coroutine.create, coroutine.resume, coroutine.yield
local random, range = math.random, Body.range

local floors = {}

local function suspended(cos)
  local n = 0
  for i = 1, #cos do
    if coroutine.status(cos[i]) == 'suspended' then n = n + 1 end
  end
  return n
end

-- One coroutine of `script` per body, each resumed once with its body: suspended at its first yield.
local function started(script, bodies)
  local cos = {}
  for i = 1, #bodies do
    cos[i] = create(script)
    resume(cos[i], bodies[i])
  end
  return cos
end

local function bare_mover(body)
  while true do
    yield()
    body:move()
  end
end

-- frame: a list of suspended coroutines resumed round-robin, once each a tick.
function floors.frame(bodies)
  local cos = started(bare_mover, bodies)
  local n = #cos
  return {
    tick = function()
      for i = 1, n do resume(cos[i]) end
      return n
    end,
    live = function() return suspended(cos) end,
  }
end

local function bare_sleeper(body)
  while true do
    yield(range(0.1, 10))
    body:hop()
  end
end

local RING = 1024 -- a power of two above the longest sleep, 600 ticks

-- sleepers: a calendar queue, a ring of one list per tick; a tick empties its list, resuming each coroutine and
-- filing it by the seconds it yields.
function floors.sleepers(bodies, tick_rate)
  local dt = 1 / tick_rate
  local ring = {}
  for i = 0, RING - 1 do ring[i] = {} end
  local now = 0
  local function park(co, seconds)
    local bucket = ring[(now + math.max(1, math.ceil(seconds / dt - 1e-9))) % RING]
    bucket[#bucket + 1] = co
  end
  for i = 1, #bodies do
    local co = create(bare_sleeper)
    local _, seconds = resume(co, bodies[i])
    park(co, seconds)
  end
  return {
    tick = function()
      now = now + 1
      local due = ring[now % RING]
      local n = #due
      for i = 1, n do
        local co = due[i]
        due[i] = nil -- emptied as it goes: the list keeps its room for the tick it serves next
        local _, seconds = resume(co)
        park(co, seconds)
      end
      return n
    end,
    live = function()
      local live = 0
      for i = 0, RING - 1 do live = live + suspended(ring[i]) end
      return live
    end,
  }
end

local function bare_once(body)
  body:move()
end

-- spawn: create a coroutine per body and run it to completion. Returns how many ran.
function floors.spawn(bodies)
  for i = 1, #bodies do resume(create(bare_once), bodies[i]) end
  return #bodies
end

-- Returns true when it ends, so the loop needs no coroutine.status.
local function bare_ephemeral(body)
  for _ = 1, random(1, 30) do
    yield()
    body:move()
  end
  return true
end

-- churn: slots resumed round-robin; a coroutine that ends is replaced at once by its successor, which makes its
-- first resume in the same tick.
function floors.churn(bodies)
  local cos = started(bare_ephemeral, bodies)
  local n = #cos
  return {
    tick = function()
      local resumes = n
      for i = 1, n do
        local _, done = resume(cos[i])
        if done then
          local co = create(bare_ephemeral)
          resume(co, bodies[i])
          cos[i] = co
          resumes = resumes + 1
        end
      end
      return resumes
    end,
    live = function() return suspended(cos) end,
  }
end

return floors
