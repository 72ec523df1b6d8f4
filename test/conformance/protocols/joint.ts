/**
 * `/shulian/joint/1.0.0` (protocols/joint/README.md) at a participant, over a circuit the suite
 * makes as the target's own hub. As a partner (C, when the target serves data: the keys dir's
 * `joint.json` says what it serves, as a renter knows it): requests that do not decode, break the
 * framing or come out of order (SHARE and ROUND for a training never opened, ROUND before its
 * shares), OPENs that do not fit the served file, and shares from the wrong party. As a lessor (B,
 * with --lease): RUN from a peer that is not the lease's renter, and frames its enclave refuses.
 * The renter's own obligations (FORWARD's fields, MAX_RESIDUAL, the order of streams) and the
 * enclave's key check are the unit tests'.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { pbStream } from '@libp2p/utils'
import { JOINT_HE_SET, createJointPool, enclaveOpParams, idDigest, keyFingerprint, shareTag } from '../../../compute/joint/index.js'
import { HeRenter } from '../../../compute/he/index.js'
import { heParamSet } from '../../../keys/index.js'
import { JOINT_PROTOCOL as PROTOCOL } from '../../../protocols/joint/index.js'
import { JointBlob, JointRequest, JointResponse } from '../../../protocols/joint/pb/joint.js'
import { relayedConnection } from '../circuit.js'
import { Skip, endedWithin } from '../context.js'
import type { TargetContext, Who } from '../context.js'
import type { ProtocolSuite } from '../requirement.js'
import type { HeParamSet } from '../../../keys/index.js'
import type { Connection, Stream } from '@libp2p/interface'

const MAX = 4 * 1024 * 1024
const SECRET = 'conformance-secret-row-data-7f3a'

function request (fields: Partial<JointRequest>): JointRequest {
  return {
    kind: JointRequest.Kind.KIND_UNSET, trainingId: '', round: 0, idColumn: '', features: [], rows: 0, idDigest: new Uint8Array(0), heParams: new Uint8Array(0), hePublicKey: new Uint8Array(0), shareKey: new Uint8Array(0), ranges: [], step: 0,
    start: 0, shareRows: 0, keyFingerprint: new Uint8Array(0), tag: new Uint8Array(0), blobs: 0, leaseId: '', subtaskId: '', sessionId: '', params: new Uint8Array(0), partner: '', hePublicBundle: new Uint8Array(0), renterOffset: 0,
    ...fields
  } as JointRequest
}

let seq = 0
function trainingId (what: string): string {
  return `conf-${what}-${Date.now()}-${seq++}`
}

async function onConnection<T> (ctx: TargetContext, who: Who, fn: (conn: Connection) => Promise<T>): Promise<T> {
  ctx.expectRole('participant')
  const conn = await relayedConnection(ctx, await ctx.node(who))
  try {
    return await fn(conn)
  } finally {
    await conn.close().catch(() => {})
  }
}

interface Answer {
  res: JointResponse
  stream: Stream
}

/** One request (and its blobs) on a new stream; the first response. */
async function exchange (ctx: TargetContext, conn: Connection, req: Partial<JointRequest>, blobs: Uint8Array[] = []): Promise<Answer> {
  const stream = await conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout), runOnLimitedConnection: true })
  const pb = pbStream(stream, { maxDataLength: MAX })
  const signal = AbortSignal.timeout(60_000)
  await pb.write(request(req), JointRequest, { signal })
  for (const data of blobs) await pb.write({ data: data as Uint8Array<ArrayBuffer> }, JointBlob, { signal }).catch(() => {})
  return { res: await pb.read(JointResponse, { signal }), stream }
}

