-- The nginx counterpart of create.lua: the same request shape, answered from memory.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"bench create","description":"","role":"ORGANIZATION_MEMBER","scope":"ORGANIZATION"}'
