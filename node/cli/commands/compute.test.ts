import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, it } from 'node:test'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')
const main = join(root, 'dist', 'node', 'cli', 'main.js')
const run = promisify(execFile)

async function shulian (...args: string[]): Promise<{ code: number, stdout: string, stderr: string }> {
  try {
    const r = await run(process.execPath, [main, ...args], { cwd: root, maxBuffer: 64 * 2 ** 20 })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (e: any) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('shulian compute run', () => {
  it('gives the plaintext answer through HE: CKKS within tolerance, BFV exactly', async () => {
    const job = join(root, 'examples', 'jobs', 'credit-score.json')
    const plain = JSON.parse((await shulian('compute', 'run', job, '--mode', 'plain', '--json')).stdout)
    const he = await shulian('compute', 'run', job, '--mode', 'he', '--json', '--workers', '2')
    assert.equal(he.code, 0, he.stderr)
    const heOut = JSON.parse(he.stdout)
    assert.equal(heOut.he.set, 'ckks-16384-d3')
    assert.equal(plain.outputs.rows, 2000)
    for (const name of ['mean_score', 'var_score', 'total_debt']) {
      const p = plain.outputs[name] as number
      assert.ok(Math.abs(p - heOut.outputs[name]) <= 1e-7 * Math.abs(p), `${name}: ${heOut.outputs[name]} vs ${p}`)
    }
    const ints = join(root, 'examples', 'jobs', 'accounts.json')
    const a = JSON.parse((await shulian('compute', 'run', ints, '--mode', 'plain', '--json')).stdout)
    const b = JSON.parse((await shulian('compute', 'run', ints, '--mode', 'he', '--json')).stdout)
    assert.deepEqual(b.outputs, a.outputs)
    assert.equal(b.outputs.weight.length, 2000)
  })

  it('refuses bad job files and flags in one line with exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-cli-'))
    const job = join(dir, 'job.json')
    await writeFile(job, JSON.stringify({ name: 'x', data: { path: 'd.csv', columns: { a: 'int', b: 'int' } }, program: { let: { r: 'a / b' }, outputs: { m: 'mean(r)' } } }))
    const r = await shulian('compute', 'run', job)
    assert.equal(r.code, 2)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.match(r.stderr, /^shulian: .*job\.json: program\.let\.r: division by a column/)
    const missing = await shulian('compute', 'run', join(dir, 'none.json'))
    assert.equal(missing.code, 2)
    const mode = await shulian('compute', 'run', job, '--mode', 'fast')
    assert.equal(mode.code, 2)
    assert.match(mode.stderr, /--mode must be plain or he/)
  })
})

describe('shulian he calibrate', () => {
  it('measures and caches the throughput in the data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-cal-'))
    const r = await shulian('he', 'calibrate', '--dir', dir, '--sets', 'bfv-8192-t20', '--json')
    assert.equal(r.code, 0, r.stderr)
    const out = JSON.parse(r.stdout)
    assert.ok(out.calibration.sets['bfv-8192-t20'].secondsPerCiphertext > 0)
    assert.ok(existsSync(join(dir, 'he-calibration.json')))
    const bad = await shulian('he', 'calibrate', '--dir', dir, '--sets', 'tiny')
    assert.equal(bad.code, 2)
  })
})
