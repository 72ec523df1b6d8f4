// Market view: a hub's order book by resource class, recent matches, leases and the signatures
// on them; a participant's own orders and leases.
import { badge, h, section, short, table, time } from './dom.js'

const SIG = { valid: ['✓ valid', 'ok'], invalid: ['✗ invalid', 'bad'], missing: ['– missing', 'warn'] }

function sig (state) {
  const [text, kind] = SIG[state] ?? [String(state), 'warn']
  return badge(text, kind)
}

function protection (p) {
  if (p === undefined || p === null) return '-'
  return [p.he ? 'HE' : null, p.tee ? `TEE (${p.tee.kind})` : null].filter(Boolean).join(' + ') || '-'
}

export function leaseTable (leases, names) {
  return table(['lease', 'renter', 'lessor', 'cores', 'memory', 'protection', 'renter hub signature', 'lessor hub signature', 'confirmed', 'status', 'ends'],
    leases.map(l => [
      h('code', { title: l.id }, l.id.slice(0, 8)),
      `${names.name(l.renter)}`, `${names.name(l.lessor)}`,
      l.resources?.cores ?? '-', l.resources ? `${l.resources.memoryMiB} MiB` : '-',
      protection(l.protection),
      h('span', { title: names.name(l.renterHub) }, sig(l.signatureState?.renterHub), ` ${names.name(l.renterHub)}`),
      h('span', { title: names.name(l.lessorHub) }, sig(l.signatureState?.lessorHub), ` ${names.name(l.lessorHub)}`),
      l.confirmed === undefined ? '-' : l.confirmed ? badge('both hubs', 'ok') : badge('pending', 'warn'),
      l.status ?? '-', time(l.end)
    ]), { empty: 'no leases', className: 'leases' })
}

function sellRows (orders, names) {
  return orders.map(o => [names.name(o.owner), `${o.freeCores ?? '?'} / ${o.cores}`, `${o.memoryMiB} MiB`, o.pricePerCoreHour, o.protection?.tee ? o.protection.tee.kind : '-', o.heElementsPerS || '-', time(o.expires)])
}

function buyRows (orders, names) {
  return orders.map(o => [names.name(o.owner), `${o.freeCores ?? '?'} / ${o.cores}`, `${o.memoryMiB} MiB`, o.maxPricePerCoreHour, o.requirements?.protection ?? '-', `${Math.round((o.durationS ?? 0) / 60)} min`, time(o.expires)])
}

export function renderMarket (state, names) {
  const m = state.market
  if (m === undefined) return [h('p', { class: 'empty' }, 'waiting for the node…')]
  if (m.error !== undefined) return [section('Market', h('p', { class: 'error' }, m.error))]
  const out = []
  const counters = Object.entries(m.status ?? {}).filter(([k]) => k !== 'role')
  out.push(section(m.role === 'hub' ? `Market kept by ${state.node?.name ?? 'this hub'}` : `Market of ${state.node?.name ?? 'this participant'}`,
    h('dl', { class: 'counters' }, counters.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))))
  if (m.role === 'hub') {
    for (const cls of ['he', 'tee']) {
      const side = m.book?.[cls] ?? { sell: [], buy: [] }
      out.push(section(`Order book: ${cls.toUpperCase()} class`, h('div', { class: 'book', dataset: { class: cls } },
        h('div', {}, h('h3', {}, `SELL (${side.sell.length})`), table(['owner', 'free / cores', 'memory', 'price / core-h', 'TEE', 'HE elems/s', 'expires'], sellRows(side.sell, names), { empty: 'no open SELL orders' })),
        h('div', {}, h('h3', {}, `BUY (${side.buy.length})`), table(['owner', 'open / cores', 'memory', 'max price', 'protection', 'duration', 'expires'], buyRows(side.buy, names), { empty: 'no open BUY orders' })))))
    }
    out.push(section('Recent matches', table(['when', 'renter', 'lessor', 'lessor\'s hub', 'cores', 'memory', 'price / core-h', 'BUY', 'SELL'],
      (m.matches ?? []).map(x => [time(x.at), names.name(x.renter), names.name(x.lessor), names.name(x.lessorHub), x.cores, `${x.memoryMiB} MiB`, x.pricePerCoreHour, h('code', {}, String(x.buy ?? '').slice(0, 8)), h('code', {}, String(x.sell ?? '').slice(0, 8))]),
      { empty: 'no matches yet' })))
    out.push(section(`Leases (${(m.leases ?? []).length})`, leaseTable(m.leases ?? [], names)))
    const offers = m.offers?.offers ?? []
    out.push(section('Offers of the hub tier', m.offers?.error !== undefined ? h('p', { class: 'error' }, m.offers.error) : null,
      table(['hub', 'owner', 'free / cores', 'memory', 'price / core-h', 'protection'],
        offers.map(o => [names.name(o.hub), names.name(o.owner), `${o.freeCores ?? '?'} / ${o.cores}`, `${o.memoryMiB} MiB`, o.pricePerCoreHour, protection(o.protection)]), { empty: 'no offers found' })))
  } else {
    out.push(section(`Orders (${(m.orders ?? []).length})`, table(['order', 'side', 'cores', 'memory', 'price', 'status', 'expires'],
      (m.orders ?? []).map(o => [h('code', { title: o.id }, o.id.slice(0, 8)), o.side.toUpperCase(), o.cores, `${o.memoryMiB} MiB`, o.side === 'sell' ? o.pricePerCoreHour : o.maxPricePerCoreHour, o.status, time(o.expires)]), { empty: 'no orders' })))
    out.push(section(`Leases (${(m.leases ?? []).length})`, leaseTable(m.leases ?? [], names)))
  }
  return out
}

export { short }
