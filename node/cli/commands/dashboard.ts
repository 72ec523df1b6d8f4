import { callApi } from '../../api/client.js'
import { emit } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { Command } from 'commander'

export function register (program: Command): void {
  program.command('dashboard')
    .description("print the URL of a running node's dashboard (network, market, jobs; live), with a read-only session for a browser")
    .requiredOption('--dir <datadir>', "the node's data directory")
    .option('--ttl <duration>', 'how long the session lasts (e.g. 30m, 12h, 7d)', '12h')
    .option('--json', 'print JSON ({ url, expires, node, peerId })')
    .action(async (opts: { dir: string, ttl: string, json?: boolean }) => {
      const { parseDuration } = await import('../../../market/units.js')
      const ttlS = parseDuration(opts.ttl)
      if (ttlS === undefined || ttlS < 1 || ttlS > 7 * 86_400) {
        throw new UsageError(`--ttl: "${opts.ttl}" is not a duration from 1s to 7d (e.g. 30m, 12h)`)
      }
      const session = await callApi<{ url: string, expires: string }>(opts.dir, '/dashboard/sessions', { body: { ttlS } })
      const status = await callApi<{ name: string, peerId: string, role: string, subnet: string }>(opts.dir, '/status')
      emit(opts.json, { url: session.url, expires: session.expires, node: status.name, peerId: status.peerId }, () => [
        `dashboard of ${status.name} (${status.role} of subnet ${status.subnet}); read-only, until ${session.expires}:`,
        '',
        `  ${session.url}`,
        '',
        'Open it in a browser on this machine. The part after # is the session: it is not sent to the node with the page, and anyone with the URL can read this dashboard until it expires or the node restarts.'
      ].join('\n'))
    })
}
