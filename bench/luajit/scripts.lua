-- The workloads' scripts, as harness/workloads.ts writes them for Loom, written for scheduler.lua.
local Body = require('body')

local yield, random, range = coroutine.yield, math.random, Body.range

local scripts = {}

-- frame: wait one tick, then move.
function scripts.mover(body)
  while true do
    yield()
    body:move()
  end
end

-- sleepers: sleep a random 0.1 to 10 s, hop, sleep again.
function scripts.sleeper(body)
  while true do
    yield(range(0.1, 10))
    body:hop()
  end
end

-- spawn: move once and end.
function scripts.once(body)
  body:move()
end

-- churn: live 1 to 30 ticks, moving, then start a successor and end.
function scripts.ephemeral(body, scheduler)
  for _ = 1, random(1, 30) do
    yield()
    body:move()
  end
  scheduler:spawn(scripts.ephemeral, body, scheduler)
end

return scripts
