/**
 * A lab of separate hosts on this machine: each host is a Linux network namespace with its own
 * address on a LAN (a bridge), and a router namespace joins the LANs, so that nodes talk over real
 * interfaces (veth, bridge, IP forwarding), never loopback, and a LAN's hosts reach another LAN's
 * only through the router. Nothing is added to this machine's own network namespace: the bridges
 * and the router live in a namespace of their own, and veth pairs are made there.
 *
 *   LAN i = 198.18.i.0/24 (RFC 2544 benchmarking range), router at 198.18.i.1, hosts from .2
 *
 * Namespaces are named `shl-<pid of the test process>-<host>`; a lab whose test process died is
 * removed the next time a lab is made. Needs root and iproute2.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readlink, stat } from 'node:fs/promises'
import { alive } from '../../node/net/processes.js'
import { CLI, ROOT } from './cli.js'
import type { CliResult } from './cli.js'

export interface LabHost {
  name: string
  /** network namespace */
  ns: string
  lan: number
  ip: string
}

const PREFIX = 'shl'

/** iproute2's `ip`, also where PATH lacks the sbin folders */
const IP = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find(p => existsSync(p)) ?? 'ip'

async function run (args: string[], timeout = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(args[0] ?? IP, args.slice(1), { timeout }, (err, stdout, stderr) => {
      if (err != null) reject(new Error(`${args.join(' ')}: ${stderr.trim() || err.message}`))
      else resolve(stdout)
    })
  })
}

async function ip (...args: string[]): Promise<string> {
  return run([IP, ...args])
}

/** Remove a namespace and end whatever still runs in it. */
async function removeNs (ns: string): Promise<void> {
  const pids = (await ip('netns', 'pids', ns).catch(() => '')).split('\n').map(Number).filter(p => p > 0)
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL') } catch {}
  }
  await ip('netns', 'del', ns).catch(() => {})
}

/** Labs left behind by test processes that died (their pid is in the name). */
async function removeStale (): Promise<void> {
  const names = (await ip('netns', 'list').catch(() => '')).split('\n').map(l => l.split(' ')[0] ?? '')
  for (const ns of names) {
    const m = new RegExp(`^${PREFIX}-(\\d+)-`).exec(ns)
    if (m != null && Number(m[1]) !== process.pid && !alive(Number(m[1]))) {
      await removeNs(ns)
    }
  }
}

/**
 * Why separate hosts cannot be made here, or undefined when they can: tries what the lab needs (a
 * namespace, a bridge and a veth pair in it) and removes it again.
 */
export async function labUnsupported (): Promise<string | undefined> {
  if (process.platform !== 'linux') return `network namespaces are Linux only (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'making network namespaces needs root'
  try {
    await ip('-V')
  } catch {
    return 'iproute2 (`ip`) is not installed (apt-get install iproute2)'
  }
  const probe = `${PREFIX}-${process.pid}-probe`
  try {
    await ip('netns', 'add', probe)
    await ip('-n', probe, 'link', 'add', 'br0', 'type', 'bridge')
    await ip('-n', probe, 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1')
    return undefined
  } catch (e: any) {
    return `this sandbox cannot make network namespaces, bridges or veth pairs (${String(e.message).split('\n')[0]})`
  } finally {
    await removeNs(probe)
  }
}

export class Lab {
  readonly hosts: LabHost[]
  private readonly router: string

  private constructor (hosts: LabHost[], router: string) {
    this.hosts = hosts
    this.router = router
  }

  /** Make the hosts (name and LAN number, 1-254) and the router joining their LANs. */
  static async create (layout: Array<{ name: string, lan: number }>): Promise<Lab> {
    await removeStale()
    const router = `${PREFIX}-${process.pid}-router`
    const next = new Map<number, number>()
    const hosts = layout.map(h => {
      const n = (next.get(h.lan) ?? 1) + 1
      next.set(h.lan, n)
      return { name: h.name, ns: `${PREFIX}-${process.pid}-${h.name}`, lan: h.lan, ip: `198.18.${h.lan}.${n}` }
    })
    const lab = new Lab(hosts, router)
    try {
      await ip('netns', 'add', router)
      await ip('-n', router, 'link', 'set', 'lo', 'up')
      // /proc/sys/net shows the writer's own namespace (and sysctl may not be installed)
      await run([IP, 'netns', 'exec', router, 'sh', '-c', 'echo 1 > /proc/sys/net/ipv4/ip_forward'])
      for (const lan of new Set(hosts.map(h => h.lan))) {
        await ip('-n', router, 'link', 'add', `br${lan}`, 'type', 'bridge')
        await ip('-n', router, 'addr', 'add', `198.18.${lan}.1/24`, 'dev', `br${lan}`)
        await ip('-n', router, 'link', 'set', `br${lan}`, 'up')
      }
      for (const [i, h] of hosts.entries()) {
        await ip('netns', 'add', h.ns)
        // both ends are made inside namespaces: this machine's own interfaces are never touched
        await ip('-n', router, 'link', 'add', `v${i}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', h.ns)
        await ip('-n', router, 'link', 'set', `v${i}`, 'master', `br${h.lan}`)
        await ip('-n', router, 'link', 'set', `v${i}`, 'up')
        await ip('-n', h.ns, 'addr', 'add', `${h.ip}/24`, 'dev', 'eth0')
        await ip('-n', h.ns, 'link', 'set', 'eth0', 'up')
        await ip('-n', h.ns, 'link', 'set', 'lo', 'up')
        await ip('-n', h.ns, 'route', 'add', 'default', 'via', `198.18.${h.lan}.1`)
      }
    } catch (e) {
      await lab.destroy()
      throw e
    }
    return lab
  }

  host (name: string): LabHost {
    const h = this.hosts.find(h => h.name === name)
    if (h == null) throw new Error(`no host ${name} in the lab`)
    return h
  }

  /** The command prefix that runs a program on `host`. */
  launcher (name: string): string[] {
    return [IP, 'netns', 'exec', this.host(name).ns]
  }

  /** True when process `pid` runs in `host`'s network namespace. */
  async runsOn (pid: number, name: string): Promise<boolean> {
    const link = await readlink(`/proc/${pid}/ns/net`)
    const ino = (await stat(`/run/netns/${this.host(name).ns}`)).ino
    return link === `net:[${ino}]`
  }

  /** Run the `shulian` CLI on `host` (its control API is on that host's loopback). */
  async cli (name: string, args: string[], timeout = 120_000): Promise<CliResult> {
    return new Promise(resolve => {
      execFile(IP, ['netns', 'exec', this.host(name).ns, process.execPath, CLI, ...args], { cwd: ROOT, timeout, maxBuffer: 64 * 1024 * 1024 }, (err: any, stdout, stderr) => {
        resolve({ code: err == null ? 0 : (typeof err.code === 'number' ? err.code : 1), stdout, stderr })
      })
    })
  }

  async cliJson<T = any> (name: string, args: string[], timeout?: number): Promise<T> {
    const r = await this.cli(name, [...args, '--json'], timeout)
    if (r.code !== 0) {
      throw new Error(`on ${name}: shulian ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`)
    }
    return JSON.parse(r.stdout) as T
  }

  /** End every process in the lab and remove its namespaces (bridges and veths go with them). */
  async destroy (): Promise<void> {
    for (const h of this.hosts) await removeNs(h.ns)
    await removeNs(this.router)
  }
}