async function expectError (a: Answer, code: string, what: string): Promise<JointResponse> {
  const { res } = a
  assert.equal(res.kind, JointResponse.Kind.ERROR, `${what}: answered ${JointResponse.Kind[res.kind]}, not ERROR`)
  assert.equal(res.code, code, `${what}: ${res.code} (${res.message}), expected ${code}`)
  assert.ok(res.message.length <= 500 && !/[\r\n]/.test(res.message), `${what}: the message is not one line of at most 500 characters`)
  assert.ok(!res.message.includes(SECRET), `${what}: the message carries the caller's data`)
  await endedWithin(a.stream, 10_000)
  return res
}

function expectOk (a: Answer, what: string): JointResponse {
  assert.equal(a.res.kind, JointResponse.Kind.OK, `${what}: ${a.res.code} (${a.res.message}), expected OK`)
  return a.res
}

function served (ctx: TargetContext): NonNullable<TargetContext['ring']['joint']> {
  ctx.expectRole('participant')
  if (ctx.ring.joint == null) throw new Skip('needs the data the target serves for joint trainings (joint.json in --keys)')
  return ctx.ring.joint
}

function needsLease (ctx: TargetContext): NonNullable<TargetContext['lease']> {
  ctx.expectRole('participant')
  if (ctx.lease == null) throw new Skip('needs a lease naming the target as lessor (--lease)')
  if (!ctx.lease.protection.includes('tee')) throw new Skip('needs a lease that covers tee')
  return ctx.lease
}

/** A renter's HE keys of the joint parameter set (a worker pool of its own, closed after `fn`). */
async function withHe<T> (fn: (he: HeRenter, pool: ReturnType<typeof createJointPool>) => Promise<T>): Promise<T> {
  const pool = createJointPool(1)
  try {
    return await fn(await HeRenter.create(heParamSet(JOINT_HE_SET) as HeParamSet, pool), pool)
  } finally {
    await pool.close()
  }
}

/** A valid OPEN of the served data: one range, for `lessor`. */
function openOf (ctx: TargetContext, id: string, he: HeRenter, lessor: string, shareKey: Uint8Array): Partial<JointRequest> {
  const d = served(ctx)
  return {
    kind: JointRequest.Kind.OPEN, trainingId: id, round: 0, idColumn: d.id, features: d.features, rows: d.ids.length, idDigest: idDigest(d.ids, id) as Uint8Array<ArrayBuffer>,
    heParams: he.paramsBytes as Uint8Array<ArrayBuffer>, hePublicKey: he.keys.publicKey as Uint8Array<ArrayBuffer>, shareKey: shareKey as Uint8Array<ArrayBuffer>,
    ranges: [{ lessor, start: 0, rows: d.ids.length }], step: 1
  }
}

