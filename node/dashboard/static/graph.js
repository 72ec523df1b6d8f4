// The network as this node sees it, in SVG: subnets around a centre, each hub with its members
// around it. Links this node observes are drawn solid; links it cannot observe from here (other
// hubs' members, other hubs' links) are drawn dashed from the network definition; relayed
// circuits are drawn along their route through the hubs.
import { s, short } from './dom.js'

const W = 900
const H = 660

/** Positions of every peer of the definition: hubs on an inner circle, members fanned out from their hub. */
export function layout (network) {
  const subnets = network?.subnets ?? []
  const k = subnets.length
  const cx = W / 2
  const cy = H / 2
  const inner = k <= 1 ? 0 : Math.min(170, 55 + 25 * k)
  const pos = new Map()
  subnets.forEach((sn, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, k)
    const hx = cx + inner * Math.cos(angle)
    const hy = cy + inner * Math.sin(angle)
    pos.set(sn.hub.peerId, { x: hx, y: hy, angle, subnet: sn.name })
    const n = sn.members.length
    const spread = Math.min(Math.PI * 0.9, 0.55 * Math.max(0, n - 1))
    const r = 100 + Math.max(0, n - 4) * 6
    pos.get(sn.hub.peerId).reach = r
    sn.members.forEach((m, j) => {
      const a = angle + (n === 1 ? 0 : -spread / 2 + (spread * j) / (n - 1))
      pos.set(m.peerId, { x: hx + r * Math.cos(a), y: hy + r * Math.sin(a), angle: a, subnet: sn.name })
    })
  })
  return pos
}

/**
 * Links and circuits as this node sees them:
 * - live: this node's own connections (peer ids);
 * - circuits: routes (peer ids, source first) of circuits a hub relays, or of this participant's relayed connections.
 */
export function observed (status, names) {
  const self = status?.peerId
  const live = new Set((status?.connections ?? []).filter(c => !c.relayed).map(c => c.peerId))
  const circuits = []
  for (const c of status?.circuits ?? []) circuits.push({ route: c.route, bytes: c.bytesForward + c.bytesBackward })
  for (const c of status?.connections ?? []) {
    if (!c.relayed) continue
    const route = [self, names.hubOf(self), names.hubOf(c.peerId), c.peerId].filter((p, i, a) => p !== undefined && a.indexOf(p) === i)
    circuits.push({ route, bytes: null })
  }
  return { self, live, circuits }
}

