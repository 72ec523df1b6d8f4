/**
 * The fuzzer in the default suite (issue 10 part 4): the example network as real processes, at
 * least 500 mutated or malformed messages per protocol against a hub and a participant; no node
 * crashes, the honest probes (pings, an orders LIST, a ping across the fuzzed hub) never fail, and
 * the nodes' memory stays bounded. `npm run fuzz` is the same at 10 000 cases per protocol.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { callApi } from '../node/api/client.js'
import { startFixture } from './conformance/fixture.js'
import { heapGrowth, rssGrowth, table } from './fuzz/fuzzer.js'
import { fuzzNodes, problems } from './fuzz/main.js'
import { TARGETS } from './fuzz/targets.js'
import type { Fixture } from './conformance/fixture.js'

const CASES = 500

describe('fuzzing our nodes', () => {
  let fx: Fixture

  before(async () => { fx = await startFixture() })
  after(async () => { await fx?.net.down() })

  it(`${CASES} cases per protocol: no crash, honest traffic answered throughout, memory bounded`, async () => {
    const pid = (name: string): number => Number(readFileSync(join(fx.dir(name), 'node.pid'), 'utf8').trim())
    const reports = await fuzzNodes({
      targets: [fx.hubTarget, fx.participantTarget],
      keys: fx.keys,
      lease: fx.lease,
      pids: [pid('hub-b'), pid('a-1')],
      dirs: [fx.dir('hub-b'), fx.dir('a-1')],
      cases: CASES,
      seed: 10,
      probes: () => [{ name: 'ping b-1 → c-1 through the hubs', run: async () => { await callApi(fx.dir('b-1'), '/ping', { body: { peerId: fx.peerId('c-1'), count: 1 }, timeout: 20_000 }) } }]
    })
    const out = table(reports)
    process.stdout.write(`${out}\n`)
    assert.deepEqual(problems(reports, 256), [], out)
    // every protocol got its cases, each side at least some of every kind of end it can have
    for (const protocol of new Set(TARGETS.map(t => t.protocol))) {
      const n = reports.flatMap(r => r.results).filter(r => r.protocol === protocol).reduce((a, r) => a + r.cases, 0)
      assert.ok(n >= CASES, `${protocol}: ${n} cases`)
    }
    assert.ok(reports.every(r => r.probes.every(p => p.ok >= 2)), 'the probes did not run during the fuzzing')
    assert.ok(reports.every(r => rssGrowth(r) != null && heapGrowth(r) != null), 'memory was not measured')
    for (const name of ['hub-b', 'a-1']) assert.doesNotThrow(() => process.kill(pid(name), 0), `${name} is gone`)
  })
})
