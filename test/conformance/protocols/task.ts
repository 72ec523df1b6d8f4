/**
 * `/shulian/task/1.0.0` (protocols/task/README.md) at a lessor, over a circuit the suite makes as
 * the target's own hub: the request checks (ERROR and the stream closed), the declared input size,
 * HE input validated, the flow control acknowledgements, and errors that carry no renter data.
 */
import assert from 'node:assert/strict'
import { pbStream } from '@libp2p/utils'
import { TaskData, TaskEvent, TaskRequest } from '../../../protocols/task/pb/task.js'
import { TASK_PROTOCOL as PROTOCOL } from '../../../protocols/task/index.js'
import { relayedConnection } from '../circuit.js'
import { Skip, endedWithin } from '../context.js'
import type { TargetContext, Who } from '../context.js'
import type { ProtocolSuite } from '../requirement.js'
import type { Connection, Stream } from '@libp2p/interface'

const K = TaskEvent.Kind
const MAX = 2 * 1024 * 1024 + 1024
const ACK_EVERY = 512 * 1024
const WINDOW = 2 * 1024 * 1024

function request (ctx: TargetContext, change: Partial<TaskRequest> = {}): TaskRequest {
  return { leaseId: ctx.lease?.id ?? 'conformance', subtaskId: `s-${Date.now()}`, mode: TaskRequest.Mode.HE, program: new Uint8Array(0), rows: 1, inputBytes: 10n, sessionId: '', hePublicBundle: new Uint8Array(0), ...change }
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

interface Exchange {
  events: TaskEvent[]
  stream: Stream
}

/**
 * One subtask: the request, then (after ACCEPTED) `input` chunks within the flow-control window,
 * then `end`; every event until ERROR or DONE (or the stream's end).
 */
async function subtask (ctx: TargetContext, conn: Connection, req: TaskRequest, input: Uint8Array[] = [], timeout = 30_000): Promise<Exchange> {
  const stream = await conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout) })
  const pb = pbStream(stream, { maxDataLength: MAX })
  const signal = AbortSignal.timeout(timeout)
  const events: TaskEvent[] = []
  const next = async (): Promise<TaskEvent | undefined> => {
    try {
      const ev = await pb.read(TaskEvent, { signal })
      events.push(ev)
      return ev
    } catch {
      return undefined
    }
  }
  // a write the lessor cut short (it refused mid-input) is no failure: its answer is in the events
  const write = async (data: TaskData): Promise<boolean> => pb.write(data, TaskData, { signal }).then(() => true, () => false)
  const drain = async (): Promise<Exchange> => {
    while (true) {
      const ev = await next()
      if (ev == null || ev.kind === K.ERROR || ev.kind === K.DONE) return { events, stream }
    }
  }
  await pb.write(req, TaskRequest, { signal })
  const first = await next()
  if (first?.kind !== K.ACCEPTED) return { events, stream }
  let sent = 0
  let acked = 0
  for (const chunk of input) {
    while (sent + chunk.byteLength - acked > WINDOW) {
      const ev = await next()
      if (ev == null || ev.kind === K.ERROR) return { events, stream }
      if (ev.kind === K.PROGRESS && ev.phase === 'receiving') acked = Number(ev.done)
    }
    if (!await write({ chunk: chunk as Uint8Array<ArrayBuffer>, end: false })) return drain()
    sent += chunk.byteLength
  }
  await write({ chunk: new Uint8Array(0), end: true })
  return drain()
}

function lastError (x: Exchange): TaskEvent {
  const ev = x.events.at(-1)
  assert.ok(ev != null, 'no answer at all')
  assert.equal(ev.kind, K.ERROR, `the last event is ${ev.kind}, not ERROR`)
  return ev
}

async function expectError (x: Exchange, code: string, what: string): Promise<TaskEvent> {
  const ev = lastError(x)
  assert.equal(ev.code, code, `${what}: ${ev.code} (${ev.message}), expected ${code}`)
  assert.ok(ev.message.length <= 500 && !/[\r\n]/.test(ev.message), `${what}: the message is not one line of at most 500 characters`)
  // and the lessor closes the stream
  await endedWithin(x.stream, 10_000)
  return ev
}

function needsLease (ctx: TargetContext, mode?: 'he' | 'tee'): NonNullable<TargetContext['lease']> {
  if (ctx.lease == null) throw new Skip('needs a lease naming the target as lessor (--lease)')
  if (mode != null && !ctx.lease.protection.includes(mode)) throw new Skip(`needs a lease that covers ${mode}`)
  return ctx.lease
}

