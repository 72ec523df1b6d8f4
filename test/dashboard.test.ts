/**
 * The operator dashboard and the metrics, on real processes (issue 11): the example network of
 * ./bootstrap.json (three subnets; the participants not needed here are skipped), lessors in
 * subnets b and c selling, a renter in subnet a running a job while its dashboard is open in
 * headless Chromium. The test reads what a person sees: the subnets and hubs in the graph, the job
 * arriving live with its policy, reasons and result, the leases with both hubs' signatures; and it
 * scrapes /metrics for relayed bytes, leases and jobs. Screenshots go to test-artifacts/.
 *
 * The example network's hubs listen on fixed loopback ports: while `npm run demo` (or another
 * example network) runs on this machine, the test runs on a network of the same shape and names
 * made by `net init` (free ports), and says so.
 */
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { writeSyntheticCsv } from '../compute/index.js'
import { callApi } from '../node/api/client.js'
import { metricValue } from '../node/api/prometheus-text.js'
import { apiOf } from '../node/data-dir.js'
import { ARTIFACTS, browserOrSkip, screenshot } from './helpers/browser.js'
import { ROOT, cli, cliJson, waitFor } from './helpers/cli.js'
import type { Browser } from './helpers/browser.js'
import type { TestNode } from './helpers/net.js'

const ROWS = 5_000

/** The little of the DOM these page callbacks use (the project compiles without the DOM types). */
interface El { textContent: string | null, getAttribute: (name: string) => string | null, querySelectorAll: (selector: string) => Iterable<El> }
/** Peer-supplied strings reach the page; this one must show as text and run nothing. */
const JOB_NAME = 'credit <b>bold</b><img src=x onerror="window.__xss=1">'

const EXAMPLE = join(ROOT, 'bootstrap.json')
/** Participants of the example network this test does without (fewer processes on small machines). */
const SKIP = ['a-3', 'b-2', 'b-3', 'c-2']

/** The first of `ports` on 127.0.0.1 something else listens on, if any. */
async function portTaken (ports: number[]): Promise<number | undefined> {
  for (const port of ports) {
    const free = await new Promise<boolean>(resolve => {
      const server = createServer()
      server.once('error', () => { resolve(false) })
      server.listen(port, '127.0.0.1', () => { server.close(() => { resolve(true) }) })
    })
    if (!free) return port
  }
  return undefined
}

