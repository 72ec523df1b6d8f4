import { callApi } from '../../api/client.js'
import { peerNames } from '../names.js'
import { emit, err } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { Command } from 'commander'

function count (s: string): number {
  const n = Number(s)
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new UsageError(`--count: "${s}" is not a whole number from 1 to 100`)
  }
  return n
}

export function register (program: Command): void {
  program.command('ping')
    .description('ping another participant through the hubs; prints round-trip times and the route taken')
    .argument('<peerId>', 'the participant to reach (by peer id only)')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .option('--count <n>', 'how many pings', '3')
    .option('--json', 'print JSON ({ rttMs: [], route: [peer ids from here to the target] })')
    .action(async (peerId: string, opts: { dir: string, count: string, json?: boolean }) => {
      const r = await callApi<{ rttMs: number[], route: string[] }>(opts.dir, '/ping', { body: { peerId, count: count(opts.count) } })
      const name = opts.json === true ? (id: string) => id : await peerNames(opts.dir)
      emit(opts.json, r, () => [
        `route  ${r.route.map(name).join(' → ')}`,
        ...r.rttMs.map((ms, i) => `ping ${i + 1}  ${ms} ms`)
      ].join('\n'))
    })

  program.command('echo')
    .description('send data to another participant and check it comes back intact (throughput diagnostic)')
    .argument('<peerId>', 'the participant to reach')
    .requiredOption('--dir <datadir>', "this participant's data directory")
    .option('--bytes <n>', 'how many bytes', String(1024 * 1024))
    .option('--pattern <text>', 'repeat this text instead of random bytes')
    .option('--json', 'print JSON')
    .action(async (peerId: string, opts: { dir: string, bytes: string, pattern?: string, json?: boolean }) => {
      const bytes = Number(opts.bytes)
      if (!Number.isInteger(bytes) || bytes < 1) {
        throw new UsageError(`--bytes: "${opts.bytes}" is not a positive whole number`)
      }
      const r = await callApi<{ bytes: number, received: number, intact: boolean, ms: number, mbPerS: number, route: string[] }>(opts.dir, '/echo', { body: { peerId, bytes, pattern: opts.pattern }, timeout: 600_000 })
      emit(opts.json, r, () => `${r.bytes} bytes there and back in ${r.ms} ms (${r.mbPerS} MB/s each way), ${r.intact ? 'intact' : 'NOT intact'}`)
      if (!r.intact) {
        err(`shulian: echo: ${r.received < r.bytes ? `only ${r.received} of ${r.bytes} bytes came back (the stream ended early)` : `${r.bytes} bytes came back changed (digest mismatch)`}`)
        process.exitCode = 1
      }
    })
}
