/**
 * The operator dashboard and the metrics, on real processes (issue 11): a 3-subnet network, lessors
 * in subnets b and c selling, a renter in subnet a running a job while its dashboard is open in
 * headless Chromium. The test reads what a person sees: the subnets and hubs in the graph, the job
 * arriving live with its policy, reasons and result, the leases with both hubs' signatures; and it
 * scrapes /metrics for relayed bytes, leases and jobs. Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { writeSyntheticCsv } from '../compute/index.js'
import { callApi } from '../node/api/client.js'
import { apiOf } from '../node/data-dir.js'
import { browserOrSkip, screenshot } from './helpers/browser.js'
import { cliJson, waitFor } from './helpers/cli.js'
import { startNetwork } from './helpers/net.js'
import type { Browser } from './helpers/browser.js'
import type { TestNetwork } from './helpers/net.js'

const ROWS = 5_000

/** The little of the DOM these page callbacks use (the project compiles without the DOM types). */
interface El { textContent: string | null, getAttribute: (name: string) => string | null, querySelectorAll: (selector: string) => Iterable<El> }
/** Peer-supplied strings reach the page; this one must show as text and run nothing. */
const JOB_NAME = 'credit <b>bold</b><img src=x onerror="window.__xss=1">'

/** Sum of the samples of `name` in a Prometheus text exposition whose labels include `labels`. */
export function metricValue (text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line)
    if (m == null || m[1] !== name) continue
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(x => [x[1], x[2]]))
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3])
  }
  return sum
}

describe('dashboard and metrics', () => {
  let net: TestNetwork
  let jobPath: string
  let browser: Browser | undefined
  const dir = (name: string): string => net.node(name).dataDir

  before(async () => {
    net = await startNetwork({ subnets: '2,1,1', configure: { 'hub-a': { market: { rematchIntervalMs: 300, offerCacheMs: 100 } } } })
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
    await net?.down()
  })

  it('a wrong token or session is refused, a session only reads, and the page itself holds no data', async (t) => {
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

  it('shows the network, a job run while watching it, the leases on both sides; /metrics counts them', async (t) => {
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
    const { id } = await callApi(dir('a-1'), '/jobs', { body: { job: jobPath, policy: 'tee' } })
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

    // /metrics: relayed bytes and leases at the hub, the job at the renter, the subtask at a lessor
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
