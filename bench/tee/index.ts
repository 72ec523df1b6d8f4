/**
 * bench/tee: AEAD throughput (noble vs node:crypto), X25519, key negotiation round trip (in-process
 * and over loopback TCP), and the job program in the simulated enclave against the plaintext
 * executor in-process.
 */
import { rm } from 'node:fs/promises'
import { JOB, startSimulatedEnclave } from '../../compute/enclave/index.js'
import { combine, compileProgram, decodePartials, encodeProgram, encodeTable, runPlain, seededRandom, tableOf } from '../../compute/index.js'
import type { Outputs } from '../../compute/index.js'
import { AeadPurpose, decryptStream, encryptStream, verificationPolicy } from '../../keys/index.js'
import { table } from '../table.js'
import { aeadPrimitives, chunkedStream, x25519Rates } from './aead.js'
import { loopbackPair, negotiationPair } from './negotiation.js'
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
    out('\n### key negotiation round trip (/shulian/attest/1.0.0: nonce, quote, verification, key derivation; 100 each)\n')
    const policy = verificationPolicy({ roots: platform.roots, allowedMeasurements: [enclave.measurement], allowSimulated: true })
    const negRows: Array<Array<string | number>> = []
    for (const [name, make] of [['in-process streamPair (baseline)', negotiationPair], ['two libp2p nodes, loopback TCP + Noise + yamux', loopbackPair]] as const) {
      const pair = await make(enclave, policy)
      const times: number[] = []
      for (let i = 0; i < 100; i++) {
        const t = performance.now()
        await pair.negotiate.negotiate(pair.lessor, { leaseId: 'bench', subtaskIds: [`s${i}`] })
        times.push(performance.now() - t)
      }
      await pair.stop()
      times.sort((a, b) => a - b)
      const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number
      negRows.push([name, fmt(times.reduce((a, b) => a + b) / times.length, 2), fmt(pct(0.5), 2), fmt(pct(0.95), 2)])
    }
    out(table(['path', 'mean ms', 'p50 ms', 'p95 ms'], negRows))
    const { negotiate, lessor, stop: stopPair } = await negotiationPair(enclave, policy)

    out(`\n### enclave program throughput (the credit-score job program, 1,000,000 rows x 3 columns = 24 MB; median of ${RUNS} runs after a warm-up)\n`)
    const n = 1_000_000
    const rnd = seededRandom(5)
    const tableData = tableOf({ income: 'float', debt: 'float', age: 'int' }, {
      income: Array.from({ length: n }, () => 20_000 + rnd() * 80_000),
      debt: Array.from({ length: n }, () => rnd() * 30_000),
      age: Array.from({ length: n }, () => 18 + Math.floor(rnd() * 70))
    })
    const program = compileProgram({ let: { score: '0.3*income - 0.2*debt + 0.01*age*age' }, outputs: { mean_score: 'mean(score)', var_score: 'var(score)', total_debt: 'sum(debt)' } }, tableData.types)
    const data = encodeTable(program, tableData)
    const s = await negotiate.negotiate(lessor, { leaseId: 'bench', subtaskIds: ['job'] })
    await stopPair()
    const dataCtx = { purpose: AeadPurpose.data, leaseId: 'bench', subtaskId: 'job' }
    let local: Outputs = {}
    const localMs = await median(RUNS, async () => { local = combine(program, [runPlain(program, tableData)]) })
    let remote: Outputs = {}
    const enclaveMs = await median(RUNS, async () => {
      const result: Uint8Array[] = []
      const frames = enclave.run({ sessionId: s.sessionId, leaseId: 'bench', subtaskId: 'job', program: JOB, params: encodeProgram(program), resultProtection: 'aead' },
        encryptStream(s.keys.toEnclave, dataCtx, [data]))
      for await (const p of decryptStream(s.keys.fromEnclave, { ...dataCtx, purpose: AeadPurpose.result }, frames)) result.push(p)
      remote = combine(program, [decodePartials(Buffer.concat(result), program, n)])
    })
    const same = JSON.stringify(remote) === JSON.stringify(local)
    out(table(['path', 'ms', 'MB/s', 'ratio', 'same answer'], [
      ['plaintext executor, in-process (baseline)', fmt(localMs, 1), fmt(data.byteLength / 1e6 / (localMs / 1000)), '1.00', 'yes'],
      ['simulated enclave (seal, relay to the enclave process, open, run, seal, open)', fmt(enclaveMs, 1), fmt(data.byteLength / 1e6 / (enclaveMs / 1000)), fmt(enclaveMs / localMs, 2), same ? 'yes' : 'NO']
    ]))
    if (!same) process.exitCode = 1
  } finally {
    await enclave.stop()
    await rm(platform.dir, { recursive: true, force: true })
  }
}
