import { resolve } from 'node:path'
import { emit, table } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { Command } from 'commander'

/** Defaults repeated here so that `--help` does not load the network code. */
const DEFAULT_SUBNETS = [3, 3, 2]
const DEFAULT_UP_TIMEOUT = 60_000

function parseSubnets (s: string): number[] {
  const n = s.split(',').map(x => Number(x.trim()))
  if (n.length === 0 || n.some(x => !Number.isInteger(x) || x < 1 || x > 100)) {
    throw new UsageError(`--subnets: "${s}" is not a list of member counts (e.g. 3,3,2)`)
  }
  return n
}

function parseSeconds (s: string): number {
  const n = Number(s)
  if (!Number.isFinite(n) || n <= 0) {
    throw new UsageError(`--timeout: "${s}" is not a positive number of seconds`)
  }
  return n
}

export function register (program: Command): void {
  const net = program.command('net').description('a local network: every node of a bootstrap as its own process')

  net.command('init')
    .description('make a new local network in DIR: keys, bootstrap.json, node configs (free loopback ports)')
    .requiredOption('--dir <dir>', 'where to make it')
    .option('--subnets <counts>', 'members per subnet', DEFAULT_SUBNETS.join(','))
    .option('--network <id>', 'network id', 'shulian-local')
    .option('--host <ip>', 'address the hubs listen on', '127.0.0.1')
    .option('--json', 'print JSON')
    .action(async (opts: { dir: string, subnets: string, network: string, host: string, json?: boolean }) => {
      const { initNetwork } = await import('../../net/init.js')
      const bootstrap = await initNetwork(resolve(opts.dir), { subnets: parseSubnets(opts.subnets), network: opts.network, host: opts.host })
      emit(opts.json, { bootstrap }, () => `wrote ${bootstrap}; start it with: shulian net up --dir ${opts.dir}`)
    })

  net.command('up')
    .description('start every node of the bootstrap as a separate process; returns when all links are up')
    .requiredOption('--dir <dir>', 'data directories go to DIR/<node name>')
    .option('--bootstrap <file>', 'network definition (default: DIR/bootstrap.json if present, else ./bootstrap.json)')
    .option('--timeout <seconds>', 'how long to wait for every link', String(DEFAULT_UP_TIMEOUT / 1000))
    .option('--skip <names>', 'comma-separated nodes not to start')
    .option('--json', 'print JSON ({ nodes: [{ name, role, subnet, peerId, dataDir, api }] })')
    .action(async (opts: { dir: string, bootstrap?: string, timeout: string, skip?: string, json?: boolean }) => {
      const { defaultBootstrap, upNetwork } = await import('../../net/up.js')
      const skip = opts.skip?.split(',').map(s => s.trim()).filter(s => s !== '')
      const nodes = await upNetwork({ dir: opts.dir, bootstrapPath: opts.bootstrap ?? defaultBootstrap(opts.dir), timeoutMs: parseSeconds(opts.timeout) * 1000, skip })
      emit(opts.json, { nodes }, () => table(['name', 'role', 'subnet', 'peer id', 'data dir'], nodes.map(n => [n.name, n.role, n.subnet, n.peerId, n.dataDir])))
    })

  net.command('down')
    .description('stop every node under DIR gracefully')
    .requiredOption('--dir <dir>', 'the directory given to net up')
    .option('--json', 'print JSON')
    .action(async (opts: { dir: string, json?: boolean }) => {
      const { downNetwork } = await import('../../net/up.js')
      const stopped = await downNetwork(resolve(opts.dir))
      emit(opts.json, { stopped }, () => Object.keys(stopped).length === 0 ? 'no nodes were running' : table(['name', 'result'], Object.entries(stopped).sort().map(([n, r]) => [n, r])))
    })
}
