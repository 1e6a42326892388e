-- wrk script for bench/server_load.sh: POST /v1/screen with real listed
-- names in other spellings, rotating through them so the index is exercised
-- rather than one cached path. Counts non-2xx responses as errors.
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
local i = 0
local errors = 0

request = function()
  i = i % #names + 1
  return wrk.format("POST", "/v1/screen", {["Content-Type"] = "application/json"}, names[i])
end

response = function(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx: %d  p50=%.2fms p99=%.2fms p99.9=%.2fms  rps=%.0f\n",
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, summary.requests / (summary.duration / 1e6)))
end
