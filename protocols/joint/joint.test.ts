/**
 * /shulian/joint/1.0.0 between the service and the client functions joined by streamPair(), with
 * stubbed partner handlers: requests reach the partner with their fields, a round's ciphertexts
 * and constants cross intact, refusals come back with their codes, and a lessor without an
 * enclave or lease refuses RUN.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { streamPair } from '@libp2p/utils'
import { HeObjectError } from '../../keys/index.js'
import { TaskError } from '../task/index.js'
import { JOINT_PROTOCOL, JointProtocolError, finishTraining, joint, openTraining, roundWithPartner, runEnclave } from './index.js'
import type { JointOpenRequest, JointPartnerHandlers, JointServiceInit } from './index.js'
import type { Connection, PeerId, Stream, StreamHandler } from '@libp2p/interface'

const renter = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))

async function service (init: JointServiceInit): Promise<(from?: PeerId) => Promise<Stream>> {
  let handler: StreamHandler | undefined
  const s = joint(init)({
    registrar: { handle: async (protocol: string, h: StreamHandler) => { assert.equal(protocol, JOINT_PROTOCOL); handler = h }, unhandle: async () => {} } as any,
    connectionManager: { openStream: async () => { throw new Error('no network in this test') } },
    logger: defaultLogger()
  })
  await s.start()
  return async (from = renter) => {
    const [outbound, inbound] = await streamPair({ protocol: JOINT_PROTOCOL })
    void (handler as StreamHandler)(inbound, { remotePeer: from } as unknown as Connection)
    return outbound
  }
}

const openReq: JointOpenRequest = {
  trainingId: 't-1', round: 0, idColumn: 'id', features: ['p', 'q'], rows: 10, idDigest: new Uint8Array(32).fill(1), heParams: new Uint8Array([1, 2]),
  hePublicKey: new Uint8Array(5000).fill(3), shareKey: new Uint8Array(32).fill(4), ranges: [{ lessor: 'b', start: 0, rows: 10 }], step: 0.5
}

describe('/shulian/joint/1.0.0', () => {
  it('OPEN, ROUND and FINISH reach the partner with their fields; ciphertexts and constants cross intact', async () => {
    const got: any = {}
    const residuals = [[new Uint8Array(3_000_000).fill(7)], [new Uint8Array([8]), new Uint8Array([9])]]
    const masked = [new Uint8Array([10]), new Uint8Array([11]), new Uint8Array([12])]
    const constants = [0n, 1n, (1n << 109n) + 12345n]
    const partner: JointPartnerHandlers = {
      open: async (from, req) => { got.open = { from, req }; return { round: 0 } },
      share: async () => {},
      round: async (from, id, round) => ({ residuals, masked, commit: async (c) => { got.round = { from, id, round, c } } }),
      finish: async (from, id, offset) => { got.finish = { id, offset } }
    }
    const dial = await service({ partner: () => partner })
    assert.deepEqual((await openTraining(await dial(), openReq)).round, 0)
    assert.ok(got.open.from.equals(renter))
    assert.deepEqual(got.open.req, openReq)
    let seen: any
    await roundWithPartner(await dial(), 't-1', 1, async (r, m) => { seen = { r, m }; return constants })
    assert.deepEqual(seen.r, residuals)
    assert.deepEqual(seen.m, masked)
    assert.deepEqual(got.round.c, constants)
    assert.equal(got.round.round, 1)
    await finishTraining(await dial(), 't-1', -2.5)
    assert.deepEqual(got.finish, { id: 't-1', offset: -2.5 })
  })

  it('refusals come back as one line with their codes', async () => {
    const none = await service({})
    await assert.rejects(openTraining(await none(), openReq), (e: any) => e instanceof JointProtocolError && e.code === 'NOT_SERVING' && /joint serve/.test(e.message))
    const refusing = await service({
      partner: () => ({
        open: async () => { throw new JointProtocolError('MISALIGNED', 'the ids differ') },
        share: async () => {},
        round: async () => { throw new JointProtocolError('OUT_OF_ORDER', 'round 3 asked; the training is at round 2') },
        finish: async () => {}
      })
    })
    await assert.rejects(openTraining(await refusing(), openReq), (e: any) => e.code === 'MISALIGNED' && e.message === 'the ids differ')
    await assert.rejects(roundWithPartner(await refusing(), 't-1', 3, async () => []), (e: any) => e.code === 'OUT_OF_ORDER')
    await assert.rejects(openTraining(await refusing(), { ...openReq, trainingId: 'bad id!' }), (e: any) => e.code === 'MALFORMED')
    // an HE object that does not load (keys/he refuses it) is MALFORMED, not FAILED
    const undecodable = await service({
      partner: () => ({
        open: async () => { throw new HeObjectError('MALFORMED', 'not a zstd frame of a SEAL object') },
        share: async () => {},
        round: async () => { throw new HeObjectError('TRUNCATED', 'share of rows 0+10, chunk 0: truncated') },
        finish: async () => {}
      })
    })
    await assert.rejects(openTraining(await undecodable(), openReq), (e: any) => e.code === 'MALFORMED' && /SEAL object/.test(e.message))
    await assert.rejects(roundWithPartner(await undecodable(), 't-1', 1, async () => []), (e: any) => e.code === 'MALFORMED' && /truncated/.test(e.message))
  })

  it('a lessor without an enclave, or without a lease for this renter, refuses RUN', async () => {
    const run = { trainingId: 't-1', round: 1, leaseId: 'lease-1', subtaskId: 's-1', sessionId: 'x', params: new Uint8Array([8, 1]) }
    const noEnclave = await service({ authorize: async () => ({ release: () => {} }) })
    await assert.rejects(runEnclave(await noEnclave(), run, []), (e: any) => e.code === 'MODE_UNAVAILABLE')
    const noLease = await service({
      enclave: () => ({}) as any,
      authorize: async (req) => { throw new TaskError('NO_LEASE', `no lease ${req.leaseId} names this lessor and renter ${req.renter.toString()}`) }
    })
    await assert.rejects(runEnclave(await noLease(), run, [new Uint8Array(10)]), (e: any) => e.code === 'NO_LEASE' && /no lease lease-1/.test(e.message))
  })
})
