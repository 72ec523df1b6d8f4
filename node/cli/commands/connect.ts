import { callApi } from '../../api/client.js'
import { emit } from '../output.js'
import type { Command } from 'commander'

export function register (program: Command): void {
  program.command('connect')
    .description('ask a running node to open a direct connection (its gater still decides)')
    .argument('<multiaddr>', 'address of the peer, ending in /p2p/<peer id>')
    .requiredOption('--dir <datadir>', "the node's data directory")
    .option('--json', 'print JSON')
    .action(async (addr: string, opts: { dir: string, json?: boolean }) => {
      const r = await callApi<{ peerId: string, remoteAddr: string }>(opts.dir, '/connect', { body: { addr } })
      emit(opts.json, r, () => `connected to ${r.peerId} at ${r.remoteAddr}`)
    })
}
