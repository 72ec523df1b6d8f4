// Building the page without innerHTML: every string from the node (and so from peers: names,
// job names, error messages, enclave descriptions) goes into the DOM as text, never as markup.

const SVG_NS = 'http://www.w3.org/2000/svg'

function build (el, attrs, children) {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue
    if (k === 'class') el.setAttribute('class', String(v))
    else if (k === 'text') el.textContent = String(v)
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v)
    else if (k === 'dataset') Object.assign(el.dataset, v)
    else el.setAttribute(k, String(v))
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue
    el.append(c instanceof Node ? c : document.createTextNode(String(c)))
  }
  return el
}

/** An HTML element: h('td', { class: 'num' }, 'text', child, ...) */
export function h (tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children)
}

/** An SVG element, same call shape as h(). */
export function s (tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children)
}

/** A table from a header and rows of cells (strings, numbers or nodes); `empty` when no rows. */
export function table (header, rows, { empty = 'none', className } = {}) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty)
  return h('table', { class: className },
    h('thead', {}, h('tr', {}, header.map(c => h('th', {}, c)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', { class: typeof c === 'number' ? 'num' : undefined }, c))))))
}

export function badge (text, kind = '') {
  return h('span', { class: `badge ${kind}` }, text)
}

export function section (title, ...children) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...children)
}

export function short (peerId) {
  return typeof peerId === 'string' && peerId.length > 10 ? `…${peerId.slice(-6)}` : String(peerId ?? '')
}

export function bytes (n) {
  if (typeof n !== 'number') return '-'
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`
}

export function seconds (ms) {
  if (typeof ms !== 'number') return '-'
  return ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`
}

export function time (t) {
  if (t === undefined || t === null) return '-'
  const d = new Date(t)
  return Number.isNaN(d.getTime()) ? String(t) : d.toLocaleTimeString()
}

export function value (v) {
  if (Array.isArray(v)) return `[${v.slice(0, 5).map(x => fmtNumber(x)).join(', ')}${v.length > 5 ? `, … (${v.length} values)` : ''}]`
  return fmtNumber(v)
}

function fmtNumber (x) {
  if (typeof x !== 'number') return String(x)
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x.toLocaleString('en-US')
  const a = Math.abs(x)
  return a >= 1e15 || (a < 1e-3 && a > 0) ? x.toExponential(6) : x.toLocaleString('en-US', { maximumSignificantDigits: 12 })
}

/** Names of peers from the network definition (GET /network). */
export function namesOf (network) {
  const byId = new Map()
  for (const sn of network?.subnets ?? []) {
    byId.set(sn.hub.peerId, { name: sn.hub.name, role: 'hub', subnet: sn.name })
    for (const m of sn.members) byId.set(m.peerId, { name: m.name, role: 'participant', subnet: sn.name })
  }
  return {
    entry: (id) => byId.get(id),
    name: (id) => byId.get(id)?.name ?? short(id),
    hubOf: (id) => {
      const subnet = byId.get(id)?.subnet
      return (network?.subnets ?? []).find(sn => sn.name === subnet)?.hub.peerId
    }
  }
}
