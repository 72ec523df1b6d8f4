/**
 * `/shulian/attest/1.0.0` (protocols/attest/README.md) at a lessor, over a circuit the suite makes
 * as the target's own hub: size and time limits, BAD_REQUEST for each rule of the request, the
 * all-zero shared secret refused, and a well-formed request from the lease's renter answered with
 * evidence that verifies and binds the offered key.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { pbStream } from '@libp2p/utils'
import { ATTEST_PROTOCOL as PROTOCOL } from '../../../protocols/attest/index.js'
import { AttestRequest, AttestResponse, AttestStatus } from '../../../protocols/attest/pb/attest.js'
import { acceptAttestation, decodeQuote, generateX25519, parseAttestationRoots, plainBytes, verificationPolicy } from '../../../keys/index.js'
import { relayedConnection } from '../circuit.js'
import { Skip, endedWithin } from '../context.js'
import type { TargetContext, Who } from '../context.js'
import type { ProtocolSuite } from '../requirement.js'
import type { Connection, Stream } from '@libp2p/interface'

const codec = { req: AttestRequest, res: AttestResponse }

/** A relayed connection to the target as `who` (the renter when the suite has a lease). */
async function connection (ctx: TargetContext, who: Who = 'renter'): Promise<Connection> {
  ctx.expectRole('participant')
  return relayedConnection(ctx, await ctx.node(who))
}

async function onConnection<T> (ctx: TargetContext, who: Who, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await connection(ctx, who)
  try {
    return await fn(conn)
  } finally {
    await conn.close().catch(() => {})
  }
}

async function open (ctx: TargetContext, conn: Connection): Promise<Stream> {
  return conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout) })
}

function request (ctx: TargetContext, change: Partial<AttestRequest> = {}): AttestRequest {
  return {
    nonce: new Uint8Array(randomBytes(32)),
    leaseId: ctx.lease?.id ?? 'conformance',
    subtaskIds: ['s-0'],
    renterPublicKey: plainBytes(generateX25519().publicKey),
    ...change
  }
}

function expectError (res: AttestResponse, code: string, what: string): void {
  assert.equal(res.status, AttestStatus.ERROR, `${what}: answered OK`)
  assert.equal(res.errorCode, code, `${what}: answered ${res.errorCode} (${res.error})`)
  assert.ok(!/[\r\n]/.test(res.error) && res.error.length <= 512, `${what}: error is not one line of at most 512 characters`)
}

