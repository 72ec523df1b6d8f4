import { dirname, resolve } from 'node:path'
import { InvalidInputError, readJsonFile } from '../../../keys/validation.js'
import { LeaseVerificationError } from '../../../market/errors.js'
import { formatCredits } from '../../../market/units.js'
import { callApi } from '../../api/client.js'
import { emit } from '../output.js'
import { UsageError } from '../usage-error.js'
import { peerNames } from '../names.js'
import { leaseTable } from './order.js'
import type { LeaseJson } from '../../../market/index.js'
import type { Network } from '../../../topology/index.js'
import type { Command } from 'commander'

/** The network to verify against: --bootstrap, else the one a data directory's node.json names, else ./bootstrap.json. */
async function networkFor (opts: { bootstrap?: string, dir?: string }): Promise<Network> {
  const { loadBootstrap } = await import('../../../topology/index.js')
  if (opts.bootstrap != null && opts.dir != null) throw new UsageError('give --bootstrap or --dir, not both')
  if (opts.bootstrap != null) return loadBootstrap(opts.bootstrap)
  if (opts.dir != null) {
    const path = resolve(opts.dir, 'node.json')
    const config = await readJsonFile(path) as { bootstrap?: unknown }
    if (typeof config?.bootstrap !== 'string') throw new InvalidInputError(path, 'bootstrap', 'is required (a path)')
    return loadBootstrap(resolve(dirname(path), config.bootstrap))
  }
  return loadBootstrap(resolve('bootstrap.json'))
}

/** The lease objects in a file: one, an array of them, or `{ "leases": [...] }` (what `--json` prints). */
function leasesIn (value: unknown, file: string): unknown[] {
  if (Array.isArray(value)) return value
  const leases = (value as { leases?: unknown } | null)?.leases
  if (Array.isArray(leases)) return leases
  if (value !== null && typeof value === 'object' && 'signed' in value) return [value]
  throw new InvalidInputError(file, '', 'holds no lease: expected a lease object, an array of them, or { "leases": [...] }')
}

interface Verdict {
  id: string | null
  valid: boolean
  error?: string
  code?: string
}

export function register (program: Command): void {
  const lease = program.command('lease').description('leases: list them, end one, verify one offline')

  lease.command('list')
    .description('the leases of this node (a participant: those delivered to it; a hub: those it signed)')
    .requiredOption('--dir <datadir>', 'a node\'s data directory')
    .option('--json', 'print JSON ({ leases: [lease objects, as `lease verify` reads them] })')
    .action(async (opts: { dir: string, json?: boolean }) => {
      const r = await callApi<{ leases: LeaseJson[] }>(opts.dir, '/market/leases')
      const name = opts.json === true ? (id: string) => id : await peerNames(opts.dir)
      emit(opts.json, r, () => r.leases.length === 0 ? '(no leases)' : leaseTable(r.leases, name))
    })

  lease.command('end')
    .description('end one of this participant\'s leases now (both hubs release it; the capacity returns to the offer)')
    .argument('<id>', 'the lease id')
    .requiredOption('--dir <datadir>', 'this participant\'s data directory')
    .option('--json', 'print JSON ({ lease })')
    .action(async (id: string, opts: { dir: string, json?: boolean }) => {
      if (!/^[0-9a-f]{32}$/.test(id)) throw new UsageError(`'${id}' is not a lease id (32 lower-case hex characters)`)
      const r = await callApi<{ lease: LeaseJson }>(opts.dir, '/market/leases/end', { body: { id } })
      emit(opts.json, r, () => `lease ${id} ${r.lease.status ?? 'ended'} at ${r.lease.endedAt ?? r.lease.end}`)
    })

  lease.command('verify')
    .description('check leases offline against the network definition: both hubs\' signatures, both orders\' signatures, and every field (exit 0 only if all check out)')
    .argument('<file>', 'a lease object, an array of them, or the output of `order buy --json` / `lease list --json`')
    .option('--bootstrap <file>', 'the network definition (default: the one of --dir, else ./bootstrap.json)')
    .option('--dir <datadir>', 'use the network definition of this node')
    .option('--json', 'print JSON ({ valid, leases: [{ id, valid, error?, code? }] })')
    .action(async (file: string, opts: { bootstrap?: string, dir?: string, json?: boolean }) => {
      const { leaseJsonMismatches, signedLeaseOf, verifyLease } = await import('../../../market/index.js')
      const network = await networkFor(opts)
      const objects = leasesIn(await readJsonFile(file), file)
      const verdicts: Verdict[] = []
      const lines: string[] = []
      for (const obj of objects) {
        const claimed = typeof (obj as { id?: unknown })?.id === 'string' ? (obj as { id: string }).id : null
        try {
          const v = await verifyLease(signedLeaseOf(obj), network)
          const wrong = leaseJsonMismatches(obj, v)
          if (wrong.length > 0) throw new LeaseVerificationError('FIELD_MISMATCH', `lease ${v.id}: ${wrong.join(', ')} ${wrong.length === 1 ? 'differs' : 'differ'} from what the hubs signed`)
          verdicts.push({ id: v.id, valid: true })
          const name = (id: string): string => network.peer(id)?.name ?? id
          lines.push(`lease ${v.id}: valid — ${name(v.renter)} rents ${v.cores} cores, ${v.memoryMiB} MiB from ${name(v.lessor)} at ${formatCredits(v.pricePerCoreHour)}/core-h, ${new Date(v.start).toISOString()} to ${new Date(v.end).toISOString()}; signed by ${name(v.renterHub)} and ${name(v.lessorHub)}`)
        } catch (err: any) {
          if (!(err instanceof LeaseVerificationError)) throw err
          verdicts.push({ id: claimed, valid: false, error: err.message, code: err.code })
        }
      }
      const valid = verdicts.every(v => v.valid)
      if (opts.json === true) {
        emit(true, { valid, leases: verdicts }, () => '')
        if (!valid) process.exitCode = 1
        return
      }
      emit(false, null, () => lines.join('\n'))
      const bad = verdicts.find(v => !v.valid)
      if (bad != null) throw new LeaseVerificationError((bad.code ?? 'MALFORMED') as LeaseVerificationError['code'], `${bad.error ?? 'invalid'}${verdicts.filter(v => !v.valid).length > 1 ? ` (and ${verdicts.filter(v => !v.valid).length - 1} more invalid)` : ''}`)
    })
}
