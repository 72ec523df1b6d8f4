/**
 * bench/tee: AEAD throughput (noble vs node:crypto), X25519, key negotiation round trip, and
 * enclave program throughput against the same program in-process.
 */
import { rm } from 'node:fs/promises'
import { F64_STATS, decodeF64Stats, f64Stats, f64StatsParams, startSimulatedEnclave } from '../../compute/enclave/index.js'
import { AeadPurpose, decryptStream, encryptStream, verificationPolicy } from '../../keys/index.js'
import { table } from '../table.js'
import { aeadPrimitives, chunkedStream, x25519Rates } from './aead.js'
import { negotiationPair } from './negotiation.js'
import { testPlatform } from '../../compute/enclave/sim/test-support.js'

const out = (s: string): void => { process.stdout.write(s + '\n') }
const RUNS = 5

/** Median wall time in ms of `runs` calls of `fn`, after one warm-up call. */
async function median (runs: number, fn: () => Promise<void>): Promise<number> {
  await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export async function run (_args: string[]): Promise<void> {
  out('### AEAD throughput (64 KiB messages, encrypt)\n')
  const aead = [...aeadPrimitives(), ...await chunkedStream()]
  out(table(['cipher', 'MB/s'], aead.map(r => [r.name, fmt(r.mbPerSec)])))

  out('\n### X25519 key agreement\n')
  out(table(['implementation', 'ops/s'], x25519Rates().map(r => [r.name, fmt(r.opsPerSec)])))

  const platform = await testPlatform()
  const enclave = await startSimulatedEnclave({ platformDir: platform.dir })
  try {
    out('\n### key negotiation round trip (/shulian/attest/1.0.0 over an in-process streamPair; loopback TCP once nodes exist)\n')
    const policy = verificationPolicy({ roots: platform.roots, allowedMeasurements: [enclave.measurement], allowSimulated: true })
    const { negotiate, lessor } = await negotiationPair(enclave, policy)
    const times: number[] = []
    for (let i = 0; i < 100; i++) {
      const t = performance.now()
      await negotiate.negotiate(lessor, { leaseId: 'bench', subtaskIds: [`s${i}`] })
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number
    out(table(['negotiations', 'mean ms', 'p50 ms', 'p95 ms'], [[times.length, fmt(times.reduce((a, b) => a + b) / times.length, 2), fmt(pct(0.5), 2), fmt(pct(0.95), 2)]]))

    out(`\n### enclave program throughput (f64-stats, 1,000,000 rows x 4 float64 columns = 32 MB, median of ${RUNS} runs after a warm-up)\n`)
    const rows = 1_000_000
    const columns = 4
    const data = new Uint8Array(rows * columns * 8)
    const view = new DataView(data.buffer)
    for (let i = 0; i < rows * columns; i++) view.setFloat64(i * 8, i % 1000, true)
    const s = await negotiate.negotiate(lessor, { leaseId: 'bench', subtaskIds: ['job'] })
    const dataCtx = { purpose: AeadPurpose.data, leaseId: 'bench', subtaskId: 'job' }
    let local: Uint8Array = new Uint8Array(0)
    const localMs = await median(RUNS, async () => { local = f64Stats(data, columns) })
    let result: Uint8Array[] = []
    const enclaveMs = await median(RUNS, async () => {
      result = []
      const frames = enclave.run({ sessionId: s.sessionId, leaseId: 'bench', subtaskId: 'job', program: F64_STATS, params: f64StatsParams(columns), resultProtection: 'aead' },
        encryptStream(s.keys.toEnclave, dataCtx, [data]))
      for await (const p of decryptStream(s.keys.fromEnclave, { ...dataCtx, purpose: AeadPurpose.result }, frames)) result.push(p)
    })
    const same = JSON.stringify(decodeF64Stats(Buffer.concat(result))) === JSON.stringify(decodeF64Stats(local))
    out(table(['path', 'ms', 'MB/s', 'ratio', 'same answer'], [
      ['in-process f64-stats on plaintext', fmt(localMs, 1), fmt(data.byteLength / 1e6 / (localMs / 1000)), '1.00', 'yes'],
      ['simulated enclave (encrypt, relay, decrypt, run, encrypt, decrypt)', fmt(enclaveMs, 1), fmt(data.byteLength / 1e6 / (enclaveMs / 1000)), fmt(enclaveMs / localMs, 2), same ? 'yes' : 'NO']
    ]))
    if (!same) process.exitCode = 1
  } finally {
    await enclave.stop()
    await rm(platform.dir, { recursive: true, force: true })
  }
}
