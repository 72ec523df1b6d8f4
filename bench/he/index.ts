/**
 * `npm run bench -- he [--quick]`: node-seal per-operation costs (CKKS and BFV), what building a
 * parameter set's SEAL context costs a thread (all allowed sets; three with --quick), elements/s
 * encrypted with 1 worker vs all cores, the executor's end-to-end HE path, and Paillier-2048
 * encryption (what FATE and SecretFlow's HEU use by default) measured in the same run as the
 * baseline, and a pure-CPU reference for the speed-up (what this machine's cores give at all).
 * Everything after a warm-up pass (V8 optimizes the WASM in the background).
 */
import { availableParallelism, loadavg } from 'node:os'
import { generateRandomKeys } from 'paillier-bigint'
import { HE_PARAMETER_SETS, HeRenter, compileProgram, createHePool, evaluateSubtask, heParamSet, tableOf } from './deps.js'
import { cpuCeiling } from './ceiling.js'
import { measureContexts, measureOps } from './ops.js'
import type { HeParamSet, WorkerPool } from './deps.js'

function table (header: string[], rows: Array<Array<string | number>>): string {
  const cells = [header, ...rows.map(r => r.map(String))]
  const widths = header.map((_, i) => Math.max(...cells.map(r => (r[i] ?? '').length)))
  return cells.map(r => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')

/**
 * Elements/s encrypted by each pool, the pools' runs interleaved (one, the other, one, …) so that a
 * busy spell of this machine slows both alike; the fastest of `n` runs of each counts.
 */
async function encryptRates (pools: WorkerPool[], set: HeParamSet, rows: number, n: number): Promise<number[]> {
  const type = set.scheme === 'bfv' ? 'int' : 'float'
  const program = compileProgram({ outputs: { s: 'sum(x)' } }, { x: type })
  const data = tableOf({ x: type }, { x: Array.from({ length: rows }, (_, i) => i % 977) })
  const renters = await Promise.all(pools.map(async pool => HeRenter.create(set, pool)))
  const warm = tableOf({ x: type }, { x: Array.from({ length: rows >> 2 }, () => 1) })
  for (const renter of renters) {
    for (const until = performance.now() + 2000; performance.now() < until;) await renter.encryptSubtask(program, warm)
  }
  const best = renters.map(() => Infinity)
  for (let i = 0; i < n; i++) {
    for (const [k, renter] of renters.entries()) {
      const t = performance.now()
      await renter.encryptSubtask(program, data)
      best[k] = Math.min(best[k] ?? Infinity, performance.now() - t)
    }
  }
  return best.map(ms => rows / (ms / 1000))
}

/** Elements per second of the fastest of `n` runs (other processes only ever slow a run down). */
async function bestOf (n: number, elements: number, fn: () => Promise<void>): Promise<number> {
  let best = Infinity
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    best = Math.min(best, performance.now() - t)
  }
  return elements / (best / 1000)
}

async function endToEnd (pool: WorkerPool, set: HeParamSet, rows: number): Promise<{ rate: number, check: boolean }> {
  const type = set.scheme === 'bfv' ? 'int' : 'float'
  const program = compileProgram({ outputs: { s: 'sum(x)' } }, { x: type })
  const x = Array.from({ length: rows }, (_, i) => type === 'int' ? i % 1000 : (i % 1000) * 0.5)
  const renter = await HeRenter.create(set, pool)
  const run = async (values: number[]): Promise<number> => {
    const t = tableOf({ x: type }, { x: values })
    const partials = await renter.decryptResult(program, await evaluateSubtask((await renter.encryptSubtask(program, t)).subarray(), pool))
    return Number((partials.values[0] as { value: number | bigint }).value)
  }
  for (const until = performance.now() + 2000; performance.now() < until;) await run(x.slice(0, rows >> 2))
  let sum = 0
  const rate = await bestOf(3, rows, async () => { sum = await run(x) })
  const expected = x.reduce((a, b) => a + b, 0)
  return { rate, check: type === 'int' ? sum === expected : Math.abs(sum - expected) <= 1e-7 * expected }
}

export async function run (args: string[]): Promise<void> {
  const quick = args.includes('--quick')
  const rounds = quick ? 5 : 20
  const out = (s = ''): void => { process.stdout.write(s + '\n') }
  const load = loadavg()[0] ?? 0
  out(`machine: ${availableParallelism()} cores, load average ${load.toFixed(2)}${load > availableParallelism() / 2 ? ' — WARNING: other processes are busy, so timings (and the 1 vs all-cores speed-up above all) are not representative' : ''}\n`)

  out('### node-seal per operation (one thread, N=8192, after warm-up)\n')
  const ops = [...await measureOps('ckks-8192-d1', rounds), ...await measureOps('bfv-8192-t20', rounds)]
  out(table(['set', 'slots', 'operation', 'ms', 'elements/s', 'note'], ops.map(r => [
    r.set, r.slots, r.op, r.ms === 0 ? '' : r.ms.toFixed(3), r.ms === 0 || !/encrypt/.test(r.op) ? '' : fmt(r.slots / (r.ms / 1000)), r.note
  ])))

  const sets = quick ? ['ckks-8192-d1', 'bfv-8192-t20', 'ckks-16384-d3'] : HE_PARAMETER_SETS.map(s => s.name)
  out('\n### SEAL context build: the first use of a parameter set in a thread (once per thread and set)\n')
  out(table(['set', 'ms'], (await measureContexts(sets)).map(r => [r.set, r.ms.toFixed(0)])))

  const cores = availableParallelism()
  const rows = (quick ? 32 : 96) * 8192
  out(`\n### elements/s encrypted (encode, encrypt, serialize), ${fmt(rows)} values, 1 worker vs ${cores}, runs interleaved, best of ${quick ? 3 : 15} after a 2 s warm-up\n`)
  const scaling: Array<Array<string | number>> = []
  for (const name of ['ckks-8192-d1', 'bfv-8192-t20']) {
    const set = heParamSet(name) as HeParamSet
    const one = createHePool(1)
    const all = createHePool(cores)
    try {
      const [r1 = 0, rn = 0] = await encryptRates([one, all], set, rows, quick ? 3 : 15)
      scaling.push([name, fmt(r1), fmt(rn), `${(rn / r1).toFixed(2)}×`, '≥ 1.8× on 2 cores'])
    } finally {
      await one.close()
      await all.close()
    }
  }
  const ceiling = await cpuCeiling(cores, quick)
  scaling.push(['reference: integer loop, no memory or GC', '', '', `${ceiling.toFixed(2)}×`, 'what the cores give'])
  out(table(['set', '1 worker', `${cores} workers`, 'speed-up', 'target'], scaling))

  out('\n### Paillier-2048 (paillier-bigint), one thread, baseline\n')
  const { publicKey } = await generateRandomKeys(2048)
  for (let i = 0; i < 2; i++) publicKey.encrypt(BigInt(i))
  const n = quick ? 5 : 20
  const t = performance.now()
  for (let i = 0; i < n; i++) publicKey.encrypt(BigInt(1000 + i))
  const paillierMs = (performance.now() - t) / n
  const paillierRate = 1000 / paillierMs
  out(table(['scheme', 'ms per element', 'elements/s'], [['Paillier-2048 encrypt', paillierMs.toFixed(2), paillierRate.toFixed(1)]]))

  out(`\n### executor end to end (encode, encrypt, serialize, evaluate, decrypt), sum over ${fmt(rows)} values, ${cores} workers\n`)
  const e2e: Array<Array<string | number>> = []
  for (const name of ['bfv-8192-t20', 'ckks-8192-d1']) {
    const set = heParamSet(name) as HeParamSet
    const pool = createHePool(cores)
    try {
      const { rate, check } = await endToEnd(pool, set, rows)
      e2e.push([name, fmt(rate), `${fmt(rate / paillierRate)}×`, '≥ 10,000×', check ? (set.scheme === 'bfv' ? 'exact' : 'within 1e-7') : 'WRONG'])
    } finally {
      await pool.close()
    }
  }
  out(table(['path', 'elements/s', 'vs Paillier-2048 encrypt', 'target', 'result'], e2e))
}