describe('dashboard and metrics', () => {
  let net: { dir: string, nodes: TestNode[], node: (name: string) => TestNode }
  let jobPath: string
  let browser: Browser | undefined
  /** set when the example network could not be used (its ports are taken) */
  let fallback: string | undefined
  const dir = (name: string): string => net.node(name).dataDir

  before(async () => {
    const example = JSON.parse(await readFile(EXAMPLE, 'utf8'))
    const taken = await portTaken(example.subnets.flatMap((sn: any) => sn.hub.addrs.map((a: string) => Number(/\/tcp\/(\d+)/.exec(a)?.[1]))))
    const nodes: TestNode[] = []
    net = { dir: await mkdtemp(join(tmpdir(), 'shulian-dashboard-')), nodes, node: (name) => nodes.find(n => n.name === name) ?? assert.fail(`no running node ${name}`) }
    let up = ['net', 'up', '--dir', net.dir, '--bootstrap', EXAMPLE, '--skip', SKIP.join(',')]
    if (taken !== undefined) {
      // another example network runs on this machine (npm run demo?): the same shape and names on free ports
      fallback = `127.0.0.1:${taken}, a hub port of the example network, is in use: ran on a network of the same shape from net init`
      await cliJson(['net', 'init', '--dir', net.dir, '--subnets', '2,1,1'])
      up = ['net', 'up', '--dir', net.dir]
    }
    nodes.push(...(await cliJson<{ nodes: TestNode[] }>(up, { timeout: 180_000 })).nodes)
    await writeSyntheticCsv(join(net.dir, 'synthetic.csv'), ROWS, 7)
    jobPath = join(net.dir, 'credit.json')
    await writeFile(jobPath, JSON.stringify({
      name: JOB_NAME,
      data: { path: 'synthetic.csv', columns: { income: 'float', debt: 'float', age: 'int' } },
      program: { let: { score: '0.3*income - 0.2*debt + 0.01*age*age' }, outputs: { mean_score: 'mean(score)', rows: 'count()' } },
      lease: { cores: 4, memoryMiB: 2048, maxPrice: 10, duration: '30m' },
      budget: { maxSeconds: 600, maxMemoryMiB: 8192 }
    }))
    const measurement = (await cliJson(['tee', 'measure'])).measurement
    const sell = { side: 'sell', memoryMiB: 4096, expiresInS: 3600, protection: { he: true, tee: { kind: 'simulated', measurement } }, heElementsPerS: 500_000, minDurationS: 60, maxDurationS: 86_400 }
    for (const lessor of ['b-1', 'c-1']) await callApi(dir(lessor), '/market/orders', { body: { ...sell, cores: 2, pricePerCoreHour: 1 } })
    // too dear for the job: it stays in hub-a's order book, in both resource classes
    await callApi(dir('a-2'), '/market/orders', { body: { ...sell, cores: 8, pricePerCoreHour: 50 } })
    await waitFor('hub-a to find the offers of b-1 and c-1', async () => (await callApi(dir('hub-a'), '/market/offers')).offers.filter((o: any) => o.hub !== net.node('hub-a').peerId).length === 2 ? true : undefined)
  })
  after(async () => {
    await browser?.close()
    if (net === undefined) return
    const down = await cli(['net', 'down', '--dir', net.dir])
    if (down.code === 0 && process.env.SHULIAN_KEEP_TEST_DIRS === undefined) await rm(net.dir, { recursive: true, force: true })
  })

  it('a wrong token or session is refused, a session only reads, and the page itself holds no data', async (t) => {
    if (fallback !== undefined) t.diagnostic(fallback)
    const { url } = await apiOf(dir('a-1'))
    const get = async (path: string, token?: string, method = 'GET'): Promise<Response> =>
      fetch(new URL(path, url), { method, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })
    assert.equal((await get('/status', 'not-the-token')).status, 401)
    assert.equal((await get('/dashboard/state')).status, 401)
    assert.equal((await get('/dashboard/events', 'dash_forged')).status, 401)
    const session = await cliJson(['dashboard', '--dir', dir('a-1')])
    const token = new URL(session.url).hash.replace('#session=', '')
    assert.equal((await get('/dashboard/state', token)).status, 200)
    assert.equal((await get('/metrics', token)).status, 200)
    assert.equal((await get('/dashboard/sessions', token, 'POST')).status, 403, 'a session cannot mint sessions')
    assert.equal((await get('/jobs', token, 'POST')).status, 403, 'nor start jobs')
    const page = await get('/dashboard/')
    assert.equal(page.status, 200)
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/)
    assert.doesNotMatch(await page.text(), new RegExp(net.node('a-1').peerId), 'the public page carries no node data')
  })

  it('in the browser, a URL with a wrong session shows "Access refused"', async (t) => {
    const { url } = await apiOf(dir('a-1'))
    browser = await browserOrSkip(t)
    if (browser === undefined) return
    const tab = await browser.context.newPage()
    await tab.goto(`${url}/dashboard/#session=dash_wrong`)
    await tab.waitForSelector('.refused', { timeout: 30_000 })
    assert.match(await tab.textContent('.refused'), /Access refused/)
    assert.match(await tab.textContent('#conn'), /refused/)
    await screenshot(tab, 'dashboard-refused')
    await tab.close()
  })

  /** The job (run with the page open when there is a browser, else by the metrics test). */
  let jobId: string | undefined
  const startJob = async (): Promise<string> => {
    jobId = (await callApi(dir('a-1'), '/jobs', { body: { job: jobPath, policy: 'tee' } })).id as string
    return jobId
  }

  it('shows the network, a job run while watching it, the leases on both sides', async (t) => {
    browser ??= await browserOrSkip(t)
    if (browser === undefined) return
    const page = await browser.context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e: Error) => { errors.push(e.message) })
    const renter = await cliJson(['dashboard', '--dir', dir('a-1')])
    assert.equal(renter.node, 'a-1')
    await page.goto(renter.url)
    await page.waitForSelector('#conn[data-state="live"]', { timeout: 30_000 })
    assert.doesNotMatch(page.url(), /session=/, 'the session leaves the address bar')

    // Network: three subnets, each with its hub, this node marked
    await page.waitForSelector('svg.graph .subnet-label')
    assert.deepEqual(await page.$$eval('svg.graph .subnet-label', (els: El[]) => els.map(e => e.textContent).sort()), ['subnet a', 'subnet b', 'subnet c'])
    const hubs = await page.$$eval('svg.graph .peer.hub', (els: El[]) => els.map(e => `${e.getAttribute('data-name') ?? ''}/${e.getAttribute('data-subnet') ?? ''}`).sort())
    assert.deepEqual(hubs, ['hub-a/a', 'hub-b/b', 'hub-c/c'])
    assert.equal(await page.getAttribute('svg.graph .peer.self', 'data-name'), 'a-1')
    assert.equal(await page.getAttribute('svg.graph .peer[data-name="hub-a"] ', 'class').then((c: string) => c.includes('connected')), true, 'its hub link is live')
    await screenshot(page, 'dashboard-network-a-1')

    // Jobs: a job started now appears and finishes on the open page (the live feed)
    await page.click('a[data-view="jobs"]')
    await page.waitForSelector('.job-list, .empty')
    const id = await startJob()
    const card = `article[data-job="${id}"]`
    await page.waitForSelector(`${card}.done`, { timeout: 180_000 })
    const report = (await callApi(dir('a-1'), `/jobs/${id}`)).report
    assert.equal(report.status, 'done', report.error)
    assert.equal(await page.textContent(`${card} .job-name`), JOB_NAME, 'a peer-supplied name shows as text')
    assert.equal(await page.$$eval(`${card} img, ${card} b`, (els: El[]) => els.length), 0, 'and makes no elements')
    assert.equal(await page.evaluate(() => (globalThis as any).__xss), undefined, 'and runs nothing')
    const head = await page.textContent(`${card} .job-head`)
    assert.match(head, /policy tee/)
    assert.match(head, /simulated TEE/)
    const reasons = await page.$$eval(`${card} .reasons li`, (els: El[]) => els.map(e => e.textContent))
    assert.deepEqual(reasons, report.policy.reasons)
    const outputs = await page.$$eval(`${card} table.outputs tbody tr`, (rows: El[]) => rows.map(r => [...r.querySelectorAll('td')].map(td => td.textContent)))
    assert.deepEqual(outputs.find((r: string[]) => r[0] === 'rows'), ['rows', '5,000'])
    assert.ok(outputs.some((r: string[]) => r[0] === 'mean_score' && Math.abs(Number(r[1]?.replace(/,/g, '')) - report.outputs.mean_score) <= 1e-6 * Math.abs(report.outputs.mean_score)), JSON.stringify(outputs))
    const subtasks = await page.textContent(`${card} table.subtasks`)
    for (const [lessor, hub] of [['b-1', 'hub-b'], ['c-1', 'hub-c']]) assert.ok(subtasks.includes(`a-1 → hub-a → ${hub} → ${lessor}`), subtasks)
    await screenshot(page, 'dashboard-jobs-a-1')

    // Joint runs (fed by the joint feature through node.dashboard.joint): the section this browser
    // draws from a `joint` topic, beside the view so that live updates leave it alone
    const loss = [1.2, 0.71, 0.45, 0.36, 0.33, 0.32]
    const drawn = await page.evaluate(async (loss: number[]) => {
      const doc = (globalThis as any).document
      const module = '/dashboard/jobs.js'
      const { renderJointRuns } = await import(module)
      const host = doc.createElement('div')
      host.id = 'joint-sample'
      host.append(renderJointRuns({ available: true, invalid: 0, runs: [{ id: 'j-1', name: 'joint <i>credit</i>', status: 'done', rounds: loss.length, loss, lossRounds: loss.map((_, i) => i + 1), updated: Date.now() }] }, { name: (id: string) => id }))
      doc.body.append(host)
      const line = doc.querySelector('#joint-sample svg.chart polyline.series')
      return { points: String(line?.getAttribute('points') ?? '').split(' ').length, width: line?.getBBox().width ?? 0, name: doc.querySelector('#joint-sample h3')?.textContent, italics: doc.querySelectorAll('#joint-sample i').length }
    }, loss)
    assert.deepEqual({ ...drawn, width: drawn.width > 100 }, { points: loss.length, width: true, name: 'joint <i>credit</i>', italics: 0 })
    await page.locator('#joint-sample').screenshot({ path: join(ARTIFACTS, 'dashboard-joint-runs.png') })

    // Market of the renter: its two leases, both hubs' signatures valid
    await page.click('a[data-view="market"]')
    await page.waitForSelector('table.leases')
    const held = await page.$$eval('table.leases tbody tr', (rows: El[]) => rows.map(r => r.textContent ?? ''))
    assert.equal(held.length, 2)
    for (const row of held) assert.equal(row.match(/✓ valid/g)?.length, 2, row)
    await screenshot(page, 'dashboard-market-a-1')

    // Market of hub-a: order book by class, matches, leases formed with the lessors' hubs
    const hub = await cliJson(['dashboard', '--dir', dir('hub-a')])
    const hubPage = await browser.context.newPage()
    hubPage.on('pageerror', (e: Error) => { errors.push(e.message) })
    await hubPage.goto(hub.url)
    await hubPage.waitForSelector('#conn[data-state="live"]', { timeout: 30_000 })
    await hubPage.click('a[data-view="market"]')
    await hubPage.waitForSelector('table.leases')
    const leases = await hubPage.$$eval('table.leases tbody tr', (rows: El[]) => rows.map(r => r.textContent ?? ''))
    assert.equal(leases.length, 2)
    for (const row of leases) {
      assert.equal(row.match(/✓ valid/g)?.length, 2, row)
      assert.match(row, /both hubs/)
      assert.match(row, /hub-b|hub-c/)
    }
    for (const cls of ['he', 'tee']) {
      assert.match(await hubPage.textContent(`.book[data-class="${cls}"]`), /a-2/, `a-2's SELL is in the ${cls} book`)
    }
    assert.match(await hubPage.textContent('main'), /Recent matches[\s\S]*a-1[\s\S]*(b-1|c-1)/)
    await screenshot(hubPage, 'dashboard-market-hub-a')
    await hubPage.click('a[data-view="network"]')
    await hubPage.waitForSelector('svg.graph .peer.self[data-name="hub-a"]')
    await screenshot(hubPage, 'dashboard-network-hub-a')
    assert.deepEqual(errors, [], 'no script errors on the pages')
  })

  it('/metrics counts circuits and bytes relayed, orders, matches, leases and their formation time, jobs by policy and outcome, subtasks', async () => {
    if (jobId === undefined) {
      // no browser: the job runs here, followed through the API
      const id = await startJob()
      await waitFor(`job ${id} to end`, async () => (await callApi(dir('a-1'), `/jobs/${id}`)).status !== 'running' ? true : undefined, 180_000)
    }
    assert.equal((await callApi(dir('a-1'), `/jobs/${jobId ?? ''}`)).status, 'done')
    // relayed bytes and leases at the hub, the job at the renter, the subtask at a lessor
    const metrics = async (name: string): Promise<string> => callApi(dir(name), '/metrics', { text: true })
    const hubText = await metrics('hub-a')
    assert.ok(metricValue(hubText, 'shulian_relay_bytes_total') > 0, 'relayed bytes')
    assert.ok(metricValue(hubText, 'shulian_relay_circuits_total') >= 2, 'circuits relayed')
    assert.equal(metricValue(hubText, 'shulian_market_leases_total'), 2, 'leases formed')
    assert.ok(metricValue(hubText, 'shulian_market_orders_total', { side: 'buy' }) >= 1)
    assert.ok(metricValue(hubText, 'shulian_market_fills_total') >= 2, 'matches')
    assert.ok(metricValue(hubText, 'shulian_market_lease_formation_seconds_count') >= 2, 'lease formation latency')
    const renterText = await metrics('a-1')
    assert.equal(metricValue(renterText, 'shulian_jobs_total', { policy: 'tee', outcome: 'done' }), 1, 'jobs by policy and outcome')
    assert.equal(metricValue(renterText, 'shulian_job_subtask_seconds_count', { mode: 'tee', ran_on: 'lessor' }), 2, 'subtask durations')
    assert.ok(metricValue(await metrics('b-1'), 'shulian_task_subtasks_total', { outcome: 'done' }) >= 1, 'the lessor counts its subtask')
  })
})
