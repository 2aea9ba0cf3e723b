-- Measures two sides in alternating order, as bench/measure.ts does: one unmeasured warm-up run of each, then
-- `rounds` rounds, the order swapped every round, so on a shared, noisy machine both sides see the same conditions.
-- Each run starts from a full collection: LuaJIT's collector is incremental, and the garbage one side leaves would
-- otherwise be collected on the other side's time. A side is a function returning { ns = figure, resumes = count }.
local measure = {}

function measure.median(values)
  local sorted = {}
  for i = 1, #values do sorted[i] = values[i] end
  table.sort(sorted)
  local n = #sorted
  if n % 2 == 1 then return sorted[(n + 1) / 2] end
  return (sorted[n / 2] + sorted[n / 2 + 1]) / 2
end

local function collected(side)
  return function()
    collectgarbage()
    return side()
  end
end

function measure.interleave(rounds, scheduler, floor)
  scheduler, floor = collected(scheduler), collected(floor)
  scheduler()
  floor()
  local all = {}
  for r = 1, rounds do
    local s, f
    if r % 2 == 1 then
      s = scheduler()
      f = floor()
    else
      f = floor()
      s = scheduler()
    end
    all[r] = { scheduler = s, floor = f }
  end
  local pick = function(side) return function(round) return round[side].ns end end
  local map = function(fn) local out = {} for i, round in ipairs(all) do out[i] = fn(round) end return out end
  return {
    scheduler = measure.median(map(pick('scheduler'))),
    floor = measure.median(map(pick('floor'))),
    ratio = measure.median(map(function(round) return round.scheduler.ns / round.floor.ns end)),
    rounds = all,
  }
end

return measure
