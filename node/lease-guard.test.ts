import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { LeaseGuard } from './lease-guard.js'
import type { LeaseTerms } from './lease-guard.js'

const [lessor, renter, other] = await Promise.all([0, 1, 2].map(async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))))
const lease: LeaseTerms = { id: 'L1', renter: renter!.toString(), lessor: lessor!.toString(), cores: 2, memoryMiB: 1, protection: ['he'], start: 1000, end: 2000 }
const guard = (now = 1500): LeaseGuard => new LeaseGuard(lessor!, { lease: async (id) => id === 'L1' ? lease : id === 'L2' ? { ...lease, id: 'L2', protection: ['tee'] } : undefined }, () => now, 0)
const req = { renter: renter!, leaseId: 'L1', subtaskId: 's', mode: 'he' as const, inputBytes: 1000 }

describe('lease guard', () => {
  it('grants a subtask under a lease naming this lessor and renter, in force, in mode, within memory', async () => {
    const g = await guard().authorizeTask(req)
    g.release()
  })

  it('refuses another renter, an unknown lease, or a lease out of its time', async () => {
    await assert.rejects(guard().authorizeTask({ ...req, renter: other! }), { code: 'NO_LEASE' })
    await assert.rejects(guard().authorizeTask({ ...req, leaseId: 'L9' }), { code: 'NO_LEASE' })
    await assert.rejects(guard(999).authorizeTask(req), { code: 'LEASE_EXPIRED' })
    await assert.rejects(guard(2000).authorizeTask(req), { code: 'LEASE_EXPIRED' })
  })

  it('waits a moment for a lease still being delivered', async () => {
    let calls = 0
    const late = new LeaseGuard(lessor!, { lease: async (id) => ++calls >= 3 && id === 'L1' ? { ...lease, start: 0, end: Date.now() + 60_000 } : undefined }, Date.now, 2_000)
    const g = await late.authorizeTask(req)
    g.release()
    assert.ok(calls >= 3)
    const never = new LeaseGuard(lessor!, { lease: async () => undefined }, Date.now, 300)
    await assert.rejects(never.authorizeTask(req), { code: 'NO_LEASE' })
  })

  it('refuses a mode the lease does not cover, and attestation without a TEE lease', async () => {
    await assert.rejects(guard().authorizeTask({ ...req, mode: 'tee' }), { code: 'MODE_UNAVAILABLE' })
    await assert.rejects(guard().authorizeAttest(renter!, 'L1'), { code: 'MODE_UNAVAILABLE' })
    await guard().authorizeAttest(renter!, 'L2')
    await guard().authorizeTask({ ...req, leaseId: 'L2', mode: 'tee+he' })
  })

  it('refuses input over the leased memory and subtasks over the leased cores, until one ends', async () => {
    await assert.rejects(guard().authorizeTask({ ...req, inputBytes: 2 * 1024 * 1024 }), { code: 'OVER_LEASE' })
    const g = guard()
    const a = await g.authorizeTask(req)
    await g.authorizeTask(req)
    await assert.rejects(g.authorizeTask(req), { code: 'OVER_LEASE' })
    a.release()
    a.release()
    await g.authorizeTask(req)
    await assert.rejects(g.authorizeTask(req), { code: 'OVER_LEASE' })
  })
})