export const suite: ProtocolSuite = {
  protocol: PROTOCOL,
  name: 'task',
  readme: 'protocols/task/README.md',
  requirements: [
    {
      id: 'task-1.1',
      must: 'no mode, or bad ids: ERROR MALFORMED and the stream closed',
      quote: 'The lessor MUST answer ERROR and close the stream unless all of these hold',
      role: 'participant',
      run: async (ctx) => {
        await onConnection(ctx, 'renter', async (conn) => {
          await expectError(await subtask(ctx, conn, request(ctx, { mode: TaskRequest.Mode.MODE_UNSET })), 'MALFORMED', 'no mode')
          await expectError(await subtask(ctx, conn, request(ctx, { leaseId: 'has spaces' })), 'MALFORMED', 'a lease id with spaces')
          await expectError(await subtask(ctx, conn, request(ctx, { subtaskId: 'x'.repeat(129) })), 'MALFORMED', 'a 129-character subtask id')
          await expectError(await subtask(ctx, conn, request(ctx, { subtaskId: '' })), 'MALFORMED', 'an empty subtask id')
        })
      }
    },
    {
      id: 'task-1.2',
      must: 'a peer that is not the lease\'s renter, or an unknown lease: ERROR NO_LEASE',
      quote: 'The lessor MUST answer ERROR and close the stream unless all of these hold',
      role: 'participant',
      run: async (ctx) => {
        needsLease(ctx)
        await onConnection(ctx, 'peer', async (conn) => {
          await expectError(await subtask(ctx, conn, request(ctx)), 'NO_LEASE', 'the lease\'s id from another peer')
        })
        await onConnection(ctx, 'renter', async (conn) => {
          await expectError(await subtask(ctx, conn, request(ctx, { leaseId: '0'.repeat(32) })), 'NO_LEASE', 'an unknown lease')
        })
      }
    },
    {
      id: 'task-1.3',
      must: 'input over the lease\'s memory: ERROR OVER_LEASE',
      quote: 'The lessor MUST answer ERROR and close the stream unless all of these hold',
      role: 'participant',
      run: async (ctx) => {
        const lease = needsLease(ctx, 'he')
        await onConnection(ctx, 'renter', async (conn) => {
          await expectError(await subtask(ctx, conn, request(ctx, { inputBytes: BigInt(lease.memoryMiB * 1024 * 1024 + 1) })), 'OVER_LEASE', 'input over the lease\'s memory')
          await expectError(await subtask(ctx, conn, request(ctx, { inputBytes: 5n * 1024n ** 3n })), 'OVER_LEASE', 'input over 4 GiB')
        })
      }
    },
    {
      id: 'task-1.4',
      must: 'TEE without a session, TEE_HE without the HE key: ERROR MALFORMED',
      quote: 'The lessor MUST answer ERROR and close the stream unless all of these hold',
      role: 'participant',
      run: async (ctx) => {
        needsLease(ctx, 'tee')
        await onConnection(ctx, 'renter', async (conn) => {
          await expectError(await subtask(ctx, conn, request(ctx, { mode: TaskRequest.Mode.TEE })), 'MALFORMED', 'TEE without a session id')
          await expectError(await subtask(ctx, conn, request(ctx, { mode: TaskRequest.Mode.TEE_HE, sessionId: 'ab'.repeat(16) })), 'MALFORMED', 'TEE_HE without the HE public key')
        })
      }
    },
    {
      id: 'task-1.5',
      must: 'out of order: input (TaskData) before any request: ERROR MALFORMED',
      quote: 'The lessor MUST answer ERROR and close the stream unless all of these hold',
      role: 'participant',
      run: async (ctx) => {
        await onConnection(ctx, 'renter', async (conn) => {
          const stream = await conn.newStream(PROTOCOL, { signal: AbortSignal.timeout(ctx.options.timeout) })
          const pb = pbStream(stream, { maxDataLength: MAX })
          const signal = AbortSignal.timeout(ctx.options.timeout)
          await pb.write({ chunk: Uint8Array.from([0xff, 0xfe, 0x00, 0x80]), end: true }, TaskData, { signal })
          const ev = await pb.read(TaskEvent, { signal })
          await expectError({ events: [ev], stream }, 'MALFORMED', 'TaskData first')
        })
      }
    },
    {
      id: 'task-2.1',
      must: 'more or fewer input bytes than declared: ERROR MALFORMED',
      quote: 'A lessor MUST answer MALFORMED to more or fewer bytes than declared',
      role: 'participant',
      run: async (ctx) => {
        needsLease(ctx, 'he')
        await onConnection(ctx, 'renter', async (conn) => {
          await expectError(await subtask(ctx, conn, request(ctx, { inputBytes: 10n }), [new Uint8Array(20)]), 'MALFORMED', '20 bytes of 10')
          await expectError(await subtask(ctx, conn, request(ctx, { inputBytes: 10n }), [new Uint8Array(5)]), 'MALFORMED', '5 bytes of 10')
        })
      }
    },
    {
      id: 'task-2.2',
      must: 'HE input that is not valid HE objects: ERROR BAD_INPUT, no renter data in it',
      quote: 'The lessor MUST validate every HE object before use (BAD_INPUT)',
      role: 'participant',
      run: async (ctx) => {
        needsLease(ctx, 'he')
        const marker = Buffer.from('conformance-secret-row-data-7f3a')
        const input = new Uint8Array(4096)
        for (let i = 0; i + marker.length <= input.length; i += marker.length) input.set(marker, i)
        await onConnection(ctx, 'renter', async (conn) => {
          const ev = await expectError(await subtask(ctx, conn, request(ctx, { inputBytes: BigInt(input.byteLength) }), [input]), 'BAD_INPUT', 'garbage HE input')
          assert.ok(!ev.message.includes('conformance-secret'), 'the error message carries the renter\'s data')
        })
      }
    },
    {
      id: 'task-2.3',
      must: 'input acknowledged (PROGRESS receiving) at least every 512 KiB and at the end',
      quote: 'the lessor MUST acknowledge input as its executor takes it',
      role: 'participant',
      run: async (ctx) => {
        needsLease(ctx, 'he')
        const total = 3 * 1024 * 1024 + 12_345
        const chunks: Uint8Array[] = []
        for (let at = 0; at < total; at += 128 * 1024) chunks.push(new Uint8Array(Math.min(128 * 1024, total - at)).fill(0x33))
        await onConnection(ctx, 'renter', async (conn) => {
          // more than the 2 MiB window: it only goes through if the lessor acknowledges
          const x = await subtask(ctx, conn, request(ctx, { inputBytes: BigInt(total) }), chunks, 60_000)
          const acks = x.events.filter(e => e.kind === K.PROGRESS && e.phase === 'receiving').map(e => Number(e.done))
          assert.ok(acks.length > 0, `no acknowledgement; events: ${x.events.map(e => e.kind).join(', ')}`)
          assert.equal(acks.at(-1), total, `the last acknowledgement is ${acks.at(-1)}, not the ${total} bytes sent`)
          let prev = 0
          for (const a of acks) {
            assert.ok(a - prev <= ACK_EVERY + 128 * 1024, `${a - prev} bytes taken between two acknowledgements`)
            prev = a
          }
          assert.ok(x.events.every(e => e.kind !== K.PROGRESS || e.phase !== 'receiving' || Number(e.total) === total), 'total is not input_bytes')
          lastError(x)
        })
      }
    },
    {
      id: 'task-2.4',
      must: 'a renter keeps no more input unacknowledged than the lessor\'s window (2 MiB when it offers none)',
      quote: 'renter MUST NOT have more than `window` bytes of input sent and not yet acknowledged',
      kind: 'client',
      unit: { file: 'protocols/task/task.test.ts', test: 'the renter never has more input unacknowledged than the window the lessor offers (2 MiB when none)' }
    },
    {
      id: 'task-2.5',
      must: 'ERROR messages: one line, at most 500 characters, no renter data',
      quote: 'ERROR.message is one line, at most 500 characters, and MUST NOT contain the renter\'s data',
      role: 'participant',
      run: async (ctx) => {
        // the lines of task-1.x and 2.x check each message's form; here a request whose every
        // field is the renter's text, refused before and after ACCEPTED
        const secret = 'conformance-secret-\n-line-two'
        await onConnection(ctx, 'renter', async (conn) => {
          const ev = await expectError(await subtask(ctx, conn, request(ctx, { leaseId: secret, subtaskId: secret, sessionId: secret })), 'MALFORMED', 'ids with a newline')
          assert.ok(!ev.message.includes('conformance-secret'), 'the error message carries the renter\'s data')
        })
      }
    }
  ]
}
