-- Runs one workload under scheduler.lua and its floor, rounds interleaved, and prints one line of JSON (read by
-- bench/luajit-runner.ts). A script error fails the run: it is printed and the exit status is 1.
-- Run: luajit bench/luajit/run.lua frame|sleepers|spawn|churn THREADS ROUNDS [TICKS]
package.path = (arg[0]:match('^(.*[/\\])') or './') .. '?.lua;' .. package.path

local cases = require('cases')
local measure = require('measure')

local USAGE = 'usage: luajit bench/luajit/run.lua frame|sleepers|spawn|churn THREADS ROUNDS [TICKS]'

local function whole(text)
  local n = tonumber(text)
  if n == nil or n < 1 or n % 1 ~= 0 then return nil end
  return n
end

local workload, threads, rounds = arg[1], whole(arg[2]), whole(arg[3])
local ticks = arg[4] and whole(arg[4])
if cases[workload] == nil or threads == nil or rounds == nil or (arg[4] and ticks == nil) then
  io.stderr:write(USAGE, '\n')
  os.exit(2)
end

-- Numbers and flat lists only: enough JSON for what this prints.
local function json(value)
  local kind = type(value)
  if kind == 'number' then return string.format('%.17g', value) end
  if kind == 'string' then return string.format('%q', value) end
  if kind == 'table' and #value > 0 then
    local items = {}
    for i, item in ipairs(value) do items[i] = json(item) end
    return '[' .. table.concat(items, ',') .. ']'
  end
  if kind == 'table' then
    local items = {}
    for key, item in pairs(value) do items[#items + 1] = string.format('%q:%s', key, json(item)) end
    table.sort(items)
    return '{' .. table.concat(items, ',') .. '}'
  end
  return 'null'
end

collectgarbage()
local case = cases[workload](threads, ticks)
local result = measure.interleave(rounds, case.scheduler, case.floor)
local tally = case.tally()
if #tally.errors > 0 then
  io.stderr:write(table.concat(tally.errors, '\n'), '\n')
  os.exit(1)
end
tally.errors = nil
print(json({
  workload = workload,
  threads = threads,
  ticks = case.ticks,
  unit = case.unit,
  scheduler = result.scheduler,
  floor = result.floor,
  ratio = result.ratio,
  rounds = result.rounds,
  tally = tally,
  luajit = jit.version,
}))
