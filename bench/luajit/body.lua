-- The entity a thread drives, as harness/workloads.ts's Body: a position and a velocity, written to a shared
-- positions table (a renderer's buffer) each time it moves. Methods through a metatable, as Lua game code writes them.
local Body = {}
Body.__index = Body

-- Threads move in a square world of this side.
local WORLD_SIZE = 1024

local random = math.random

-- A float in [min, max), as Loom's random.range.
local function range(min, max)
  return min + (max - min) * random()
end

local function wrap(v)
  if v < 0 then return v + WORLD_SIZE end
  if v >= WORLD_SIZE then return v - WORLD_SIZE end
  return v
end

-- `count` bodies at random places with random velocities of up to 2 units a tick, writing into `positions`.
function Body.placed(seed, count, positions)
  math.randomseed(seed)
  local bodies = {}
  for i = 1, count do
    bodies[i] = setmetatable({
      index = i,
      x = range(0, WORLD_SIZE),
      y = range(0, WORLD_SIZE),
      vx = range(-2, 2),
      vy = range(-2, 2),
      positions = positions,
    }, Body)
  end
  return bodies
end

function Body:publish()
  local positions, i = self.positions, 2 * self.index
  positions[i - 1] = self.x
  positions[i] = self.y
end

-- One tick of motion, wrapping around the world's edges.
function Body:move()
  self.x = wrap(self.x + self.vx)
  self.y = wrap(self.y + self.vy)
  self:publish()
end

-- A random hop of up to 8 units.
function Body:hop()
  self.x = wrap(self.x + range(-8, 8))
  self.y = wrap(self.y + range(-8, 8))
  self:publish()
end

Body.range = range
Body.WORLD_SIZE = WORLD_SIZE
return Body
