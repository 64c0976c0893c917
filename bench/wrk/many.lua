-- Each request carries the next token value of $BENCH_VALUES (one per line), as a fleet of CI
-- jobs does; each wrk thread starts at its own offset so the threads do not warm each other's
-- tokens. With $BENCH_VALUES_ONE set, every request carries only the first value (the hot token).
local counter = 0
function setup(thread)
  thread:set("offset", counter * 4999)
  counter = counter + 1
end

local values = {}
local i = 0
function init(args)
  for line in io.lines(os.getenv("BENCH_VALUES")) do
    values[#values + 1] = line
    if os.getenv("BENCH_VALUES_ONE") then break end
  end
  i = (offset or 0) % #values
end

request = function()
  i = i % #values + 1
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. values[i]})
end
