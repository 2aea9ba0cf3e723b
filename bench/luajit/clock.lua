-- A monotonic wall clock in nanoseconds, through the FFI: os.clock() counts CPU time, and Node's side is timed by
-- the wall clock (performance.now).
local ffi = require('ffi')

ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } loom_timespec;
  int clock_gettime(int clock_id, loom_timespec *tp);
]])

local CLOCK_MONOTONIC = 1
local now = ffi.new('loom_timespec')

return function()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
  return tonumber(now.tv_sec) * 1e9 + tonumber(now.tv_nsec)
end