export const suite: ProtocolSuite = {
  protocol: PROTOCOL,
  name: 'attest',
  readme: 'protocols/attest/README.md',
  requirements: [
    {
      id: 'attest-1.1',
      must: 'a message over 16 KiB: the stream is reset, nothing answered',
      quote: 'Either side MUST refuse a message longer than 16 KiB (MAX_MESSAGE_SIZE) by resetting the stream',
      role: 'participant',
      run: async (ctx) => {
        await onConnection(ctx, 'renter', async (conn) => {
          const stream = await open(ctx, conn)
          // a length prefix of 20 000 bytes and the start of the body: no need to wait for the rest
          stream.send(Uint8Array.from([0xa0, 0x9c, 0x01, 0x0a, 0x20]))
          const out = await ctx.outcome(pbStream(stream).read(AttestResponse, { signal: AbortSignal.timeout(ctx.options.timeout) }))
          assert.ok('cut' in out, `the lessor answered an oversized request: ${JSON.stringify('answer' in out ? out.answer.errorCode : '')}`)
        })
      }
    },
    {
      id: 'attest-1.2',
      must: 'a request that never completes: the lessor gives up within 10 s',
      quote: 'and MUST give up on an exchange that takes longer than 10 s (DEFAULT_TIMEOUT_MS)',
      role: 'participant',
      slow: true,
      run: async (ctx) => {
        const conn = await relayedConnection(ctx, await ctx.node('renter', { fresh: true }))
        try {
          const stream = await open(ctx, conn)
          stream.send(Uint8Array.from([0x40, 0x0a]))
          await endedWithin(stream, 15_000)
        } finally {
          await conn.close().catch(() => {})
        }
      }
    },
    {
      id: 'attest-2.1',
      must: 'a request breaking a field rule: ERROR BAD_REQUEST',
      quote: 'A lessor MUST answer a request that breaks these rules with status = ERROR, errorCode = BAD_REQUEST',
      role: 'participant',
      run: async (ctx) => {
        const cases: Array<[string, Partial<AttestRequest>]> = [
          ['a 31-byte nonce', { nonce: new Uint8Array(31) }],
          ['a 33-byte renter key', { renterPublicKey: new Uint8Array(33).fill(9) }],
          ['an empty lease id', { leaseId: '' }],
          ['a 257-character lease id', { leaseId: 'x'.repeat(257) }],
          ['no subtasks', { subtaskIds: [] }],
          ['an empty subtask id', { subtaskIds: [''] }],
          ['4097 subtasks', { subtaskIds: Array.from({ length: 4097 }, (_, i) => i.toString(36).slice(0, 1)) }]
        ]
        await onConnection(ctx, 'renter', async (conn) => {
          for (const [what, change] of cases) {
            expectError(await ctx.askOn(await open(ctx, conn), codec, request(ctx, change)), 'BAD_REQUEST', what)
          }
        })
      }
    },
    {
      id: 'attest-2.2',
      must: 'a renter\'s valid request: evidence that verifies and binds the offered key',
      quote: 'A lessor MUST answer a request that breaks these rules with status = ERROR',
      role: 'participant',
      run: async (ctx) => {
        if (ctx.lease == null || !ctx.lease.protection.includes('tee')) throw new Skip('needs a TEE lease naming the target as lessor (--lease)')
        const renter = await ctx.node('renter')
        const roots = parseAttestationRoots(ctx.network.attestationRoots, 'the network definition\'s attestationRoots')
        if (roots.length === 0) throw new Skip('the network lists no attestation roots')
        await onConnection(ctx, 'renter', async (conn) => {
          const key = generateX25519()
          const req = request(ctx, { renterPublicKey: plainBytes(key.publicKey) })
          const res = await ctx.askOn(await open(ctx, conn), codec, req)
          assert.equal(res.status, AttestStatus.OK, `answered ${res.errorCode}: ${res.error}`)
          assert.ok(/^[0-9a-f]{32}$/.test(res.sessionId), 'sessionId is not 32 lower-case hex characters')
          assert.ok(res.certificate.byteLength <= 4096 && res.quote.byteLength <= 4096, 'evidence over 4096 bytes')
          // which builds to trust is the renter's choice; the binding and signatures are checked here
          const policy = verificationPolicy({ roots, allowedMeasurements: [decodeQuote(res.quote).body.measurement], allowSimulated: true })
          await acceptAttestation({
            offer: { certificate: res.certificate, quote: res.quote, enclavePublicKey: res.enclavePublicKey, nonce: res.nonce },
            sessionId: res.sessionId,
            nonce: req.nonce,
            context: { leaseId: req.leaseId, subtaskIds: req.subtaskIds, renterPeerId: renter.peerId.toString(), lessorPeerId: ctx.target.peerId.toString(), renterPublicKey: key.publicKey },
            renterKey: key,
            policy
          })
        })
      }
    },
    {
      id: 'attest-3.1',
      must: 'a renter key giving an all-zero shared secret: refused',
      quote: 'a side MUST refuse an all-zero s',
      role: 'participant',
      run: async (ctx) => {
        if (ctx.lease == null || !ctx.lease.protection.includes('tee')) throw new Skip('needs a TEE lease naming the target as lessor (--lease)')
        await onConnection(ctx, 'renter', async (conn) => {
          // u = 0 and u = 1 are low-order points: X25519 with them is all zeros
          for (const point of [new Uint8Array(32), Uint8Array.from({ length: 32 }, (_, i) => i === 0 ? 1 : 0)]) {
            const out = await ctx.outcome(ctx.askOn(await open(ctx, conn), codec, request(ctx, { renterPublicKey: point })))
            if ('answer' in out) assert.equal(out.answer.status, AttestStatus.ERROR, 'the lessor attested a session on an all-zero secret')
          }
        })
      }
    },
    {
      id: 'attest-3.2',
      must: 'a peer holding no lease, or an unknown lease: ERROR NOT_AUTHORIZED',
      quote: 'to a renter that holds no lease in force naming it as lessor and the renter as renter',
      role: 'participant',
      run: async (ctx) => {
        if (ctx.lease == null) throw new Skip('needs a lease (--lease) to name')
        await onConnection(ctx, 'peer', async (conn) => {
          const res = await ctx.askOn(await open(ctx, conn), codec, request(ctx))
          expectError(res, 'NOT_AUTHORIZED', 'a request from a peer that is not the lease\'s renter')
        })
        await onConnection(ctx, 'renter', async (conn) => {
          const res = await ctx.askOn(await open(ctx, conn), codec, request(ctx, { leaseId: '0'.repeat(32) }), { timeout: 30_000 })
          expectError(res, 'NOT_AUTHORIZED', 'a request under a lease the lessor does not hold')
        })
      }
    },
    {
      id: 'attest-4.1',
      must: 'a renter never reuses a nonce',
      quote: 'a renter MUST NOT reuse one',
      kind: 'client',
      unit: { file: 'protocols/attest/attest.test.ts', test: 'gives two lessors different keys even for the same lease (each negotiation draws a fresh 32-byte nonce; not observable at a lessor)' }
    },
    {
      id: 'attest-4.2',
      must: 'a renter uses no field of an ERROR response',
      quote: 'A renter MUST NOT use any other field of an ERROR response',
      kind: 'client',
      unit: { file: 'protocols/attest/attest.test.ts', test: 'relays the lessor\'s refusal as one line' }
    },
    {
      id: 'attest-4.3',
      must: 'a renter verifies the evidence in order and refuses on any failure',
      quote: 'The renter MUST refuse the response, and MUST NOT send the lessor any data under it',
      kind: 'client',
      unit: { file: 'keys/attestation/attestation.test.ts', test: 'refuses a bad quote signature / untrusted root / measurement / stale nonce / report data / simulated under strict policy / expired certificate / old quote' }
    },
    {
      id: 'attest-4.4',
      must: 'an accepted simulated quote is shown as "simulated TEE"',
      quote: 'Everything that displays an accepted simulated quote MUST say "simulated TEE"',
      kind: 'client',
      unit: { file: 'keys/attestation/attestation.test.ts', test: 'accepts good evidence and says "simulated TEE" when rendering it' }
    },
    {
      id: 'attest-4.5',
      must: 'a renter refuses a sessionId other than its own computation',
      quote: 'The renter MUST refuse a response whose sessionId differs from its own computation',
      kind: 'client',
      unit: { file: 'protocols/attest/attest.test.ts', test: 'detects a host that swaps the enclave key (man in the middle)' }
    }
  ]
}
