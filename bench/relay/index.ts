/**
 * bench/relay: throughput of a 256 MiB echo (by default) over (a) a direct libp2p connection between
 * two plain peers without gater, (b) a circuit through one hub, (c) a circuit through two hubs — all
 * in one run, separate OS processes on loopback — and the hubs' resident memory.
 *
 * Targets: (c) >= 0.5 x (a); a hub's peak RSS under 150 MB while relaying.
 */
import { execFile, spawn } from 'node:child_process'
import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { table } from '../table.js'

const here = dirname(fileURLToPath(import.meta.url))
const CLI = join(here, '..', '..', 'node', 'cli', 'main.js')
const out = (s: string): void => { process.stdout.write(s + '\n') }

interface Echo { bytes: number, received: number, intact: boolean, ms: number }

async function run1 (file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [file, ...args], { maxBuffer: 16 * 1024 * 1024, timeout: 30 * 60_000 }, (err, stdout, stderr) => {
      if (err != null) reject(new Error(`${args.join(' ')}: ${stderr.trim() || err.message}`))
      else resolve(stdout)
    })
  })
}

const cli = async (...args: string[]): Promise<any> => JSON.parse(await run1(CLI, [...args, '--json']))

/**
 * VmRSS and VmHWM (peak) of a process, in MB, and of its RSS now: the pages of the executable
 * itself (shared with every other process running it, and dropped first under memory pressure)
 * and the process's own (anonymous) pages.
 */
async function memory (pid: number): Promise<{ rss: number, peak: number, binary: number, anon: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  const exe = await readlink(`/proc/${pid}/exe`)
  let binary = 0
  let mapping = ''
  for (const line of (await readFile(`/proc/${pid}/smaps`, 'utf8')).split('\n')) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) mapping = line
    else if (line.startsWith('Rss:') && mapping.endsWith(exe)) binary += Number(line.slice(4).trim().split(/\s+/)[0])
  }
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024, binary: binary / 1024, anon: kb('RssAnon') / 1024 }
}

async function direct (bytes: number, flags: string[] = []): Promise<Echo> {
  const server = spawn(process.execPath, [join(here, 'plain-peer.js'), 'serve', ...flags], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout }).once('line', resolve)
      server.once('exit', (code) => { reject(new Error(`plain peer exited (${code})`)) })
    })
    return JSON.parse(await run1(join(here, 'plain-peer.js'), ['echo', JSON.parse(line).addr, String(bytes), ...flags]))
  } finally {
    server.kill('SIGTERM')
  }
}

export async function run (args: string[]): Promise<void> {
  const mib = Number(args.find(a => a.startsWith('--mib='))?.slice(6) ?? 256)
  const bytes = mib * 1024 * 1024
  const dir = await mkdtemp(join(tmpdir(), 'shulian-bench-relay-'))
  try {
    await cli('net', 'init', '--dir', dir, '--subnets', '2,1')
    const { nodes } = await cli('net', 'up', '--dir', dir)
    const id = (name: string): string => nodes.find((n: any) => n.name === name).peerId
    const hubs = await Promise.all(['hub-a', 'hub-b'].map(async h => ({ name: h, pid: Number((await readFile(join(dir, h, 'node.pid'), 'utf8')).trim()) })))
    // warm up the circuits (dial, Noise, yamux) outside the measurement
    await cli('echo', id('a-2'), '--dir', join(dir, 'a-1'), '--bytes', String(1024 * 1024))
    await cli('echo', id('b-1'), '--dir', join(dir, 'a-1'), '--bytes', String(1024 * 1024))
    const before = await Promise.all(hubs.map(async h => ({ ...h, ...await memory(h.pid) })))

    const a = await direct(bytes)
    const a2 = await direct(bytes, ['--batched'])
    const b: Echo = await cli('echo', id('a-2'), '--dir', join(dir, 'a-1'), '--bytes', String(bytes))
    const c: Echo = await cli('echo', id('b-1'), '--dir', join(dir, 'a-1'), '--bytes', String(bytes))
    const after = await Promise.all(hubs.map(async h => ({ ...h, ...await memory(h.pid) })))

    const rate = (e: Echo): number => e.bytes / 1e6 / (e.ms / 1000)
    const rows = [
      ['(a) direct libp2p, no gater', a],
      ["(a') direct, shulian's TCP writes and Noise keys", a2],
      ['(b) relayed via one hub', b],
      ['(c) relayed via two hubs', c]
    ] as const
    out(`### ${mib} MiB echo (each byte goes there and back), separate processes on loopback\n`)
    out(table(['path', 'seconds', 'MB/s each way', 'x (a)', 'intact'],
      rows.map(([name, e]) => [name, (e.ms / 1000).toFixed(2), rate(e).toFixed(1), (rate(e) / rate(a)).toFixed(2), e.intact ? 'yes' : 'NO'])))
    out(`\ntarget: (c) >= 0.5 x (a): ${rate(c) / rate(a) >= 0.5 ? 'met' : 'NOT met'} (${(rate(c) / rate(a)).toFixed(2)}); against (a'), with the hubs' TCP and Noise: ${(rate(c) / rate(a2)).toFixed(2)}`)

    out('\n### hub memory (resident set)\n')
    out(table(['hub', 'RSS before, MB', 'RSS after, MB', 'peak RSS, MB', 'target < 150 MB', 'after: node binary / own, MB'],
      after.map((h, i) => [h.name, (before[i]?.rss ?? NaN).toFixed(0), h.rss.toFixed(0), h.peak.toFixed(0), h.peak < 150 ? 'met' : 'NOT met', `${h.binary.toFixed(0)} / ${h.anon.toFixed(0)}`])))
    out('\n(node binary: pages of the executable, shared by every node process on the machine; own: the process\'s anonymous memory, heaps and buffers)')
  } finally {
    await run1(CLI, ['net', 'down', '--dir', dir]).catch(() => {})
    await rm(dir, { recursive: true, force: true })
  }
}