export function networkGraph (network, status, names) {
  const pos = layout(network)
  const { self, live, circuits } = observed(status, names)
  const linked = (a, b) => (a === self && live.has(b)) || (b === self && live.has(a))
  // fit the view to what is drawn: peers, their labels, and the subnet names beyond them
  const xs = []
  const ys = []
  for (const p of pos.values()) {
    xs.push(p.x - 60, p.x + 60)
    ys.push(p.y - 40, p.y + 50)
    if (p.reach !== undefined) {
      // a hub: its subnet's name and region
      const out = p.reach + 62
      xs.push(p.x + out * Math.cos(p.angle) - 50, p.x + out * Math.cos(p.angle) + 50)
      ys.push(p.y + out * Math.sin(p.angle) - 20, p.y + out * Math.sin(p.angle) + 20)
      const cx = p.x + 0.5 * p.reach * Math.cos(p.angle)
      const cy = p.y + 0.5 * p.reach * Math.sin(p.angle)
      const r = 0.5 * p.reach + 52
      xs.push(cx - r - 4, cx + r + 4)
      ys.push(cy - r - 4, cy + r + 4)
    }
  }
  const x0 = Math.floor(Math.min(0, ...xs))
  const y0 = Math.floor(Math.min(...ys, H / 2 - 60))
  const x1 = Math.ceil(Math.max(W, ...xs))
  const y1 = Math.ceil(Math.max(...ys, H / 2 + 60))
  const svg = s('svg', { class: 'graph', viewBox: `${x0} ${y0} ${x1 - x0} ${y1 - y0}`, role: 'img', 'aria-label': 'network graph' })
  svg.append(s('title', {}, `network ${network?.id ?? ''}`))
  // each subnet as a faint region around its hub and members
  const regions = s('g', { class: 'regions' })
  for (const sn of network?.subnets ?? []) {
    const hp = pos.get(sn.hub.peerId)
    const r = (hp.reach ?? 100)
    const c = sn.members.length === 0 ? hp : { x: hp.x + 0.5 * r * Math.cos(hp.angle), y: hp.y + 0.5 * r * Math.sin(hp.angle) }
    regions.append(s('circle', { class: 'region', cx: c.x.toFixed(1), cy: c.y.toFixed(1), r: (sn.members.length === 0 ? 45 : 0.5 * r + 52).toFixed(1) }))
  }
  svg.append(regions)
  const edges = s('g', { class: 'edges' })
  const hubs = (network?.subnets ?? []).map(sn => sn.hub.peerId)
  for (let i = 0; i < hubs.length; i++) {
    for (let j = i + 1; j < hubs.length; j++) edges.append(edge(pos, hubs[i], hubs[j], linked(hubs[i], hubs[j]) ? 'live' : 'declared', 'hub-link'))
  }
  for (const sn of network?.subnets ?? []) {
    for (const m of sn.members) edges.append(edge(pos, sn.hub.peerId, m.peerId, linked(sn.hub.peerId, m.peerId) ? 'live' : 'declared', 'member-link'))
  }
  svg.append(edges)

  const routes = s('g', { class: 'circuits' })
  for (const c of circuits) {
    const pts = c.route.map(p => pos.get(p)).filter(Boolean)
    if (pts.length < 2) continue
    routes.append(s('polyline', { class: 'circuit', points: pts.map(p => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ') },
      s('title', {}, `circuit ${c.route.map(names.name).join(' → ')}${c.bytes !== null ? ` (${c.bytes} bytes so far)` : ''}`)))
  }
  svg.append(routes)

  const nodes = s('g', { class: 'nodes' })
  for (const sn of network?.subnets ?? []) {
    const hp = pos.get(sn.hub.peerId)
    const dx = Math.cos(hp.angle)
    const dy = Math.sin(hp.angle)
    // the subnet's name beyond its members, away from the centre
    const out = (hp.reach ?? 100) + 62
    nodes.append(s('text', { class: 'subnet-label', x: (hp.x + out * dx).toFixed(1), y: (hp.y + out * dy + 4).toFixed(1), 'text-anchor': 'middle', 'data-subnet': sn.name }, `subnet ${sn.name}`))
    nodes.append(peer(pos, sn.hub.peerId, sn.hub.name, 'hub', sn.name, self, live))
    for (const m of sn.members) nodes.append(peer(pos, m.peerId, m.name, 'participant', sn.name, self, live))
  }
  svg.append(nodes)
  return svg
}

function edge (pos, a, b, state, kind) {
  const p = pos.get(a)
  const q = pos.get(b)
  return s('line', { class: `${kind} ${state}`, x1: p.x.toFixed(1), y1: p.y.toFixed(1), x2: q.x.toFixed(1), y2: q.y.toFixed(1) })
}

function peer (pos, id, name, role, subnet, self, live) {
  const p = pos.get(id)
  const state = id === self ? 'self' : live.has(id) ? 'connected' : ''
  const r = role === 'hub' ? 20 : 13
  return s('g', { class: `peer ${role} ${state}`, 'data-peer': id, 'data-name': name, 'data-role': role, 'data-subnet': subnet, transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` },
    s('title', {}, `${name} — ${role} of subnet ${subnet}\n${id}${id === self ? '\n(this node)' : ''}`),
    s('circle', { r }),
    s('text', { class: 'peer-name', y: r + 14, 'text-anchor': 'middle' }, name),
    s('text', { class: 'peer-id', y: r + 26, 'text-anchor': 'middle' }, short(id)))
}
