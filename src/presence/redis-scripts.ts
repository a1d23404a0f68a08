// Lua scripts of the Redis presence, one atomic step each. Key layout under <base> (keyPrefix +
// "presence:"): edges (zset edgeId -> liveness deadline ms), edge:<edgeId> (set of connection refs,
// the per-edge index), r:<app>:<user> (hash connId -> route JSON), p:<app>:<user> (hash deviceId
// -> "<until>:<platform>"). Scripts derive some keys from <base>, so the presence needs one Redis
// primary (not Redis Cluster). Times are passed in from the caller's clock, never read in Lua.

/** Index member for a connection: JSON [app, user, conn] with the app as a string (no float formatting). */
export const SCRIPT_HELPERS = `
local function routes_key(base, ref) return base .. 'r:' .. ref[1] .. ':' .. ref[2] end
-- Deletes the route a ref points at, if it still belongs to this edge (it may have moved).
local function forget_ref(base, edge, member)
  local ref = cjson.decode(member)
  local key = routes_key(base, ref)
  local raw = redis.call('HGET', key, ref[3])
  if raw and cjson.decode(raw).edgeId == edge then redis.call('HDEL', key, ref[3]) end
end
`;

export const PRESENCE_SCRIPTS = {
  /** KEYS: routes, push, edge index. ARGV: connId, routeJson, deviceId, ref, base. */
  presenceAttach: `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then redis.call('SREM', ARGV[5] .. 'edge:' .. cjson.decode(old).edgeId, ARGV[4]) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[4])
redis.call('HDEL', KEYS[2], ARGV[3])
return 1
`,

  /** KEYS: routes, push. ARGV: connId, ref, base, pushOnline ("1"/"0"), until, pushTtlMs. */
  presenceDetach: `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local r = cjson.decode(raw)
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', ARGV[3] .. 'edge:' .. r.edgeId, ARGV[2])
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[2], r.deviceId, ARGV[5] .. ':' .. r.platform)
  -- The key lives as long as its longest entry, so a user who never returns leaves nothing.
  local ttl = redis.call('PTTL', KEYS[2])
  if ttl < tonumber(ARGV[6]) then redis.call('PEXPIRE', KEYS[2], ARGV[6]) end
end
return 1
`,

  /** KEYS: edges. ARGV: edgeId, deadline, now, base, sweepBudget. Heartbeat, then sweeps routes of
   *  lapsed edges (at most sweepBudget refs per call, so a big dead edge never blocks Redis). */
  presenceEdgeAlive: `
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local budget = tonumber(ARGV[5])
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[3], 'LIMIT', 0, 8)
local swept = 0
for _, edge in ipairs(dead) do
  if budget <= 0 then break end
  local index = ARGV[4] .. 'edge:' .. edge
  local refs = redis.call('SPOP', index, budget)
  for _, member in ipairs(refs) do forget_ref(ARGV[4], edge, member) end
  budget = budget - #refs
  swept = swept + #refs
  if redis.call('SCARD', index) == 0 then redis.call('ZREM', KEYS[1], edge) end
end
return swept
`,

  /** KEYS: edges, edge index. ARGV: edgeId, base, budget. Returns refs left; call until 0. The
   *  first call already takes the edge out of the liveness set, so its routes stop counting at once. */
  presenceDropEdge: `
redis.call('ZREM', KEYS[1], ARGV[1])
local refs = redis.call('SPOP', KEYS[2], tonumber(ARGV[3]))
for _, member in ipairs(refs) do forget_ref(ARGV[2], ARGV[1], member) end
return redis.call('SCARD', KEYS[2])
`,

  /** KEYS: edges, then per user its routes key (and its push key when withPush). ARGV: now,
   *  withPush ("1"/"0"). Returns per user the live route JSONs (and the push hash as a flat list). */
  presenceRead: `
local now = tonumber(ARGV[1])
local with_push = ARGV[2] == '1'
local step = with_push and 2 or 1
local alive = {}
local out = {}
for i = 2, #KEYS, step do
  local live = {}
  for _, raw in ipairs(redis.call('HVALS', KEYS[i])) do
    local edge = cjson.decode(raw).edgeId
    local ok = alive[edge]
    if ok == nil then
      local score = redis.call('ZSCORE', KEYS[1], edge)
      ok = score and tonumber(score) > now or false
      alive[edge] = ok
    end
    if ok then live[#live + 1] = raw end
  end
  out[#out + 1] = live
  if with_push then out[#out + 1] = redis.call('HGETALL', KEYS[i + 1]) end
end
return out
`,
} as const;

export type PresenceScriptName = keyof typeof PRESENCE_SCRIPTS;

/** The full source of a script: helpers first (Lua needs locals defined before use). */
export const scriptSource = (name: PresenceScriptName): string => SCRIPT_HELPERS + PRESENCE_SCRIPTS[name];
