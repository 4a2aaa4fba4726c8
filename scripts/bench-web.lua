-- wrk script for scripts/bench-web.sh: same counting as wger's bench.lua,
-- plus a unique Idempotency-Key per POST (each request is a new set).
-- Env: BENCH_METHOD, BENCH_BODY, BENCH_TOKEN, BENCH_NAME, BENCH_SPREAD_DAYS.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"
if wrk.method == "POST" then
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = os.getenv("BENCH_BODY")
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  created = 0
end

function request()
  if wrk.method ~= "POST" then return wrk.format() end
  counter = counter + 1
  -- wrk.format's headers replace wrk.headers: copy them, add the key.
  local h = {}
  for k, v in pairs(wrk.headers) do h[k] = v end
  h["Idempotency-Key"] = string.format("bench-%s-%d-%d", os.getenv("BENCH_RUN") or "0", tid, counter)
  -- Spread the sets over past days (BENCH_SPREAD_DAYS), so the history is
  -- many workouts of a few sets, as a person's is, not one day of thousands.
  local spread = tonumber(os.getenv("BENCH_SPREAD_DAYS") or "0")
  if spread > 0 then
    local back = ((tid * 7919 + counter) % spread) + 1
    local day = os.date("!%Y-%m-%d", os.time() - back * 86400)
    return wrk.format(nil, nil, h, wrk.body:sub(1, -2) .. ',"date":"' .. day .. '"}')
  end
  return wrk.format(nil, nil, h)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then created = created + 1 end
end

function done(summary, latency, requests)
  local agg, acked = {}, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do agg[k] = (agg[k] or 0) + v end
    acked = acked + t:get("created")
  end
  local codes, non2xx = {}, 0
  for k, v in pairs(agg) do
    table.insert(codes, k .. ":" .. v)
    if k < 200 or k > 299 then non2xx = non2xx + v end
  end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    "RESULT %s req_s=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d requests=%d acked201=%d statuses=%s sock_err=connect:%d,read:%d,write:%d,timeout:%d\n",
    os.getenv("BENCH_NAME") or "?", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    non2xx, summary.requests, acked, table.concat(codes, ","),
    e.connect, e.read, e.write, e.timeout))
end
