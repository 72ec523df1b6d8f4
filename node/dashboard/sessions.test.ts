import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DashboardSessions, MAX_SESSIONS, MAX_SESSION_TTL_MS } from './sessions.js'

describe('dashboard sessions', () => {
  it('a minted token is valid until it expires, and nothing else is', () => {
    let now = 1_000_000
    const s = new DashboardSessions(() => now)
    const { token, expires } = s.mint(60_000)
    assert.match(token, /^dash_[A-Za-z0-9_-]{43}$/)
    assert.equal(expires, now + 60_000)
    assert.equal(s.valid(token), true)
    assert.equal(s.valid(token + 'x'), false)
    assert.equal(s.valid(token.slice(0, -1)), false)
    assert.equal(s.valid('the-api-token'), false)
    now += 60_000
    assert.equal(s.valid(token), false, 'expired')
    assert.equal(s.size, 0)
  })

  it('caps the time to live and the number of sessions (the one ending first goes)', () => {
    const s = new DashboardSessions(() => 0)
    assert.equal(s.mint(10 * MAX_SESSION_TTL_MS).expires, MAX_SESSION_TTL_MS)
    const first = s.mint(1_000)
    for (let i = 0; i < MAX_SESSIONS; i++) s.mint(100_000)
    assert.equal(s.size, MAX_SESSIONS)
    assert.equal(s.valid(first.token), false)
    s.clear()
    assert.equal(s.size, 0)
  })
})
