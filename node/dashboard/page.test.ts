/**
 * The page's drawing code (static/*.js, plain browser modules) run in Node on a minimal stand-in
 * for the DOM: the loss chart's geometry and the joint runs section built from the `joint` topic.
 * (test/dashboard.test.ts draws the same section in Chromium.)
 */
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { before, describe, it } from 'node:test'
import { JointRuns } from './joint-runs.js'
import { STATIC_DIR } from './index.js'

/** Just what static/dom.js calls: elements with attributes, dataset and children, and text nodes. */
class FakeNode {
  readonly childNodes: FakeNode[] = []
  append (...nodes: FakeNode[]): void { this.childNodes.push(...nodes) }
  get textContent (): string { return this.childNodes.map(c => c.textContent).join('') }
}
class FakeText extends FakeNode {
  constructor (readonly data: string) { super() }
  override get textContent (): string { return this.data }
}
class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>()
  readonly dataset: Record<string, string> = {}
  readonly style: Record<string, string> = {}
  constructor (readonly tagName: string, readonly namespace?: string) { super() }
  setAttribute (k: string, v: string): void { this.attributes.set(k, v) }
  getAttribute (k: string): string | null { return this.attributes.get(k) ?? null }
  addEventListener (): void {}
  override get textContent (): string { return super.textContent }
  override set textContent (v: string) { this.childNodes.splice(0, Infinity, new FakeText(v)) }
  /** descendants with this tag and (optionally) this class */
  all (tag: string, cls?: string): FakeElement[] {
    const out: FakeElement[] = []
    const walk = (n: FakeNode): void => {
      for (const c of n.childNodes) {
        if (c instanceof FakeElement && c.tagName === tag && (cls === undefined || (c.getAttribute('class') ?? '').split(' ').includes(cls))) out.push(c)
        walk(c)
      }
    }
    walk(this)
    return out
  }
}

let chart: any
let jobs: any
const names = { name: (id: string) => id === 'peerB' ? 'b-1' : id, hubOf: () => undefined, entry: () => undefined }

before(async () => {
  Object.assign(globalThis, {
    Node: FakeNode,
    document: {
      createElement: (tag: string) => new FakeElement(tag),
      createElementNS: (ns: string, tag: string) => new FakeElement(tag, ns),
      createTextNode: (text: string) => new FakeText(text)
    }
  })
  chart = await import(pathToFileURL(join(STATIC_DIR, 'chart.js')).href)
  jobs = await import(pathToFileURL(join(STATIC_DIR, 'jobs.js')).href)
})

describe('dashboard page: the loss chart', () => {
  it('places rounds left to right and lower loss lower on the chart, inside the plot area', () => {
    const box = { width: 480, height: 160, pad: 24, left: 72 }
    const { points, min, max } = chart.chartGeometry([0.9, 0.5, 0.3, 0.25], box)
    assert.equal(points.length, 4)
    assert.deepEqual([min, max], [0.25, 0.9])
    assert.equal(points[0][0], 72)
    assert.equal(points[3][0], 480 - 24)
    for (let i = 1; i < 4; i++) {
      assert.ok(points[i][0] > points[i - 1][0], 'x grows with the round')
      assert.ok(points[i][1] > points[i - 1][1], 'a smaller loss is drawn lower (larger y)')
    }
    assert.equal(points[0][1], 24, 'the largest loss at the top')
    assert.equal(points[3][1], 160 - 24, 'the smallest at the bottom')
  })

  it('a flat series sits in the middle; a single point in the centre; non-finite values are left out', () => {
    const flat = chart.chartGeometry([2, 2, 2])
    assert.ok(flat.points.every((p: number[]) => p[1] === 80))
    assert.deepEqual(chart.chartGeometry([1]).points, [[72 + (480 - 72 - 24) / 2, 80]])
    assert.equal(chart.chartGeometry([1, Number.NaN, 0.5]).points.length, 2)
    assert.deepEqual(chart.chartGeometry([]).points, [])
  })
})

describe('dashboard page: joint runs in the Jobs view', () => {
  it('draws nothing until a joint feature feeds the dashboard', async () => {
    assert.equal(jobs.renderJointRuns(undefined, names), null)
    assert.equal(jobs.renderJointRuns(await new JointRuns().topic(), names), null)
  })

  it('lists each run with its status, rounds and partner, and a chart of its loss per round', async () => {
    const j = new JointRuns()
    j.source(() => [{ id: 't-1', name: 'credit <img src=x onerror=alert(1)>', status: 'done', rounds: 5, loss: [1.2, 0.7, 0.41, 0.33, 0.31], peer: 'peerB' }])
    j.record({ id: 't-2', status: 'running', rounds: 0, loss: [], updated: 0 })
    const section = jobs.renderJointRuns(await j.topic(), names) as FakeElement
    assert.match(section.all('h2')[0]?.textContent ?? '', /Joint runs \(2\)/)
    const [done, running] = section.all('article', 'joint')
    assert.equal(done?.dataset.run, 't-1')
    assert.equal(done?.all('h3')[0]?.textContent, 'credit <img src=x onerror=alert(1)>', 'a peer-supplied name is a text node')
    assert.equal(done?.all('img').length, 0)
    assert.match(done?.textContent ?? '', /done/)
    assert.match(done?.textContent ?? '', /5 rounds · with b-1/)
    const svg = done?.all('svg', 'chart')[0]
    assert.ok(svg !== undefined, 'a chart')
    assert.match(svg.getAttribute('aria-label') ?? '', /loss per round/)
    const points = (svg.all('polyline', 'series')[0]?.getAttribute('points') ?? '').split(' ')
    assert.equal(points.length, 5, 'one point per round')
    const ticks = svg.all('text', 'tick').map(t => t.textContent)
    assert.ok(ticks.includes('1.200') && ticks.includes('0.3100'), `the loss range on the y axis: ${ticks.join(' | ')}`)
    assert.ok(ticks.includes('1') && ticks.includes('5'), 'the first and last round on the x axis')
    assert.match(done?.all('figcaption')[0]?.textContent ?? '', /1\.20000 at round 1, 0\.310000 at round 5/)
    assert.equal(running?.all('svg').length, 0)
    assert.match(running?.textContent ?? '', /no round finished yet/)
  })

  it('says how many of a long run\'s rounds are drawn, and numbers the axis by round', async () => {
    const j = new JointRuns()
    j.record({ id: 'long', status: 'running', rounds: 2000, loss: Array.from({ length: 2000 }, (_, i) => 1 / (i + 1)) })
    const section = jobs.renderJointRuns(await j.topic(), names) as FakeElement
    const svg = section.all('svg', 'chart')[0] as FakeElement
    assert.equal((svg.all('polyline')[0]?.getAttribute('points') ?? '').split(' ').length, 500)
    assert.ok(svg.all('text', 'tick').some(t => t.textContent === '2000'))
    assert.match(section.all('figcaption')[0]?.textContent ?? '', /500 of 2000 rounds drawn/)
  })
})
