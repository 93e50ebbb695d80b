-- wrk script of the WeChat load comparison (bench/run-wechat-load). Sends the lines of a corpus
-- written by bench/wechat_corpus (`query<TAB>body`, each signed as WeChat signs it) in order,
-- as POSTs. Line i goes to wrk thread i % THREADS, so every citizen stays on one thread and
-- reaches the server in dialog order (the corpus interleaves many citizens between two steps
-- of one citizen, more than the connections in flight).
--
--   wrk -t2 -cN -dD --latency -s bench/wechat-load.lua URL -- CORPUS THREADS [once DONEFILE]
--
-- `once`: each thread stops after as many responses as its share of the corpus (for the
-- 100,000-citizen memory run) and creates DONEFILE.<thread> (wrk itself runs on until its
-- duration or SIGINT, so the runner waits for those files and interrupts it); otherwise a thread that reaches the end of its share starts it
-- again, and `wrapped=1` in the RESULT line says so (for CivicDesk a repeat is a dedupe hit,
-- cheaper than a new message, so a measured run must not wrap).
-- done() prints one RESULT line that the runner parses.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  local nthreads = tonumber(args[2])
  once = args[3] == "once"
  donefile = args[4]
  reqs = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == id then
      local tab = line:find("\t", 1, true)
      local path = line:sub(1, tab - 1)
      local body = line:sub(tab + 1)
      reqs[#reqs + 1] = wrk.format("POST", path, {["Content-Type"] = "text/xml"}, body)
    end
    i = i + 1
  end
  n = #reqs
  idx = 0
  sent = 0
  ok = 0
  non200 = 0
  success = 0
  received = 0
  -- wrk calls request() once on thread 0 to inspect it before the run; that call must not
  -- use up a line (the citizen would miss a dialog step).
  verifying = (id == 0)
end

function request()
  if verifying then
    verifying = false
    return reqs[1]
  end
  idx = idx + 1
  if idx > n then idx = 1 end
  sent = sent + 1
  return reqs[idx]
end

function response(status, headers, body)
  received = received + 1
  if status == 200 then ok = ok + 1 else non200 = non200 + 1 end
  if body == "success" then success = success + 1 end
  if once and received == n then
    local f = io.open(donefile .. "." .. id, "w")
    f:write(received, "\n")
    f:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local tok, tnon, tsucc, tsent, wrapped, lines = 0, 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    tok = tok + t:get("ok")
    tnon = tnon + t:get("non200")
    tsucc = tsucc + t:get("success")
    tsent = tsent + t:get("sent")
    lines = lines + t:get("n")
    if t:get("sent") > t:get("n") then wrapped = 1 end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d " ..
    "ok=%d non200=%d success_bodies=%d sent=%d corpus_lines=%d wrapped=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout,
    tok, tnon, tsucc, tsent, lines, wrapped))
end
