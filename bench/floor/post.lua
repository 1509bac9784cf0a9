-- wrk script: POSTs the GraphQL request kept in $WORKIT_BENCH_BODY, signed in with
-- $WORKIT_BENCH_TOKEN. The answer is checked against the floor before any timing starts.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WORKIT_BENCH_TOKEN")
local file = assert(io.open(os.getenv("WORKIT_BENCH_BODY"), "rb"))
wrk.body = file:read("*a")
file:close()
