// Network view: the graph, subnets, this node's connections, circuits it relays, its metrics.
import { lineChart } from './chart.js'
import { badge, bytes, h, section, short, table } from './dom.js'
import { networkGraph } from './graph.js'

/** Relayed bytes per second, from successive scrapes of shulian_relay_bytes_total (hubs). */
const relayRate = { last: undefined, samples: [] }

export function trackRelay (topic) {
  const m = Array.isArray(topic?.metrics) ? topic.metrics.find(x => x.name === 'shulian_relay_bytes_total') : undefined
  if (m === undefined) return
  const total = m.samples.reduce((n, x) => n + x.value, 0)
  const now = topic.at
  if (relayRate.last !== undefined && now > relayRate.last.at) {
    relayRate.samples.push(Math.max(0, (total - relayRate.last.total) / ((now - relayRate.last.at) / 1000)))
    if (relayRate.samples.length > 120) relayRate.samples.shift()
  }
  relayRate.last = { at: now, total }
}

export function renderNetwork (state, names) {
  const { network, node } = state
  const metrics = state.metrics?.metrics
  if (network === undefined || node === undefined) return [h('p', { class: 'empty' }, 'waiting for the node…')]
  const out = []
  out.push(section(`Network ${network.id ?? ''}`,
    h('p', { class: 'legend' },
      h('span', { class: 'key live' }, 'connection seen by this node'),
      h('span', { class: 'key declared' }, 'in the network definition (not observable from here)'),
      h('span', { class: 'key circuit' }, 'relayed circuit')),
    h('div', { class: 'graph-wrap' }, networkGraph(network, node, names)),
    h('p', { class: 'muted' }, `definition version ${network.version} (${network.signed ? 'signed by the authority' : 'unsigned'})`)))

  out.push(section('Subnets', table(['subnet', 'hub', 'hub peer id', 'members'],
    network.subnets.map(sn => [sn.name, sn.hub.name, h('code', {}, sn.hub.peerId), sn.members.map(m => m.name).join(', ')]))))

  out.push(section(`Connections of ${node.name} (${node.connections.length})`, table(
    ['name', 'role', 'subnet', 'direction', 'via', 'peer id', 'address'],
    node.connections.map(c => [c.name ?? '?', c.role, c.subnet ?? '-', c.direction, c.relayed ? badge('hubs', 'relayed') : 'direct', h('code', { title: c.peerId }, short(c.peerId)), h('code', {}, c.remoteAddr)]),
    { empty: 'no connections' })))

  if (node.circuits !== undefined) {
    out.push(section(`Circuits relayed by ${node.name} (${node.circuits.length})`,
      table(['source', 'target', 'route', 'bytes →', 'bytes ←', 'age'],
        node.circuits.map(c => [names.name(c.source), names.name(c.target), c.route.map(names.name).join(' → '), bytes(c.bytesForward), bytes(c.bytesBackward), `${Math.round(c.ageMs / 1000)} s`]),
        { empty: 'no circuits open now' }),
      relayRate.samples.length > 1
        ? h('figure', {}, lineChart(relayRate.samples, { label: 'bytes relayed per second', xLabel: 'seconds, up to the last two minutes', format: (v) => `${bytes(Math.round(v))}/s` }), h('figcaption', {}, 'bytes relayed per second'))
        : null))
  }

  if (Array.isArray(metrics)) {
    const rows = []
    for (const m of metrics) {
      for (const x of m.samples) {
        const labels = Object.entries(x.labels).map(([k, v]) => `${k}="${v}"`).join(', ')
        rows.push([h('span', { title: m.help }, m.name), labels, Number.isInteger(x.value) ? x.value : Number(x.value.toPrecision(6))])
      }
    }
    out.push(section('Metrics (shulian_*)', h('p', { class: 'muted' }, 'the node\'s Prometheus metrics; scrape GET /metrics for all of them'), table(['metric', 'labels', 'value'], rows, { empty: 'no samples yet', className: 'metrics' })))
  }
  return out
}
