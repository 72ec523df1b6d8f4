import { emit } from '../output.js'
import type { Command } from 'commander'

export function register (program: Command): void {
  const keys = program.command('keys').description('peer identity keys (Ed25519, protobuf-encoded, mode 0600)')

  keys.command('generate')
    .description('write a new peer key and print its peer id')
    .requiredOption('--out <file>', 'where to write the key (refuses to overwrite)')
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print JSON')
    .action(async (opts: { out: string, force?: boolean, json?: boolean }) => {
      const { generatePeerKey, peerIdOf, savePeerKey } = await import('../../../keys/peer-key.js')
      const key = await generatePeerKey()
      await savePeerKey(opts.out, key, { overwrite: opts.force === true })
      const peerId = peerIdOf(key).toString()
      emit(opts.json, { peerId, file: opts.out }, () => peerId)
    })

  keys.command('id')
    .description('print the peer id of a key file')
    .argument('<file>', 'a key file written by `keys generate`')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { loadPeerKey, peerIdOf } = await import('../../../keys/peer-key.js')
      const peerId = peerIdOf(await loadPeerKey(file)).toString()
      emit(opts.json, { peerId, file }, () => peerId)
    })
}
