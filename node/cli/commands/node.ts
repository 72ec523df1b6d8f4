import { err, out } from '../output.js'
import type { Command } from 'commander'

export function register (program: Command): void {
  const node = program.command('node').description('run a node')

  node.command('start')
    .description('start a node in the foreground (SIGINT/SIGTERM stop it gracefully)')
    .requiredOption('--config <file>', 'the node config (node.json)')
    .option('--json', 'print the started node as JSON')
    .action(async (opts: { config: string, json?: boolean }) => {
      // loaded here, not at the top: every other command starts faster without libp2p
      const { loadNodeConfig } = await import('../../config.js')
      const { ShulianNode } = await import('../../shulian-node.js')
      const config = await loadNodeConfig(opts.config)
      const n = await ShulianNode.create(config)
      await n.start()
      const started = { name: config.name, role: config.role, subnet: config.subnet, peerId: n.libp2p.peerId.toString(), listenAddrs: n.libp2p.getMultiaddrs().map(String), api: n.apiUrl }
      out(opts.json === true ? JSON.stringify(started) : `${config.name}: ${config.role} of subnet ${config.subnet}, peer ${started.peerId}, listening on ${started.listenAddrs.join(' ')}, control API ${n.apiUrl}`)
      for (const r of config.networkRefusals) {
        err(`${config.name}: warning: ${r.reason}`)
      }
      if (!/^(127\.|::1$|localhost$)/.test(config.api.host)) {
        // the token travels in clear HTTP: fine on loopback, readable by anyone on the path otherwise
        err(`${config.name}: warning: the control API listens on ${config.api.host}, not loopback; its bearer token crosses the network unencrypted (keep "api" on 127.0.0.1 and use ssh to reach it)`)
      }

      // a bug reached from a peer's input must not take a hub down with every circuit it carries;
      // it is logged with its stack (and should be fixed), and the node keeps serving
      process.on('uncaughtException', (e) => { err(`${config.name}: internal error (bug), still serving: ${e.stack ?? e.message}`) })
      process.on('unhandledRejection', (e: any) => { err(`${config.name}: internal error (bug), still serving: ${e?.stack ?? String(e)}`) })

      await new Promise<void>(resolve => {
        let stopping = false
        const onSignal = (sig: string): void => {
          if (stopping) {
            err(`${config.name}: ${sig} again, exiting now`)
            process.exit(1)
          }
          stopping = true
          out(`${config.name}: ${sig}, stopping`)
          n.stop().then(resolve, (e) => { err(`${config.name}: error while stopping: ${e.message}`); resolve() })
        }
        process.on('SIGINT', onSignal)
        process.on('SIGTERM', onSignal)
      })
      out(`${config.name}: stopped`)
      // libp2p may leave timers behind (e.g. DHT queries being aborted); the node is stopped, so end
      process.exit(0)
    })
}
