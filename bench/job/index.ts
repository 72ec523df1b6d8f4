/**
 * bench/job: one ≥ 1 M-row job (examples/jobs/demo.json on synthetic data, fixed seed) four ways,
 * in one run: plaintext in-process (the baseline), `job run --policy tee` and `--policy he` across
 * subnets on a local network of real processes, and raw node-seal (encrypt, evaluate, decrypt in
 * this process, on all cores). Every time includes reading the CSV, as a job does.
 *
 * Targets: tee ≤ 2 × plaintext; he ≤ 1.5 × raw node-seal.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHePool, loadJobFile, runJobLocally, writeSyntheticCsv } from '../../compute/index.js'
import { ROOT, cli, out } from '../cli.js'
import { table } from '../table.js'


export async function run (args: string[]): Promise<void> {
  const rows = Number(args.find(a => a.startsWith('--rows='))?.slice(7) ?? 1_000_000)
  const dir = await mkdtemp(join(tmpdir(), 'shulian-bench-job-'))
  const job = join(dir, 'demo.json')
  await copyFile(join(ROOT, 'examples', 'jobs', 'demo.json'), job)
  await writeSyntheticCsv(join(dir, 'demo-1m.csv'), rows, 2024)
  const loaded = await loadJobFile(job)
  const pool = createHePool()
  let failed = false
  try {
    let t = performance.now()
    const plain = await runJobLocally(loaded, 'plain')
    const plainMs = performance.now() - t
    t = performance.now()
    const raw = await runJobLocally(loaded, 'he', pool)
    const rawMs = performance.now() - t

    await cli('net', 'init', '--dir', dir, '--subnets', '1,1,1')
    const { nodes } = await cli('net', 'up', '--dir', dir)
    const node = (name: string): any => nodes.find((n: any) => n.name === name)
    const { measurement } = await cli('tee', 'measure')
    // a node measures its HE throughput once per machine and caches it (`shulian he calibrate`);
    // that one-off setup is done here before timing, as the raw node-seal row has none either
    await cli('he', 'calibrate', '--dir', node('a-1').dataDir)
    for (const lessor of ['b-1', 'c-1']) {
      await cli('order', 'sell', '--dir', node(lessor).dataDir, '--cores', '2', '--memory', '4096', '--price', '1', '--he', '--he-throughput', '500000', '--tee', 'simulated', '--measurement', measurement)
    }
    const runs: Record<string, any> = {}
    for (const policy of ['tee', 'he']) {
      t = performance.now()
      runs[policy] = await cli('job', 'run', job, '--dir', node('a-1').dataDir, '--policy', policy)
      runs[policy].wallMs = performance.now() - t
      // end the run's leases: their capacity is for the next run (which needs other protection)
      for (const id of runs[policy].leases) await cli('lease', 'end', id, '--dir', node('a-1').dataDir)
    }
    const s = (ms: number): string => (ms / 1000).toFixed(2)
    out(`### ${rows.toLocaleString('en-US')}-row job (${loaded.spec.name}), every time including the CSV read\n`)
    out(table(['path', 'seconds', 'x plaintext', 'x raw node-seal', 'answer'], [
      ['plaintext, in-process (baseline)', s(plainMs), '1.00', '-', String(plain.outputs.mean_score)],
      ['raw node-seal: encrypt+eval+decrypt, in-process, all cores', s(rawMs), (rawMs / plainMs).toFixed(1), '1.00', String(raw.outputs.mean_score)],
      ['job run --policy tee, 2 lessors across subnets', s(runs.tee.wallMs), (runs.tee.wallMs / plainMs).toFixed(1), '-', String(runs.tee.outputs.mean_score)],
      ['job run --policy he, 2 lessors across subnets', s(runs.he.wallMs), (runs.he.wallMs / plainMs).toFixed(1), (runs.he.wallMs / rawMs).toFixed(2), String(runs.he.outputs.mean_score)]
    ]))
    out(`\ntargets: tee <= 2 x plaintext: ${runs.tee.wallMs <= 2 * plainMs ? 'met' : 'NOT met'} (${(runs.tee.wallMs / plainMs).toFixed(1)}); he <= 1.5 x raw node-seal: ${runs.he.wallMs <= 1.5 * rawMs ? 'met' : 'NOT met'} (${(runs.he.wallMs / rawMs).toFixed(2)})`)
    out('(the renter a-1 calibrated HE before the timed runs: a one-off per machine, cached in its data dir)')
    out(`raw node-seal phases (ms): ${Object.entries(raw.timings).map(([k, v]) => `${k} ${v}`).join(', ')}`)
    for (const policy of ['tee', 'he']) {
      out(`job run ${policy} phases (ms): ${Object.entries(runs[policy].phases ?? {}).map(([k, v]) => `${k.replace(/Ms$/, '')} ${String(v)}`).join(', ')}`)
      out(`job run ${policy}: ${runs[policy].subtasks.map((x: any) => `${x.name} ${x.rows} rows ${(x.ms / 1000).toFixed(1)} s, ${((x.bytesSent + x.bytesReceived) / 1e6).toFixed(1)} MB`).join('; ')}`)
    }
  } catch (err) {
    failed = true
    throw err
  } finally {
    await pool.close()
    await cli('net', 'down', '--dir', dir).catch(() => {})
    // a failed run keeps its network's data dirs (node logs) for a look
    if (failed) process.stderr.write(`bench/job: the network's data dirs and logs are kept in ${dir}\n`)
    else await rm(dir, { recursive: true, force: true })
  }
}
