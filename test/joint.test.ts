/**
 * Joint computation on real processes (DESIGN §2.6, issue 9): the renter a-1 (subnet a) trains a
 * vertical federated linear regression with the partner c-1 (subnet c) on a lease of b-1's
 * simulated enclave (subnet b), all traffic through the hubs. The model must be the closed-form
 * least-squares fit on the pooled data, computed here independently (normal equations, Gaussian
 * elimination); the hubs forward only ciphertext; a partner killed mid-training stops the run with
 * a clear error and the run resumes from its last completed round; bad input is refused in one line.
 *
 * SHULIAN_JOINT_ROWS sets the rows (default 10 000).
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { readJointCsv, trainPlain, writeJointSynthetic } from '../compute/joint/index.js'
import { CLI, cli, cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import { api } from './market-helpers.js'
import type { ChildProcess } from 'node:child_process'
import type { TestNetwork } from './helpers/net.js'

const ROWS = Number(process.env.SHULIAN_JOINT_ROWS ?? 10_000)
const A_FEATURES = ['income', 'debt', 'tenure']
const C_FEATURES = ['spend', 'visits', 'returns']

async function readCsv (path: string): Promise<{ header: string[], rows: Map<string, number[]> }> {
  const [head, ...lines] = (await readFile(path, 'utf8')).trim().split('\n')
  const rows = new Map<string, number[]>()
  for (const l of lines) {
    const [id, ...v] = l.split(',')
    rows.set(id as string, v.map(Number))
  }
  return { header: (head as string).split(',').slice(1), rows }
}

/** Least squares on [1, x…] by the normal equations and Gaussian elimination with partial pivoting. */
function normalEquations (xs: number[][], y: number[]): { beta: number[], loss: number } {
  const p = (xs[0] as number[]).length + 1
  const m: any[] = Array.from({ length: p }, () => new Array(p + 1).fill(0))
  xs.forEach((x, i) => {
    const row = [1, ...x]
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) m[a][b] += row[a]! * row[b]!
      m[a][p] += row[a]! * y[i]!
    }
  })
  for (let c = 0; c < p; c++) {
    let piv = c
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) piv = r
    ;[m[c], m[piv]] = [m[piv], m[c]]
    for (let r = 0; r < p; r++) {
      if (r === c) continue
      const f = m[r][c] / m[c][c]
      for (let k = c; k <= p; k++) m[r][k] -= f * m[c][k]
    }
  }
  const beta = m.map((row, i) => row[p] / row[i])
  let ss = 0
  xs.forEach((x, i) => { const pred = beta[0]! + x.reduce((s, v, j) => s + v * beta[j + 1]!, 0); ss += (y[i]! - pred) ** 2 })
  return { beta, loss: ss / (2 * y.length) }
}

/**
 * The loss falls every round to the pooled optimum: strictly while it is above it by more than
 * the precision CKKS decrypts residuals with (~1e-9 relative to the loss), and never rises by more
 * than that precision once there.
 */
function assertDescends (loss: number[], optimum: number): void {
  const eps = 1e-9 * optimum
  for (let i = 1; i < loss.length; i++) {
    const [before, now] = [loss[i - 1] as number, loss[i] as number]
    if (before - optimum > eps) assert.ok(now < before, `loss rose in round ${i + 1}: ${before} → ${now}`)
    else assert.ok(now <= before + eps, `loss rose at the optimum in round ${i + 1}: ${before} → ${now}`)
    assert.ok(now >= optimum - eps, `round ${i + 1}: loss ${now} below the pooled optimum ${optimum}`)
  }
  assert.ok(Math.abs((loss.at(-1) as number) - optimum) <= 1e-6 * optimum, `final loss ${String(loss.at(-1))} vs the pooled optimum ${optimum}`)
}

