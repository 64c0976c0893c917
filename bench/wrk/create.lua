-- POST /v1/organizations/{org}/tokens: the durable write path (every 200 is synced to disk).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"bench create","description":"","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"}'
