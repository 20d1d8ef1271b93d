-- Copyright 2026 the Interlock authors.
-- SPDX-License-Identifier: Apache-2.0
--
-- Interlock's token bucket, run by Redis: one call reads the bucket, decides, writes and answers.
-- The algorithm and its limits are in RedisTokenBucket's implementation notes; this file is what
-- docs/distributed-rate-limiting.md explains line by line.
--
-- KEYS[1]  the bucket: a hash of c (the configuration), l (level), r (carry), b (base), e (epoch),
--          n (reservations made), k (confirmation: the time until which the key must live)
-- KEYS[2]  refund: the refunds applied; reserve (with ARGV[8]) and confirm: the reservations to confirm;
-- KEYS[3]  refund with ARGV[8]: the reservations to confirm.
--          Each a sorted set of "epoch:reservation:due" (a reservation's: ":permits" added) by due
-- ARGV[1]  take | reserve | peek | refund | confirm
-- ARGV[2]  permits
-- ARGV[3]  the configuration, "capacity:rate:step:initial": rate tokens every step microseconds
-- ARGV[4]  reserve: the most shortfall the caller will wait for, or '' for no limit
-- ARGV[5]  '' to read the server's clock; tests give microseconds here instead, and then no expiry
-- ARGV[6]  refund, confirm: "epoch:reservation:due", from its reservation's reply
-- ARGV[7]  '1' to move the bucket to this configuration if it was stored with another
-- ARGV[8]  '1' to mark each reservation in KEYS[2], for its waiter to confirm
-- Returns {status, level, carry, now, epoch, reservation, lag}. Status: 0 denied, 1 granted, 2 reserved,
-- 3 too late (nothing changed), 4 refunded, 5 refund ignored (given already, or another bucket) or not confirmed,
-- 6 refund refused (the tokens are produced: the waiter has them). lag: how far the state's time is ahead of the clock, after the clock stepped back.

local LIMIT = 4503599627370496 -- 2^52: numbers stay below it, and the sum of two below 2^53, where doubles are exact
local REFUND_MEMORY = 600000000  -- microseconds a refund is remembered past its due time (RedisTokenBucket's notes)

-- floor(a / b) and a mod b, exactly, for integers 0 <= a < 2^53 and b > 0. a / b is correctly rounded;
-- with a = k b + r, 0 <= r < b, it is at least k (k is a double) and lies 1/b or more below k + 1, which
-- is more than half the spacing of doubles there unless a >= 2^53 - 1. So its floor is k.
local function divide(a, b)
  local q = math.floor(a / b)
  return q, a - q * b
end

-- An integer below 2^53 as all its digits: %d casts to a 64-bit integer, exactly.
-- (tostring, and .. on a number, keep 14 significant digits.)
local function digits(n)
  return string.format('%d', n)
end

local function parse(config)
  local capacity, rate, step, initial = string.match(config, '^(%d+):(%d+):(%d+):(%d+)$')
  return tonumber(capacity), tonumber(rate), tonumber(step), tonumber(initial)
end

-- The level and carry `elapsed` microseconds later. Produced tokens are
-- floor((carry + elapsed * rate) / step), split so that no product reaches 2^53.
local function advance(level, carry, elapsed, capacity, rate, step)
  local periods, rest = divide(elapsed, step)
  local produced, newCarry = divide(carry + rest * rate, step)  -- < step * (rate + 1) < 2^53
  local room = capacity - level
  local periodsToFill = divide(room + rate - 1, rate)
  if periods >= periodsToFill then
    return capacity, newCarry                                   -- full; the carry is still exact
  end
  return math.min(capacity, level + periods * rate + produced), newCarry
end

if redis.replicate_commands then
  redis.replicate_commands()                                    -- Redis 5 and 6: replicate the writes, not the script
end

local key, marks, op, permits, config = KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), ARGV[3]
local capacity, rate, step, initial = parse(config)

local now
if ARGV[5] == '' then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000000 + tonumber(time[2])
else
  now = tonumber(ARGV[5])
end

if op == 'confirm' then                                         -- the mark, taken at most once, in its own bucket
  local taken = redis.call('ZREM', marks, ARGV[6] .. ':' .. digits(permits)) == 1
  local held = taken and redis.call('HGET', key, 'e') == string.match(ARGV[6], '^(%d+):')
  return {held and 1 or 5, 0, 0, now, 0, 0, 0}
end

local stored = redis.call('HMGET', key, 'c', 'l', 'r', 'b', 'e', 'n', 'k')
local level, carry, base, epoch, reservations
local changed = false
if not stored[1] then
  if op == 'refund' then
    return {5, 0, 0, now, 0, 0, 0}
  end
  level, carry, base, epoch, reservations = initial, 0, now, now, 0 -- a missing bucket is a new one
  changed = true
else
  level, carry, base, epoch = tonumber(stored[2]), tonumber(stored[3]), tonumber(stored[4]), tonumber(stored[5])
  reservations = tonumber(stored[6]) or 0                      -- 0 in a key written before n existed
  if stored[1] ~= config then
    if ARGV[7] ~= '1' then
      return redis.error_reply('INTERLOCK-CONFIG ' .. key .. ' is stored with ' .. stored[1] .. ', not ' .. config)
    end
    local oldCapacity, oldRate, oldStep = parse(stored[1])
    if now > base then
      level = advance(level, carry, now - base, oldCapacity, oldRate, oldStep)
      base = now
    end
    if level < 0 then
      return redis.error_reply('INTERLOCK-CONFIG ' .. key .. ' owes tokens to waiters: migrate it when none waits')
    end
    level, carry = math.min(level, capacity), 0                 -- the fraction of a token is dropped
    changed = true
  end
end

if now > base then                                              -- a clock that stepped back adds nothing
  level, carry = advance(level, carry, now - base, capacity, rate, step)
  base = now
end
local lag = base - now                                          -- > 0 only after the clock stepped back

local status
local keepUntil = tonumber(stored[7]) or 0                      -- confirmation: the key outlives its marks
if op == 'peek' then
  status = 0
elseif op == 'refund' then
  -- ARGV[6] = "epoch:reservation:due": give back once, to the bucket that reserved, before the tokens are due
  local refundEpoch, reservation, due = string.match(ARGV[6], '^(%d+):(%d+):(%d+)$')
  reservation, due = tonumber(reservation), tonumber(due)
  local mark = digits(tonumber(refundEpoch)) .. ':' .. digits(reservation) .. ':' .. digits(due) -- one spelling
  if tonumber(refundEpoch) ~= epoch or reservation > reservations or redis.call('ZSCORE', marks, mark) then
    return {5, level, carry, now, epoch, 0, lag}
  end
  if ARGV[8] == '1' and redis.call('ZREM', KEYS[3], mark .. ':' .. digits(permits)) == 0 then
    return {5, level, carry, now, epoch, 0, lag}                -- not a reservation this state counted
  end
  if base >= due then
    return {6, level, carry, now, epoch, 0, lag}                -- produced already: the waiter has them
  end
  redis.call('ZADD', marks, digits(due), mark)                -- remembered while a re-sent refund can arrive
  if now > REFUND_MEMORY then
    redis.call('ZREMRANGEBYSCORE', marks, '-inf', '(' .. digits(now - REFUND_MEMORY))
  end
  if ARGV[5] == '' then
    local latest = tonumber(redis.call('ZRANGE', marks, -1, -1, 'WITHSCORES')[2])
    local at = divide(latest + REFUND_MEMORY + 999, 1000)
    redis.call('PEXPIREAT', marks, digits(at))                -- when the latest due is forgotten
  end
  level = math.min(capacity, level + permits)
  status, changed = 4, true
elseif level >= permits then
  level = level - permits                                       -- take or reserve: granted now
  status, changed = 1, true
elseif op == 'take' then
  status = 0
else
  local shortfall = (permits - level) * step - carry            -- the wait is shortfall / rate microseconds
  if ARGV[4] ~= '' then                                         -- the budget is in shortfall units: rate per us
    local budget = tonumber(ARGV[4])
    if lag > divide(budget, rate) or shortfall + lag * rate > budget then
      return {3, level, carry, now, epoch, 0, lag}              -- the wait, lag included, passes the timeout
    end
  end
  if (capacity - level + permits) * step >= LIMIT then
    return redis.error_reply('INTERLOCK-DEBT ' .. key .. ': the reservations would reach 2^52 steps')
  end
  level = level - permits                                       -- into debt: the waiters' order is this call's
  reservations = reservations + 1
  status, changed = 2, true
  if ARGV[8] == '1' then                                        -- kept while a late confirmation can come
    local due = base + divide(shortfall + rate - 1, rate)
    local mark = digits(epoch) .. ':' .. digits(reservations) .. ':' .. digits(due) .. ':' .. digits(permits)
    redis.call('ZADD', marks, digits(due), mark)
    keepUntil = math.max(keepUntil, due + REFUND_MEMORY)
    redis.call('ZREMRANGEBYSCORE', marks, '-inf', '(' .. digits(now - REFUND_MEMORY))
    if ARGV[5] == '' then
      local latest = tonumber(redis.call('ZRANGE', marks, -1, -1, 'WITHSCORES')[2])
      redis.call('PEXPIREAT', marks, digits(divide(latest + REFUND_MEMORY + 999, 1000)))
    end
  end
end

if changed then
  redis.call('HSET', key, 'c', config, 'l', digits(level), 'r', digits(carry), 'b', digits(base), 'e', digits(epoch),
      'n', digits(reservations))
  if keepUntil ~= (tonumber(stored[7]) or 0) then
    redis.call('HSET', key, 'k', digits(keepUntil))
  end
  if ARGV[5] == '' then
    local untilFull = 0                                         -- microseconds, rounded up
    if level < capacity then
      untilFull = divide((capacity - level) * step - carry + rate - 1, rate)
    end
    local at = divide(math.max(base + untilFull, keepUntil) + 999, 1000) -- the quotient alone, not the remainder
    redis.call('PEXPIREAT', key, digits(at))                    -- from base: a clock that stepped back waits
  end
end
local reservation = 0
if status == 2 then
  reservation = reservations
end
return {status, level, carry, now, epoch, reservation, lag}