export const suite: ProtocolSuite = {
  protocol: PROTOCOL,
  name: 'joint',
  readme: 'protocols/joint/README.md',
  requirements: [
    {
      id: 'joint-1.1',
      must: 'undecodable bytes, a bad training id, no kind: ERROR MALFORMED, one line, no caller data',
      quote: 'message is one line, at most 500 characters, and MUST NOT contain the data of any party',
      role: 'participant',
      run: async (ctx) => {
        await onConnection(ctx, 'peer', async (conn) => {
          // a frame that is no JointRequest (field 1 as a length-delimited run past its end)
          const stream = await conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout), runOnLimitedConnection: true })
          stream.send(Uint8Array.from([0x04, 0x0a, 0x7f, 0x01, 0x02]))
          await expectError({ res: await pbStream(stream).read(JointResponse, { signal: AbortSignal.timeout(ctx.options.timeout) }), stream }, 'MALFORMED', 'an undecodable request')
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.SHARE, trainingId: `${SECRET}\nline two` }), 'MALFORMED', 'a training id with a newline')
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.ROUND, trainingId: 'x'.repeat(129) }), 'MALFORMED', 'a 129-character training id')
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.KIND_UNSET, trainingId: trainingId('unset') }), 'MALFORMED', 'no kind')
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.FINISH, trainingId: trainingId('nan'), renterOffset: Number.NaN }), 'MALFORMED', 'a renter offset that is not finite')
        })
      }
    },
    {
      id: 'joint-1.2',
      must: 'a frame over 4 MiB, or more than 25 000 blobs announced: refused, and the node serves on',
      quote: 'message is one line, at most 500 characters, and MUST NOT contain the data of any party',
      role: 'participant',
      run: async (ctx) => {
        await onConnection(ctx, 'peer', async (conn) => {
          const stream = await conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout), runOnLimitedConnection: true })
          // a length prefix of 4 MiB + 1 and the start of the body: no need to send the rest
          stream.send(Uint8Array.from([0x81, 0x80, 0x80, 0x02, 0x08, 0x02]))
          const out = await ctx.outcome(pbStream(stream).read(JointResponse, { signal: AbortSignal.timeout(ctx.options.timeout) }))
          if ('answer' in out) await expectError({ res: out.answer, stream }, 'MALFORMED', 'a 4 MiB + 1 frame')
          else await endedWithin(stream, 10_000)
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.SHARE, trainingId: trainingId('blobs'), blobs: 25_001 }), 'MALFORMED', '25 001 blobs announced')
          // and it still answers
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.KIND_UNSET, trainingId: trainingId('after') }), 'MALFORMED', 'a request after the oversized one')
        })
      }
    },
    {
      id: 'joint-2.1',
      must: 'OPEN with HE parameters or a key that do not load: ERROR BAD_KEY',
      quote: 'a receiver MUST validate parameters, keys and ciphertexts (keys/he) before use',
      role: 'participant',
      run: async (ctx) => {
        served(ctx)
        await withHe(async (he) => {
          await onConnection(ctx, 'renter', async (conn) => {
            const lessor = (await ctx.node('peer')).peerId.toString()
            const id = trainingId('key')
            const ok = openOf(ctx, id, he, lessor, randomBytes(32))
            await expectError(await exchange(ctx, conn, { ...ok, hePublicKey: Buffer.from(SECRET.repeat(8)) as Uint8Array<ArrayBuffer> }), 'BAD_KEY', 'a public key that is not one')
            await expectError(await exchange(ctx, conn, { ...ok, heParams: Uint8Array.from([1, 2, 3]) as Uint8Array<ArrayBuffer> }), 'BAD_KEY', 'parameters that do not decode')
          })
        })
      }
    },
    {
      id: 'joint-2.2',
      must: 'shares of garbage ciphertexts (tagged right): refused MALFORMED (at SHARE or ROUND), the node serves on',
      quote: 'a receiver MUST validate parameters, keys and ciphertexts (keys/he) before use',
      role: 'participant',
      run: async (ctx) => {
        const d = served(ctx)
        await withHe(async (he) => {
          const b = await ctx.node('peer')
          const shareKey = randomBytes(32)
          const id = trainingId('ct')
          await onConnection(ctx, 'renter', async (conn) => {
            expectOk(await exchange(ctx, conn, openOf(ctx, id, he, b.peerId.toString(), shareKey)), 'a valid OPEN')
          })
          const ciphertexts = [new Uint8Array(randomBytes(4096))]
          const fields = { trainingId: id, round: 1, start: 0, rows: d.ids.length, keyFingerprint: keyFingerprint(he.keys.publicKey) }
          await onConnection(ctx, 'peer', async (conn) => {
            const a = await exchange(ctx, conn, { kind: JointRequest.Kind.SHARE, trainingId: id, round: 1, start: 0, shareRows: d.ids.length, keyFingerprint: fields.keyFingerprint as Uint8Array<ArrayBuffer>, tag: shareTag(shareKey, fields, ciphertexts) as Uint8Array<ArrayBuffer>, blobs: 1 }, ciphertexts)
            // refused at once (MALFORMED), or taken and refused when the round uses them
            if (a.res.kind === JointResponse.Kind.ERROR) await expectError(a, 'MALFORMED', 'a share whose ciphertexts do not decode')
          })
          await onConnection(ctx, 'renter', async (conn) => {
            await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.ROUND, trainingId: id, round: 1 }), 'MALFORMED', 'a round on ciphertexts that do not decode')
            await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.KIND_UNSET, trainingId: trainingId('after') }), 'MALFORMED', 'a request after the refused round')
          })
        })
      }
    },
    {
      id: 'joint-3.1',
      must: 'RUN from a peer that is not the lease\'s renter, or for an unknown lease: ERROR NO_LEASE',
      quote: 'B MUST check the lease as /shulian/task/1.0.0 does for tee+he',
      role: 'participant',
      run: async (ctx) => {
        const lease = needsLease(ctx)
        const run = (leaseId: string): Partial<JointRequest> => ({ kind: JointRequest.Kind.RUN, trainingId: trainingId('run'), leaseId, subtaskId: `s-${Date.now()}`, sessionId: 'ab'.repeat(16), params: enclaveOpParams('load', 0) as Uint8Array<ArrayBuffer>, blobs: 1 })
        await onConnection(ctx, 'peer', async (conn) => {
          await expectError(await exchange(ctx, conn, run(lease.id), [new Uint8Array(64)]), 'NO_LEASE', 'the lease\'s id from another peer')
        })
        await onConnection(ctx, 'renter', async (conn) => {
          await expectError(await exchange(ctx, conn, run('0'.repeat(32)), [new Uint8Array(64)]), 'NO_LEASE', 'an unknown lease')
          await expectError(await exchange(ctx, conn, { ...run(lease.id), leaseId: 'has spaces' }), 'MALFORMED', 'a lease id with spaces')
          await expectError(await exchange(ctx, conn, { ...run(lease.id), params: Uint8Array.from([0xff, 0xff]) as Uint8Array<ArrayBuffer> }), 'MALFORMED', 'parameters that do not decode')
        })
      }
    },
    {
      id: 'joint-3.2',
      must: 'RUN frames the enclave refuses (no such session, garbage): ERROR BAD_INPUT, no renter data',
      quote: 'and MUST pass the frames to its enclave unread (BAD_INPUT when the enclave refuses them)',
      role: 'participant',
      run: async (ctx) => {
        const lease = needsLease(ctx)
        const frame = new Uint8Array(Buffer.from(SECRET.repeat(64)))
        await onConnection(ctx, 'renter', async (conn) => {
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.RUN, trainingId: trainingId('run'), leaseId: lease.id, subtaskId: `s-${Date.now()}`, sessionId: 'ab'.repeat(16), params: enclaveOpParams('load', 0) as Uint8Array<ArrayBuffer>, blobs: 1 }, [frame]), 'BAD_INPUT', 'frames for a session the enclave does not hold')
        })
      }
    },
    {
      id: 'joint-3.3',
      must: 'FORWARD names C and the renter\'s HE public key (a lessor refuses one without: MALFORMED)',
      quote: 'FORWARD: A MUST also send partner (C\'s peer id) and he_public_bundle',
      kind: 'client',
      unit: { file: 'test/joint.test.ts', test: 'trains to the pooled least-squares model through the hubs; the loss falls every round; hubs forward only ciphertext (node/joint/renter.ts sends partner and the key\'s SHA-256 with every FORWARD)' }
    },
    {
      id: 'joint-3.4',
      must: 'the enclave refuses a FORWARD naming another HE key than it was loaded with',
      quote: 'it MUST refuse a run naming another key',
      kind: 'client',
      unit: { file: 'compute/enclave/sim/joint.test.ts', test: 'loads once, then per round: a tagged share under the renter\'s key, and the gradient sums' }
    },
    {
      id: 'joint-4.1',
      must: 'OPEN: other id column or features COLUMNS, other ids MISALIGNED, bad ranges MALFORMED, unknown resume round OUT_OF_ORDER',
      quote: 'C MUST refuse (and SHOULD name the file and the columns in the message)',
      role: 'participant',
      run: async (ctx) => {
        const d = served(ctx)
        await withHe(async (he) => {
          await onConnection(ctx, 'renter', async (conn) => {
            const lessor = (await ctx.node('peer')).peerId.toString()
            const id = trainingId('open')
            const ok = openOf(ctx, id, he, lessor, randomBytes(32))
            const n = d.ids.length
            await expectError(await exchange(ctx, conn, { ...ok, idColumn: `${d.id}-other` }), 'COLUMNS', 'another id column')
            await expectError(await exchange(ctx, conn, { ...ok, features: [...d.features, 'conformance-no-such-column'] }), 'COLUMNS', 'another set of features')
            await expectError(await exchange(ctx, conn, { ...ok, rows: n + 1, ranges: [{ lessor, start: 0, rows: n + 1 }] }), 'MISALIGNED', 'another number of rows')
            await expectError(await exchange(ctx, conn, { ...ok, idDigest: idDigest([...d.ids.slice(1), `${SECRET}`], id) as Uint8Array<ArrayBuffer> }), 'MISALIGNED', 'another id digest')
            await expectError(await exchange(ctx, conn, { ...ok, ranges: [{ lessor, start: 0, rows: n - 1 }] }), 'MALFORMED', 'ranges short of the rows')
            await expectError(await exchange(ctx, conn, { ...ok, ranges: [{ lessor, start: 1, rows: n - 1 }, { lessor, start: 0, rows: 1 }] }), 'MALFORMED', 'ranges out of order')
            await expectError(await exchange(ctx, conn, { ...ok, round: 3 }), 'OUT_OF_ORDER', 'a resume round with no record')
            // the same OPEN, well formed, is taken
            assert.equal(expectOk(await exchange(ctx, conn, ok), 'a valid OPEN').round, 0)
          })
        })
      }
    },
    {
      id: 'joint-5.1',
      must: 'SHARE for a training never opened: ERROR UNKNOWN_TRAINING',
      quote: 'C MUST refuse a share for a training not open (UNKNOWN_TRAINING)',
      role: 'participant',
      run: async (ctx) => {
        served(ctx)
        await onConnection(ctx, 'peer', async (conn) => {
          await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.SHARE, trainingId: trainingId('never'), round: 1, start: 0, shareRows: 10, keyFingerprint: new Uint8Array(32), tag: new Uint8Array(32), blobs: 1 }, [new Uint8Array(Buffer.from(SECRET))]), 'UNKNOWN_TRAINING', 'a share for a training never opened')
        })
      }
    },
    {
      id: 'joint-5.2',
      must: 'SHARE from an unnamed peer or for other rows BAD_SHARE, not the next round OUT_OF_ORDER, another key BAD_KEY, bad tag BAD_SHARE',
      quote: 'C MUST refuse a share for a training not open (UNKNOWN_TRAINING), from a peer that OPEN did not name for exactly those rows (BAD_SHARE)',
      role: 'participant',
      run: async (ctx) => {
        const d = served(ctx)
        await withHe(async (he) => {
          const b = await ctx.node('peer')
          const shareKey = randomBytes(32)
          const id = trainingId('share')
          const n = d.ids.length
          await onConnection(ctx, 'renter', async (conn) => {
            expectOk(await exchange(ctx, conn, openOf(ctx, id, he, b.peerId.toString(), shareKey)), 'a valid OPEN')
          })
          const ciphertexts = [new Uint8Array(randomBytes(256))]
          const share = (change: { round?: number, start?: number, rows?: number, fingerprint?: Uint8Array, key?: Uint8Array } = {}): Partial<JointRequest> => {
            const fields = { trainingId: id, round: change.round ?? 1, start: change.start ?? 0, rows: change.rows ?? n, keyFingerprint: change.fingerprint ?? keyFingerprint(he.keys.publicKey) }
            return { kind: JointRequest.Kind.SHARE, trainingId: id, round: fields.round, start: fields.start, shareRows: fields.rows, keyFingerprint: fields.keyFingerprint as Uint8Array<ArrayBuffer>, tag: shareTag(change.key ?? shareKey, fields, ciphertexts) as Uint8Array<ArrayBuffer>, blobs: 1 }
          }
          // the renter itself is not the lessor OPEN named
          await onConnection(ctx, 'renter', async (conn) => {
            await expectError(await exchange(ctx, conn, share(), ciphertexts), 'BAD_SHARE', 'a share from a peer OPEN did not name')
          })
          await onConnection(ctx, 'peer', async (conn) => {
            await expectError(await exchange(ctx, conn, share({ rows: n - 1 }), ciphertexts), 'BAD_SHARE', 'a share of other rows than named')
            await expectError(await exchange(ctx, conn, share({ round: 2 }), ciphertexts), 'OUT_OF_ORDER', 'a share of round 2 in round 1')
            await expectError(await exchange(ctx, conn, share({ round: 0 }), ciphertexts), 'OUT_OF_ORDER', 'a share of round 0')
            await expectError(await exchange(ctx, conn, share({ fingerprint: randomBytes(32) }), ciphertexts), 'BAD_KEY', 'a share under another key')
            await expectError(await exchange(ctx, conn, share({ key: randomBytes(32) }), ciphertexts), 'BAD_SHARE', 'a share whose tag does not verify')
          })
        })
      }
    },
    {
      id: 'joint-6.1',
      must: 'ROUND for a training never opened: UNKNOWN_TRAINING; not the next round, or shares missing: OUT_OF_ORDER',
      quote: 'C MUST refuse a round other than the next one, or one for which it does not hold every range\'s share (OUT_OF_ORDER)',
      role: 'participant',
      run: async (ctx) => {
        served(ctx)
        await withHe(async (he) => {
          const lessor = (await ctx.node('peer')).peerId.toString()
          await onConnection(ctx, 'renter', async (conn) => {
            // ROUND before OPEN
            await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.ROUND, trainingId: trainingId('unopened'), round: 1 }), 'UNKNOWN_TRAINING', 'a round of a training never opened')
            const id = trainingId('round')
            expectOk(await exchange(ctx, conn, openOf(ctx, id, he, lessor, randomBytes(32))), 'a valid OPEN')
            await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.ROUND, trainingId: id, round: 2 }), 'OUT_OF_ORDER', 'round 2 of a training at round 1')
            await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.ROUND, trainingId: id, round: 0 }), 'OUT_OF_ORDER', 'round 0')
            await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.ROUND, trainingId: id, round: 1 }), 'OUT_OF_ORDER', 'round 1 without its shares')
          })
          // another peer cannot drive the training
          await onConnection(ctx, 'peer', async (conn) => {
            await expectError(await exchange(ctx, conn, { kind: JointRequest.Kind.FINISH, trainingId: trainingId('unopened'), renterOffset: 0 }), 'UNKNOWN_TRAINING', 'FINISH of a training never opened')
          })
        })
      }
    },
    {
      id: 'joint-6.2',
      must: 'the renter refuses residuals beyond 2^24 (MAX_RESIDUAL)',
      quote: 'A decrypts the residuals (and MUST refuse any beyond 2^24',
      kind: 'client',
      unit: { file: 'compute/joint/he.test.ts', test: 'refuses residuals beyond MAX_RESIDUAL' }
    },
    {
      id: 'joint-7.1',
      must: 'the renter sends ROUND k only after every FORWARD k was OK, FORWARD k+1 only after ROUND k',
      quote: 'A MUST NOT send ROUND k before every FORWARD of round k was answered OK',
      kind: 'client',
      unit: { file: 'test/joint.test.ts', test: 'the partner killed mid-training: the run stops with a clear error, and resumes from the last completed round to the same model' }
    }
  ]
}
