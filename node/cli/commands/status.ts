import { callApi } from '../../api/client.js'
import { emit, table } from '../output.js'
import type { NodeStatus } from '../../status.js'
import type { Command } from 'commander'

export function register (program: Command): void {
  program.command('status')
    .description("show a running node's identity and live connections")
    .requiredOption('--dir <datadir>', "the node's data directory")
    .option('--json', 'print JSON ({ peerId, role, subnet, listenAddrs, connections: [{ peerId, role, subnet }] })')
    .action(async (opts: { dir: string, json?: boolean }) => {
      const s = await callApi<NodeStatus>(opts.dir, '/status')
      emit(opts.json, s, () => [
        `${s.name}  ${s.role} of subnet ${s.subnet}  (network ${s.network})`,
        `peer id    ${s.peerId}`,
        `listening  ${s.listenAddrs.join(' ')}`,
        s.definition != null ? `definition version ${s.definition.version} (${s.definition.signed ? 'signed' : 'unsigned'}, from ${s.definition.source})${s.definition.refused.length > 0 ? `; last refused: ${s.definition.refused.at(-1)?.reason ?? ''}` : ''}` : '',
        s.dht != null ? `dht        ${s.dht.routingTable.length} peer(s) in the routing table` : '',
        '',
        `connections (${s.connections.length}):`,
        table(['name', 'role', 'subnet', 'direction', 'via', 'peer id', 'address'],
          s.connections.map(c => [c.name ?? '?', c.role, c.subnet ?? '-', c.direction, c.relayed ? 'hubs' : 'direct', c.peerId, c.remoteAddr])),
        ...(s.circuits == null
          ? []
          : ['', `circuits relayed (${s.circuits.length}):`, table(['source', 'target', 'hops', 'bytes →', 'bytes ←', 'age'],
              s.circuits.map(c => [c.source.slice(-8), c.target.slice(-8), c.route.length - 1, c.bytesForward, c.bytesBackward, `${Math.round(c.ageMs / 1000)} s`]))])
      ].join('\n'))
    })
}