describe('joint training across three subnets', () => {
  let net: TestNetwork
  let fl: string
  let want: { weights: Record<string, number>, loss: number }
  const serving: ChildProcess[] = []
  const dir = (name: string): string => net.node(name).dataDir
  const id = (name: string): string => net.node(name).peerId

  const writeFl = async (name: string, extra: Record<string, any> = {}): Promise<string> => {
    const path = join(net.dir, `${name}.json`)
    await writeFile(path, JSON.stringify({
      name,
      data: { path: 'renter.csv', id: 'id', features: A_FEATURES },
      partner: { peer: 'c-1', features: C_FEATURES },
      lease: { cores: 1, memoryMiB: 1024, maxPrice: 10, duration: '30m' },
      training: { maxRounds: 40, tolerance: 1e-7, step: 1 },
      ...extra
    }))
    return path
  }

  /** `joint serve` on c-1 as its own process; resolves with its stdout when it exits. */
  const serve = (args: string[] = []): { done: Promise<{ code: number | null, stdout: string, stderr: string }> } => {
    const p = spawn(process.execPath, [CLI, 'joint', 'serve', '--dir', dir('c-1'), '--data', join(net.dir, 'partner.csv'), '--label', 'score', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    serving.push(p)
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    return { done: new Promise(resolve => { p.on('exit', code => { resolve({ code, stdout, stderr }) }) }) }
  }
  const serving_ = async (): Promise<void> => { await waitFor('c-1 to serve its data', async () => (await api(dir('c-1'), '/joint/serve')).serving === true ? true : undefined) }

  before(async () => {
    // the nodes record what their joint protocol carries and what the renter decrypts (node/joint/audit.ts)
    process.env.SHULIAN_JOINT_AUDIT = '1'
    net = await startNetwork({ subnets: '1,1,1', configure: Object.fromEntries(['hub-a', 'hub-b', 'hub-c'].map(h => [h, { relay: { tapDir: 'tap' } }])) })
    await writeJointSynthetic(net.dir, ROWS, 11)
    const a = await readCsv(join(net.dir, 'renter.csv'))
    const c = await readCsv(join(net.dir, 'partner.csv'))
    const xs: number[][] = []
    const y: number[] = []
    for (const [key, av] of a.rows) {
      const cv = c.rows.get(key) as number[]
      xs.push([...av, ...cv.slice(0, 3)])
      y.push(cv[3] as number)
    }
    const { beta, loss } = normalEquations(xs, y)
    want = { weights: Object.fromEntries([...A_FEATURES, ...C_FEATURES].map((f, j) => [f, beta[j + 1] as number]).concat([['intercept', beta[0] as number]])), loss }
    fl = await writeFl('vfl')
    const measurement = (await cliJson(['tee', 'measure'])).measurement
    await api(dir('b-1'), '/market/orders', {
      side: 'sell', cores: 2, memoryMiB: 8192, expiresInS: 3600, protection: { he: false, tee: { kind: 'simulated', measurement } }, pricePerCoreHour: 1, minDurationS: 60, maxDurationS: 86_400
    })
    await waitFor('hub-a to find the offer', async () => (await api(dir('hub-a'), '/market/offers')).offers.length === 1 ? true : undefined)
  })
  after(async () => {
    for (const p of serving) p.kill()
    await net?.down()
  })

  it('trains to the pooled least-squares model through the hubs; the loss falls every round; hubs forward only ciphertext', async () => {
    const c = serve(['--once', '--json'])
    await serving_()
    const r = await cliJson(['joint', 'run', fl, '--dir', dir('a-1')], { timeout: 300_000 })
    const cOut = await c.done
    assert.equal(cOut.code, 0, cOut.stderr)
    const cw = JSON.parse(cOut.stdout).weights
    assert.deepEqual(Object.keys(cw).sort(), [...C_FEATURES, 'intercept'].sort())
    assert.deepEqual(Object.keys(r.weights), A_FEATURES)
    const got = { ...r.weights, ...cw }
    for (const [k, w] of Object.entries(want.weights)) {
      assert.ok(Math.abs(got[k] - w) <= 1e-3 * Math.abs(w), `${k}: ${got[k]} vs ${w} (pooled least squares)`)
    }
    assert.equal(r.rounds, r.loss.length)
    assertDescends(r.loss, want.loss)
    // the dashboard's Jobs view charts the run's loss per round, on both owners' nodes
    const topicOf = async (name: string): Promise<any> => (await api(dir(name), '/dashboard/state')).joint
    const shown = (await topicOf('a-1')).runs.find((x: any) => x.id === r.id)
    assert.ok(shown != null, 'a-1\'s dashboard lists the training')
    assert.equal(shown.status, 'done')
    assert.equal(shown.rounds, r.rounds)
    assert.deepEqual(shown.loss, r.loss)
    const asPartner = (await topicOf('c-1')).runs.find((x: any) => x.id === r.id)
    assert.equal(asPartner?.rounds, r.rounds, 'c-1 shows it as the partner')
    assert.deepEqual(asPartner.loss, [], 'the partner never learns the loss')
    // routes: a-1 → hub-a → hub-b → b-1, and a-1 → hub-a → hub-c → c-1
    assert.deepEqual(r.lessors.map((l: any) => l.route), [[id('a-1'), id('hub-a'), id('hub-b'), id('b-1')]])
    assert.deepEqual(r.partner.route, [id('a-1'), id('hub-a'), id('hub-c'), id('c-1')])
    assert.match(r.lessors[0].tee, /simulated TEE/)
    assert.equal(r.simulatedTee, true)

    // the hubs forwarded ciphertext only: no raw value of A's or C's data, no residual in the clear
    const a = await readCsv(join(net.dir, 'renter.csv'))
    const [firstId, firstRow] = [...a.rows.entries()][17] as [string, number[]]
    const markers = [Buffer.from(firstId), Buffer.from(new Float64Array([firstRow[0] as number]).buffer), Buffer.from(String(firstRow[0]))]
    let seen = 0
    for (const hub of ['hub-a', 'hub-b', 'hub-c']) {
      const tap = join(dir(hub), 'tap')
      for (const f of (await readdir(tap)).filter(f => f.endsWith('.bin'))) {
        const bytes = await readFile(join(tap, f))
        seen += bytes.byteLength
        for (const m of markers) assert.equal(bytes.indexOf(m), -1, `${hub}/${f} holds a raw value of A's data`)
      }
    }
    assert.ok(seen > ROWS * 8, `the hubs forwarded the training (${seen} bytes)`)

    // A's raw features never leave A except to the attested enclave: b-1's node and c-1 hold none
    for (const [node, file] of [['b-1', 'lessor.bin'], ['c-1', 'partner.bin']]) {
      const bytes = await readFile(join(dir(node as string), 'joint-audit', file as string))
      assert.ok(bytes.byteLength > ROWS * 8, `${node} took part (${bytes.byteLength} bytes audited)`)
      for (const row of [...a.rows.values()].slice(0, 50)) {
        for (const v of row) assert.equal(bytes.indexOf(Buffer.from(new Float64Array([v]).buffer)), -1, `${node} received a raw value of A's features`)
      }
    }

    // C's gradient never reaches A unmasked: in round 1 (all weights 0) r = −y, and C's sums are
    // Σ r and Σ x''_j r (x'' its centered, scaled features); what A decrypted is nowhere near them
    const cCsv = await readCsv(join(net.dir, 'partner.csv'))
    const rows = [...cCsv.rows.values()]
    const n = rows.length
    const r1 = rows.map(v => -(v[3] as number))
    const truth = [r1.reduce((s, x) => s + x, 0), ...[0, 1, 2].map(j => {
      const x = rows.map(v => v[j] as number)
      const mu = x.reduce((s, v) => s + v, 0) / n
      const sd = Math.sqrt(x.reduce((s, v) => s + (v - mu) ** 2, 0) / n)
      return x.reduce((s, v, i) => s + ((v - mu) / sd) * (r1[i] as number), 0)
    })]
    const views = (await readFile(join(dir('a-1'), 'joint-audit', 'renter.jsonl'), 'utf8')).trim().split('\n').map(l => JSON.parse(l)).filter(v => v.training === r.id)
    assert.equal(views.length, r.rounds, 'A decrypted one set of masked sums per round')
    const first = views.find(v => v.round === 1).readAsUnmasked as number[]
    assert.equal(first.length, truth.length)
    first.forEach((v, k) => { assert.ok(Math.abs(v - (truth[k] as number)) > 1e-3 * Math.abs(truth[k] as number), `A read C's gradient sum ${k} (${truth[k]}) unmasked: ${v}`) })
  })

  it('the partner killed mid-training: the run stops with a clear error, and resumes from the last completed round to the same model', async () => {
    // 6 rounds, no early stop: the resumed run must give what 6 uninterrupted rounds give
    const short = await writeFl('short', { training: { maxRounds: 6, tolerance: 0, step: 1 } })
    const a = await readJointCsv(join(net.dir, 'renter.csv'), 'id', A_FEATURES)
    const c = await readJointCsv(join(net.dir, 'partner.csv'), 'id', [...C_FEATURES, 'score'])
    const y = c.columns.pop() as Float64Array
    c.names.pop()
    const plain = trainPlain({ names: a.names, columns: a.columns }, { names: c.names, columns: c.columns, y }, { maxRounds: 6, tolerance: 0, step: 1 })

    serve()
    await serving_()
    const { id: tid } = await api(dir('a-1'), '/joint/trainings', { file: short })
    await waitFor('round 2 to complete', async () => ((await api(dir('a-1'), `/joint/trainings/${tid}`)).round >= 2 ? true : undefined), 120_000)
    process.kill(Number((await readFile(join(dir('c-1'), 'node.pid'), 'utf8')).trim()), 'SIGKILL')
    const failed = await waitFor('the run to stop', async () => { const x = await api(dir('a-1'), `/joint/trainings/${tid}`); return x.status === 'running' ? undefined : x }, 120_000)
    assert.equal(failed.status, 'failed')
    assert.doesNotMatch(failed.error, /\n/)
    assert.match(failed.error, new RegExp(`^round \\d+.*: (partner c-1|lessor b-1): .*resume with .*--resume ${tid}`))
    assert.match(failed.error, /c-1/, 'the error names the partner that went away')
    const completed = failed.round as number
    assert.ok(completed >= 2 && completed < 6, `stopped after round ${completed}`)

    await net.up()
    const cServe = serve(['--once', '--json'])
    await serving_()
    const r = await cliJson(['joint', 'run', short, '--dir', dir('a-1'), '--resume', tid], { timeout: 300_000 })
    assert.equal(r.id, tid)
    assert.equal(r.resumedFrom, completed)
    assert.equal(r.rounds, 6)
    const cw = JSON.parse((await cServe.done).stdout).weights
    // round for round what the plaintext training on pooled data gives (CKKS: within 1e-6)
    const close = (got: number, want: number, what: string): void => { assert.ok(Math.abs(got - want) <= 1e-6 * Math.max(1e-3, Math.abs(want)), `${what}: ${got} vs ${want}`) }
    r.loss.forEach((l: number, i: number) => { close(l, plain.loss[i] as number, `loss of round ${i + 1}`) })
    A_FEATURES.forEach((f, j) => { close(r.weights[f], plain.weightsA[j] as number, f) })
    C_FEATURES.forEach(f => { close(cw[f], plain.weightsC[f] as number, f) })
    close(cw.intercept, plain.intercept, 'intercept')
  })

  it('bad input: misaligned ids, wrong feature columns, bad files are one line each', async () => {
    serve()
    await serving_()
    const text = await readFile(join(net.dir, 'renter.csv'), 'utf8')
    await writeFile(join(net.dir, 'renter-misaligned.csv'), text.replace(/\nc/, '\nzz'))
    const cases: Array<[string, RegExp]> = [
      [await writeFl('misaligned', { data: { path: 'renter-misaligned.csv', id: 'id', features: A_FEATURES } }), /ids .* are not the ids of .*partner\.csv.*same ids/],
      [await writeFl('columns', { partner: { peer: 'c-1', features: ['spend', 'visits'] } }), /expects the partner's features \[spend, visits\] \(2\), but .*partner\.csv has \[spend, visits, returns\] \(3\)/],
      [await writeFl('missing', { data: { path: 'renter.csv', id: 'id', features: ['income', 'nope'] } }), /renter\.csv: header has no column "nope"/],
      [await writeFl('partner', { partner: { peer: 'z-9', features: C_FEATURES } }), /partner\.peer "z-9" is no participant/]
    ]
    // at once: each is refused before any enclave is loaded
    const runs = await Promise.all(cases.map(async ([file]) => cli(['joint', 'run', file, '--dir', dir('a-1')], { timeout: 300_000 })))
    runs.forEach((r, i) => {
      assert.notEqual(r.code, 0)
      assert.match(r.stderr, cases[i]?.[1] as RegExp)
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
    })
    const bad = await cli(['joint', 'serve', '--dir', dir('c-1'), '--data', join(net.dir, 'renter.csv')])
    assert.notEqual(bad.code, 0)
    assert.match(bad.stderr, /renter\.csv: header has no label column "y"/)
  })
})
