// The dashboard page: takes the session from the URL fragment, follows the node's live feed and
// draws the view chosen in the tabs. See node/dashboard/index.ts for the auth design.
import { h } from './dom.js'
import { namesOf } from './dom.js'
import { follow } from './feed.js'
import { renderJobs } from './jobs.js'
import { renderMarket } from './market.js'
import { renderNetwork, trackRelay } from './network.js'

const VIEWS = { network: renderNetwork, market: renderMarket, jobs: renderJobs }
const KEY = 'shulian-dashboard-session'
const state = {}

/** The session: from `#session=...` once (then kept in sessionStorage and dropped from the URL). */
function takeSession () {
  const m = /(?:^#|&)session=([A-Za-z0-9_-]+)/.exec(location.hash)
  if (m !== null) {
    sessionStorage.setItem(KEY, m[1])
    history.replaceState(null, '', `${location.pathname}${location.search}#network`)
  }
  return sessionStorage.getItem(KEY)
}

function currentView () {
  const name = location.hash.replace(/^#/, '')
  return Object.hasOwn(VIEWS, name) ? name : 'network'
}

let scheduled = false
function render () {
  if (scheduled) return
  scheduled = true
  requestAnimationFrame(() => {
    scheduled = false
    const view = currentView()
    for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === view)
    const names = namesOf(state.network)
    const main = document.getElementById('view')
    const scroll = window.scrollY
    try {
      main.replaceChildren(...VIEWS[view](state, names))
    } catch (e) {
      main.replaceChildren(h('p', { class: 'error' }, `could not draw this view: ${e?.message ?? e}`))
      console.error(e)
    }
    window.scrollTo(0, scroll)
    const who = document.getElementById('who')
    if (state.node !== undefined) {
      who.replaceChildren(h('strong', {}, state.node.name), ` ${state.node.role} of subnet ${state.node.subnet}`, h('code', { title: state.node.peerId }, ` ${state.node.peerId}`))
      document.title = `${state.node.name} · shulian dashboard`
    }
  })
}

function setConnection (kind, detail) {
  const el = document.getElementById('conn')
  el.dataset.state = kind
  el.textContent = kind === 'live' ? 'live' : kind === 'refused' ? `refused: ${detail ?? ''}` : `reconnecting… ${detail ?? ''}`
  if (kind === 'refused') {
    document.getElementById('view').replaceChildren(h('section', { class: 'card refused' },
      h('h2', {}, 'Access refused'),
      h('p', {}, `The node refused this dashboard session (${detail ?? 'no detail'}).`),
      h('p', {}, 'Sessions end after their time to live and when the node restarts. Get a new URL with: shulian dashboard --dir <the node\'s data directory>')))
  }
}

const token = takeSession()
window.addEventListener('hashchange', render)
if (token === null) {
  setConnection('refused', 'no session in this URL')
} else {
  void follow(token, (topic, data) => {
    state[topic] = data
    if (topic === 'metrics') trackRelay(data)
    if (document.getElementById('conn').dataset.state === 'refused') return
    render()
  }, setConnection)
}
