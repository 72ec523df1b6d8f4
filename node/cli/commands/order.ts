import { MAX_CORES, MAX_DURATION_S, MAX_MEMORY_MIB } from '../../../market/limits.js'
import { PROTECTION_MODES, TEE_KIND_NAMES } from '../../../market/names.js'
import { formatDuration, parseCredits, parseDuration } from '../../../market/units.js'
import { callApi } from '../../api/client.js'
import { peerNames } from '../names.js'
import { emit, table } from '../output.js'
import { UsageError } from '../usage-error.js'
import type { LeaseJson, OrderJson } from '../../../market/index.js'
import type { Command } from 'commander'

/** Default wait of `order buy --wait` without a number, seconds. */
const DEFAULT_WAIT_S = 60

export function int (flag: string, s: string, min: number, max: number): number {
  const n = Number(s)
  if (!/^-?\d+$/.test(s.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag}: expected a whole number from ${min} to ${max}, got '${s}'`)
  }
  return n
}

function credits (flag: string, s: string): number {
  const micros = parseCredits(s)
  if (micros === undefined || micros === 0) throw new UsageError(`${flag}: expected a positive price in credits with at most 6 decimals (e.g. 0.25), got '${s}'`)
  return micros / 1e6
}

function seconds (flag: string, s: string, max = MAX_DURATION_S): number {
  const d = parseDuration(s)
  if (d === undefined || d < 1 || d > max) throw new UsageError(`${flag}: expected a duration such as 90s, 15m, 2h or 1d (at most ${formatDuration(max)}), got '${s}'`)
  return d
}

function measurement (flag: string, s: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(s)) throw new UsageError(`${flag}: expected 64 hex characters (as \`shulian tee measure\` prints), got '${s}'`)
  return s.toLowerCase()
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map(v => v.trim()).filter(v => v !== '')]

function protectionText (p: { he: boolean, tee: { kind: string } | null }): string {
  return [p.he ? 'he' : '', p.tee != null ? `tee(${p.tee.kind})` : ''].filter(s => s !== '').join('+')
}

export function orderLine (o: OrderJson): string {
  const terms = o.side === 'sell'
    ? `${protectionText(o.protection ?? { he: false, tee: null })}, ${o.pricePerCoreHour}/core-h, ${formatDuration(o.minDurationS ?? 0)}–${formatDuration(o.maxDurationS ?? 0)}`
    : `${o.requirements?.protection}, ≤ ${o.maxPricePerCoreHour}/core-h, for ${formatDuration(o.durationS ?? 0)}`
  return `${o.side.toUpperCase()} ${o.id}  ${o.cores} cores, ${o.memoryMiB} MiB, ${terms}  ${o.status}`
}

export function leaseTable (leases: LeaseJson[], name: (id: string) => string, self?: string): string {
  return table(['lease', 'renter', 'lessor', 'cores', 'MiB', 'price/core-h', 'until', 'status'],
    leases.map(l => [l.id, name(l.renter) + (l.renter === self ? ' (me)' : ''), name(l.lessor) + (l.lessor === self ? ' (me)' : ''), l.resources.cores, l.resources.memoryMiB, l.pricePerCoreHour, l.end, l.status ?? '']))
}

export function register (program: Command): void {
  const order = program.command('order').description('compute orders: offer idle capacity (sell), rent it (buy), list and cancel')

  order.command('sell')
    .description('offer idle compute: a SELL signed with this participant\'s key, placed with its hub and published at the hub tier')
    .requiredOption('--dir <datadir>', 'this participant\'s data directory')
    .requiredOption('--cores <n>', 'cores offered')
    .requiredOption('--memory <MiB>', 'memory offered, MiB')
    .requiredOption('--price <credits>', 'price per core-hour, in credits (up to 6 decimals)')
    .option('--he', 'offer computation on HE ciphertexts')
    .option('--he-throughput <elements/s>', 'this machine\'s calibrated HE throughput, elements encrypted per second (required with --he)')
    .option('--tee <kind>', `offer an attested enclave of this kind (${TEE_KIND_NAMES.join(', ')})`)
    .option('--measurement <hex>', 'the enclave\'s measurement (required with --tee; see `shulian tee measure`)')
    .option('--min-duration <d>', 'shortest lease accepted (90s, 15m, 2h, 1d)', '1m')
    .option('--max-duration <d>', 'longest lease accepted', '1d')
    .option('--expires <d>', 'how long the offer stands', '1d')
    .option('--json', 'print JSON ({ order, leases: [] })')
    .action(async (opts: { dir: string, cores: string, memory: string, price: string, he?: boolean, heThroughput?: string, tee?: string, measurement?: string, minDuration: string, maxDuration: string, expires: string, json?: boolean }) => {
      if (opts.he !== true && opts.tee == null) throw new UsageError('offer some protection: --he, --tee <kind>, or both')
      if (opts.he === true && opts.heThroughput == null) throw new UsageError('--he needs --he-throughput <elements/s> (this machine\'s calibrated HE throughput)')
      if (opts.tee != null && !(TEE_KIND_NAMES as readonly string[]).includes(opts.tee)) throw new UsageError(`--tee: expected one of ${TEE_KIND_NAMES.join(', ')}, got '${opts.tee}'`)
      if (opts.tee != null && opts.measurement == null) throw new UsageError('--tee needs --measurement <hex>')
      const body = {
        side: 'sell',
        cores: int('--cores', opts.cores, 1, MAX_CORES),
        memoryMiB: int('--memory', opts.memory, 1, MAX_MEMORY_MIB),
        pricePerCoreHour: credits('--price', opts.price),
        protection: { he: opts.he === true, tee: opts.tee == null ? null : { kind: opts.tee, measurement: measurement('--measurement', opts.measurement ?? '') } },
        heElementsPerS: opts.heThroughput == null ? 0 : int('--he-throughput', opts.heThroughput, 1, 1e12),
        minDurationS: seconds('--min-duration', opts.minDuration),
        maxDurationS: seconds('--max-duration', opts.maxDuration),
        expiresInS: seconds('--expires', opts.expires, 30 * 86400)
      }
      const r = await callApi<{ order: OrderJson, leases: LeaseJson[] }>(opts.dir, '/market/orders', { body })
      emit(opts.json, r, () => orderLine(r.order))
    })

  order.command('buy')
    .description('rent compute: a BUY placed with this participant\'s hub and matched with every hub\'s offers; prints the leases obtained')
    .requiredOption('--dir <datadir>', 'this participant\'s data directory')
    .requiredOption('--cores <n>', 'cores wanted (may be leased from several lessors)')
    .requiredOption('--memory <MiB>', 'memory wanted in total, MiB')
    .requiredOption('--duration <d>', 'how long to lease (90s, 15m, 2h, 1d)')
    .requiredOption('--max-price <credits>', 'highest price per core-hour, in credits')
    .option('--protection <mode>', `protection required (${PROTECTION_MODES.join(', ')})`, 'any')
    .option('--measurement <hex...>', 'allowed enclave measurements (repeat, or comma-separated)', collect)
    .option('--avoid <subnets>', 'subnets not to lease from (comma-separated)', collect)
    .option('--prefer <subnets>', 'subnets to prefer at equal price (comma-separated)', collect)
    .option('--expires <d>', 'how long the BUY stands while not filled', '10m')
    .option('--wait [seconds]', `wait until the BUY is filled (at most this long, default ${DEFAULT_WAIT_S})`)
    .option('--json', 'print JSON ({ order, leases: [lease objects, as `lease verify` reads them] })')
    .action(async (opts: { dir: string, cores: string, memory: string, duration: string, maxPrice: string, protection: string, measurement?: string[], avoid?: string[], prefer?: string[], expires: string, wait?: string | boolean, json?: boolean }) => {
      if (!(PROTECTION_MODES as readonly string[]).includes(opts.protection)) throw new UsageError(`--protection: expected one of ${PROTECTION_MODES.join(', ')}, got '${opts.protection}'`)
      const waitS = opts.wait == null || opts.wait === false ? 0 : opts.wait === true ? DEFAULT_WAIT_S : int('--wait', opts.wait, 1, 3600)
      const body = {
        side: 'buy',
        cores: int('--cores', opts.cores, 1, MAX_CORES),
        memoryMiB: int('--memory', opts.memory, 1, MAX_MEMORY_MIB),
        durationS: seconds('--duration', opts.duration),
        maxPricePerCoreHour: credits('--max-price', opts.maxPrice),
        requirements: {
          protection: opts.protection,
          allowedMeasurements: (opts.measurement ?? []).map(m => measurement('--measurement', m)),
          avoidSubnets: opts.avoid ?? [],
          preferSubnets: opts.prefer ?? []
        },
        expiresInS: seconds('--expires', opts.expires, 30 * 86400),
        waitS
      }
      const r = await callApi<{ order: OrderJson, leases: LeaseJson[] }>(opts.dir, '/market/orders', { body, timeout: (waitS + 90) * 1000 })
      const leased = r.leases.reduce((n, l) => n + l.resources.cores, 0)
      const name = opts.json === true ? (id: string) => id : await peerNames(opts.dir)
      emit(opts.json, r, () => [
        `BUY ${r.order.id}: ${leased} of ${r.order.cores} cores leased (${r.order.status})`,
        r.leases.length === 0 ? '' : leaseTable(r.leases, name, r.order.owner)
      ].filter(s => s !== '').join('\n'))
    })

  order.command('list')
    .description('this participant\'s orders (on a hub: every order it keeps; with --offers, the hub tier\'s offers)')
    .requiredOption('--dir <datadir>', 'a node\'s data directory')
    .option('--offers', 'on a hub: the open offers of every hub, as this hub finds them in the DHT')
    .option('--json', 'print JSON ({ orders: [...] }, or { offers: [...] } with --offers)')
    .action(async (opts: { dir: string, offers?: boolean, json?: boolean }) => {
      if (opts.offers === true) {
        const r = await callApi<{ offers: Array<OrderJson & { hub: string }> }>(opts.dir, '/market/offers')
        const name = opts.json === true ? (id: string) => id : await peerNames(opts.dir)
        emit(opts.json, r, () => table(['hub', 'lessor', 'order', 'free cores', 'free MiB', 'price/core-h', 'expires'],
          r.offers.map(o => [name(o.hub), name(o.owner), o.id, `${o.freeCores ?? '?'}/${o.cores}`, `${o.freeMemoryMiB ?? '?'}/${o.memoryMiB}`, o.pricePerCoreHour ?? '', o.expires])))
        return
      }
      const r = await callApi<{ orders: OrderJson[] }>(opts.dir, '/market/orders')
      emit(opts.json, r, () => r.orders.length === 0 ? '(no orders)' : r.orders.map(orderLine).join('\n'))
    })

  order.command('cancel')
    .description('cancel an order: it matches no more and leaves the hub tier (leases already formed stand)')
    .argument('<id>', 'the order id')
    .requiredOption('--dir <datadir>', 'this participant\'s data directory')
    .option('--json', 'print JSON ({ order })')
    .action(async (id: string, opts: { dir: string, json?: boolean }) => {
      if (!/^[0-9a-f]{32}$/.test(id)) throw new UsageError(`'${id}' is not an order id (32 lower-case hex characters)`)
      const r = await callApi<{ order: OrderJson }>(opts.dir, '/market/orders/cancel', { body: { id } })
      emit(opts.json, r, () => orderLine(r.order))
    })
}
