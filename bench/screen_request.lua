-- wrk script for bench/server_load.sh: POST /v1/screen with real listed
-- names in other spellings, rotating through them so the index is exercised
-- rather than one cached path. wrk counts non-2xx/3xx responses itself
-- (summary.errors.status); a response() callback would make it copy every
-- body into Lua, which costs wrk more CPU than the server's HTTP layer
-- (wrk shares the machine's two cores with the server).
local names = {
  '{"name":"Erik Badeghe","type":"person"}',
  '{"name":"Mohamed Salah al-Din Zidan"}',
  '{"name":"Sayf al Adl","dob":"1963"}',
  '{"name":"Usama bin Ladin"}',
  '{"name":"Al Qaida"}',
  '{"name":"Bank Melli Iran","type":"organization"}',
  '{"name":"Kim Jong Un","country":"kp"}',
  '{"name":"Viktor Bout"}',
  '{"name":"Islamic State of Iraq and the Levant"}',
  '{"name":"John Smith"}',
}
-- The requests, formatted once.
local formatted = {}
for k, body in ipairs(names) do
  formatted[k] = wrk.format("POST", "/v1/screen", {["Content-Type"] = "application/json"}, body)
end
local i = 0

request = function()
  i = i % #formatted + 1
  return formatted[i]
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx: %d  p50=%.2fms p99=%.2fms p99.9=%.2fms  rps=%.0f\n",
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, summary.requests / (summary.duration / 1e6)))
end
