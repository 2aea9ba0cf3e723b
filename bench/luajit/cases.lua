-- The workloads as bench/bench-cases.ts measures them for Loom, with the same counts of ticks a round: each case
-- builds scheduler.lua's threads and the floor's coroutines on bodies of their own and returns the two sides to
-- measure, and a tally of the work done (which a test checks).
local Body = require('body')
local Scheduler = require('scheduler')
local floors = require('floors')
local scripts = require('scripts')
local clock = require('clock')
local new_table = require('table.new')

local TICK_RATE = 60
local SEED = 1

local cases = {}

local function placed(count)
  local positions = new_table(2 * count, 0)
  return Body.placed(SEED, count, positions), positions
end

-- How many bodies wrote a position inside the world.
local function written(positions, count)
  local n = 0
  for i = 1, count do
    local x, y = positions[2 * i - 1], positions[2 * i]
    if x ~= nil and x >= 0 and x < Body.WORLD_SIZE and y >= 0 and y < Body.WORLD_SIZE then n = n + 1 end
  end
  return n
end

-- ns a resume over `ticks` calls of `tick`, which returns how many it resumed.
local function per_resume(tick, ticks)
  local resumes = 0
  local start = clock()
  for _ = 1, ticks do resumes = resumes + tick() end
  return { ns = (clock() - start) / resumes, resumes = resumes }
end

local function scheduler_side(scheduler, ticks)
  return function()
    local ended = scheduler.ended
    local run = per_resume(function() return scheduler:step() end, ticks)
    run.ended = scheduler.ended - ended
    return run
  end
end

-- A case whose threads run `script` on their bodies under the scheduler, against `floor` on bodies of its own.
local function steady(count, ticks, script, make_floor)
  local bodies, positions = placed(count)
  local scheduler = Scheduler.new(TICK_RATE)
  for i = 1, count do scheduler:spawn(script, bodies[i], scheduler) end
  scheduler:step()
  local floor_bodies, floor_positions = placed(count)
  local floor = make_floor(floor_bodies)
  return {
    scheduler = scheduler_side(scheduler, ticks),
    floor = function() return per_resume(floor.tick, ticks) end,
    warm = function()
      for _ = 1, ticks do
        scheduler:step()
        floor.tick()
      end
    end,
    tally = function()
      return {
        threads = scheduler.threads,
        ended = scheduler.ended,
        errors = scheduler.errors,
        written = written(positions, count),
        floor_live = floor.live(),
        floor_written = written(floor_positions, count),
      }
    end,
  }
end

-- frame: about 2M resumes a round, as bench/frame-probe.ts.
function cases.frame(count, ticks)
  ticks = ticks or math.min(200, math.max(3, math.floor(2e6 / count + 0.5)))
  local case = steady(count, ticks, scripts.mover, floors.frame)
  case.unit, case.ticks = 'ns/switch', ticks
  return case
end

-- sleepers: rounds of about 200k wakes, at least 120 ticks, after as many ticks unmeasured.
function cases.sleepers(count, ticks)
  ticks = ticks or math.max(120, math.floor(200000 / (count / (5.05 * TICK_RATE)) + 0.5))
  local case = steady(count, ticks, scripts.sleeper, function(bodies) return floors.sleepers(bodies, TICK_RATE) end)
  case.warm()
  case.unit, case.ticks = 'ns/wake', ticks
  return case
end

-- churn: about 1M resumes a round, in steady state as bench/bench-cases.ts measures it: after 60 ticks unmeasured,
-- once every thread of the start has ended (lives are 1 to 30 ticks) and run order has drifted from spawn order.
function cases.churn(count, ticks)
  ticks = ticks or math.max(3, math.floor(1e6 / count + 0.5))
  local case = steady(count, ticks, scripts.ephemeral, floors.churn)
  local warm = case.warm
  for _ = 1, math.ceil(60 / ticks) do warm() end
  case.unit, case.ticks = 'ns/switch', ticks
  return case
end

-- spawn: a new scheduler each round spawns `count` threads that move once and end, then runs a tick.
function cases.spawn(count)
  local bodies, positions = placed(count)
  local floor_bodies, floor_positions = placed(count)
  local last
  return {
    unit = 'ns/thread',
    ticks = 1,
    scheduler = function()
      local scheduler = Scheduler.new(TICK_RATE)
      local start = clock()
      for i = 1, count do scheduler:spawn(scripts.once, bodies[i]) end
      scheduler:step()
      local ns = (clock() - start) / count
      last = scheduler
      return { ns = ns, resumes = scheduler.resumes, ended = scheduler.ended }
    end,
    floor = function()
      local start = clock()
      local ran = floors.spawn(floor_bodies)
      return { ns = (clock() - start) / count, resumes = ran }
    end,
    tally = function()
      return {
        threads = last.threads,
        ended = last.ended,
        errors = last.errors,
        written = written(positions, count),
        floor_written = written(floor_positions, count),
      }
    end,
  }
end

return cases
