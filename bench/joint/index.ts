/**
 * bench/joint: a joint training (vertical federated linear regression, DESIGN §2.6) on a local
 * network of real processes — renter a-1, lessor b-1 (simulated enclave), partner c-1, each in
 * its own subnet — for 10 k and 100 k rows (synthetic, fixed seed), a fixed number of rounds;
 * against the baseline measured in the same run: the same training in plaintext on the pooled
 * data, in one process. Seconds per round, and payload bytes per round between the parties.
 *
 * `npm run bench -- joint [--joint-rows=10000,100000] [--joint-rounds=5]`
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJointCsv, trainPlain, writeJointSynthetic } from '../../compute/joint/index.js'
import { CLI, cli, out } from '../cli.js'
import { table } from '../table.js'


function mb (n: number): string {
  return (n / 1e6).toFixed(2)
}

export async function run (args: string[]): Promise<void> {
  const sizes = (args.find(a => a.startsWith('--joint-rows='))?.slice(13) ?? '10000,100000').split(',').map(Number)
  const rounds = Number(args.find(a => a.startsWith('--joint-rounds='))?.slice(15) ?? 5)
  const dir = await mkdtemp(join(tmpdir(), 'shulian-bench-joint-'))
  try {
    await cli('net', 'init', '--dir', dir, '--subnets', '1,1,1')
    const { nodes } = await cli('net', 'up', '--dir', dir)
    const node = (name: string): any => nodes.find((n: any) => n.name === name)
    const { measurement } = await cli('tee', 'measure')
    await cli('order', 'sell', '--dir', node('b-1').dataDir, '--cores', '2', '--memory', '8192', '--price', '1', '--tee', 'simulated', '--measurement', measurement)
    const rows: Array<Array<string | number>> = []
    for (const n of sizes) {
      const paths = await writeJointSynthetic(dir, n, 2024, { renter: `renter-${n}.csv`, partner: `partner-${n}.csv` })
      const fl = join(dir, `fl-${n}.json`)
      await writeFile(fl, JSON.stringify({
        name: `bench-${n}`,
        data: { path: paths.renter, id: 'id', features: ['income', 'debt', 'tenure'] },
        partner: { peer: 'c-1', features: ['spend', 'visits', 'returns'] },
        lease: { cores: 1, memoryMiB: 1024, maxPrice: 10, duration: '30m' },
        training: { maxRounds: rounds, tolerance: 0, step: 1 }
      }))
      // baseline: the same rounds on the pooled data, in plaintext, in this process (CSV reads excluded)
      const a = await readJointCsv(paths.renter, 'id', ['income', 'debt', 'tenure'])
      const c = await readJointCsv(paths.partner, 'id', ['spend', 'visits', 'returns', 'score'])
      const y = c.columns.pop() as Float64Array
      c.names.pop()
      let t = performance.now()
      const plain = trainPlain({ names: a.names, columns: a.columns }, { names: c.names, columns: c.columns, y }, { maxRounds: rounds, tolerance: 0, step: 1 })
      const plainPerRound = (performance.now() - t) / 1000 / plain.loss.length

      const serve = spawn(process.execPath, [CLI, 'joint', 'serve', '--dir', node('c-1').dataDir, '--data', paths.partner, '--label', 'score', '--once', '--json'], { stdio: ['ignore', 'ignore', 'pipe'] })
      const served = new Promise(resolve => serve.on('exit', resolve))
      // it says so on stderr once the node serves the file
      await new Promise<void>((resolve, reject) => {
        let text = ''
        serve.stderr.on('data', (d: Buffer) => { text += d.toString(); if (text.includes('"serving"')) resolve() })
        serve.on('exit', () => { reject(new Error(`joint serve exited: ${text.trim()}`)) })
      })
      t = performance.now()
      const r = await cli('joint', 'run', fl, '--dir', node('a-1').dataDir)
      const wall = (performance.now() - t) / 1000
      await served
      const perRound = r.roundSeconds.reduce((s: number, x: number) => s + x, 0) / r.roundSeconds.length
      const traffic = r.roundTraffic as Record<string, { sent: number, received: number }>
      const k = r.rounds as number
      const ab = traffic['b-1'] ?? { sent: 0, received: 0 }
      const ac = traffic['c-1'] ?? { sent: 0, received: 0 }
      const bc = traffic['b-1 → c-1'] ?? { sent: 0, received: 0 }
      const lossGap = Math.abs((r.loss.at(-1) as number) - (plain.loss.at(-1) as number)) / (plain.loss.at(-1) as number)
      rows.push([n.toLocaleString('en-US'), 'plaintext, pooled, one process (baseline)', plainPerRound.toFixed(4), '1', '-', '-', '-', '-', '-'])
      rows.push([n.toLocaleString('en-US'), 'joint: a-1 + b-1 (simulated TEE) + c-1, via hubs', perRound.toFixed(2), (perRound / plainPerRound).toFixed(0), mb(ab.sent / k), mb(ab.received / k), mb(ac.sent / k), mb(ac.received / k), mb(bc.sent / k)])
      out(`${n} rows: ${k} rounds, wall ${wall.toFixed(1)} s (setup included), final loss ${r.loss.at(-1)} vs plaintext ${plain.loss.at(-1)} (relative gap ${lossGap.toExponential(1)})`)
    }
    out('')
    out(table(['rows', 'path', 's/round', 'x plaintext', 'A→B MB/round', 'B→A MB/round', 'A→C MB/round', 'C→A MB/round', 'B→C MB/round'], rows))
    out('\nbytes: payload (ciphertexts, AEAD frames, keys) per round, setup (attestation, LOAD, OPEN) excluded; the simulated enclave is a separate process, not hardware isolation')
  } finally {
    await cli('net', 'down', '--dir', dir).catch(() => {})
    await rm(dir, { recursive: true, force: true })
  }
}
