import { resolve } from 'node:path'
import { emit, table } from '../output.js'
import type { Command } from 'commander'

export function register (program: Command): void {
  const subnet = program.command('subnet').description('prepare subnets for a network')

  subnet.command('create')
    .description('prepare a new subnet from a config: a key (0600) and node.json for its hub and each member, and subnet-entry.json for the authority')
    .requiredOption('--config <file>', 'subnet.json: { name, bootstrap?, hub: { listen, announce?, api? }, members: N | [{ name?, listen?, announce?, api?, tee? }] }')
    .requiredOption('--out <dir>', 'where to write DIR/<node>/ and DIR/subnet-entry.json (never overwrites)')
    .option('--json', 'print JSON ({ subnet, entry, nodes: [{ name, role, peerId, dir }] })')
    .action(async (opts: { config: string, out: string, json?: boolean }) => {
      const { createSubnet } = await import('../../ops/subnet-create.js')
      const r = await createSubnet(opts.config, resolve(opts.out))
      emit(opts.json, r, () => [
        table(['name', 'role', 'peer id', 'dir'], r.nodes.map(n => [n.name, n.role, n.peerId, n.dir])),
        '',
        `subnet ${r.subnet}: send ${r.entry} to the network's authority (\`shulian network add-subnet\`),`,
        'then put the signed definition it returns where the node configs expect it (their "bootstrap"),',
        'push it to a running hub (`shulian network push`), and start these nodes.'
      ].join('\n'))
    })
}
