/**
 * The operator dashboard on every node's control API.
 *
 *   GET  /dashboard/           the page (index.html) and its files: public, they hold no node data
 *   POST /dashboard/sessions   a read-only session for a browser (API token only) and its URL
 *   GET  /dashboard/state      every topic's data now (JSON)
 *   GET  /dashboard/events     the same as server-sent events, each topic again when it changes
 *
 * Auth: the page's files are the same for every node and are served without a token; everything
 * with data needs a bearer value, the API token or a session. `shulian dashboard` mints a session
 * and prints `<api>/dashboard/#session=<token>`: the fragment never leaves the browser (not sent,
 * not logged), the page moves it to sessionStorage (per origin, so per node), drops it from the
 * address bar, and calls the API with `fetch` and an Authorization header, the event stream too
 * (EventSource cannot set headers, so the page reads `text/event-stream` from a fetch body). No
 * cookies: nothing another site or another port on 127.0.0.1 could make the browser send along.
 */
import { readFile, readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { logger } from '@libp2p/logger'
import { ApiError } from '../api/server.js'
import { DashboardEvents } from './events.js'
import { JointRuns } from './joint-runs.js'
import { DEFAULT_SESSION_TTL_MS, DashboardSessions, MAX_SESSION_TTL_MS } from './sessions.js'
import { dashboardTopics } from './state.js'
import type { ApiResponse } from '../api/server.js'
import type { ShulianNode } from '../shulian-node.js'

export { DashboardSessions } from './sessions.js'
export { orderBook } from './state.js'
export { JointRunError, JointRuns, MAX_JOINT_RUNS, MAX_LOSS_POINTS } from './joint-runs.js'
export type { JointRun, JointRunView, JointTopic } from './joint-runs.js'

/** The page's files, read from the source tree (plain JS modules: nothing to build). */
export const STATIC_DIR = fileURLToPath(new URL('../../../node/dashboard/static/', import.meta.url))

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml'
}

/** The page runs only its own scripts and styles and talks only to this node. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache'
}

export interface Dashboard {
  sessions: DashboardSessions
  events: DashboardEvents
  /** where joint runs are fed to the Jobs view (see joint-runs.ts: `record(run)` or `source(read)`) */
  joint: JointRuns
  stop: () => void
}

export function registerDashboard (node: ShulianNode): Dashboard {
  const api = node.api
  const log = logger(`shulian:dashboard:${node.config.name}`)
  const sessions = new DashboardSessions()
  // a run recorded or a source added is sent at once, not at the next tick
  const joint: JointRuns = new JointRuns(() => { events.nudge() })
  const events = new DashboardEvents(dashboardTopics(node, joint), log)
  api.allowReadOnly(token => sessions.valid(token))

  let files: Promise<Set<string>> | undefined
  const listing = async (): Promise<Set<string>> => {
    files ??= readdir(STATIC_DIR).then(names => new Set(names.filter(n => /^[a-z0-9-]+\.(html|js|css|svg)$/.test(n))), () => new Set())
    return files
  }
  const serveFile = async (name: string): Promise<ApiResponse> => {
    if (!(await listing()).has(name)) throw new ApiError(404, `no dashboard file ${name}`)
    const ext = name.slice(name.lastIndexOf('.') + 1)
    return { body: await readFile(join(STATIC_DIR, name)), contentType: TYPES[ext] ?? 'application/octet-stream', headers: PAGE_HEADERS }
  }

  api.route('POST', '/dashboard/sessions', (req) => {
    const ttl = (req.body as { ttlS?: unknown } | undefined)?.ttlS
    if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl * 1000 > MAX_SESSION_TTL_MS)) {
      throw new ApiError(400, `ttlS must be a whole number of seconds from 1 to ${MAX_SESSION_TTL_MS / 1000}`)
    }
    const s = sessions.mint(ttl === undefined ? DEFAULT_SESSION_TTL_MS : ttl * 1000)
    const base = node.apiUrl ?? ''
    return { status: 201, body: { url: `${base}/dashboard/#session=${s.token}`, token: s.token, expires: new Date(s.expires).toISOString() } }
  })

  api.route('GET', '/dashboard/state', async () => ({ body: await events.snapshot() }))
  api.route('GET', '/dashboard/events', () => ({
    body: undefined,
    contentType: 'text/event-stream; charset=utf-8',
    stream: async (write, signal) => { await events.subscribe(write, signal) }
  }))

  // after the data routes, which the catch-all `:file` would otherwise shadow
  api.route('GET', '/dashboard', () => ({ status: 308, body: '', contentType: 'text/plain', headers: { location: '/dashboard/' } }), { public: true })
  api.route('GET', '/dashboard/', async () => serveFile('index.html'), { public: true })
  api.route('GET', '/dashboard/:file', async (req) => serveFile(req.params.file ?? ''), { public: true })

  const nudge = (): void => { events.nudge() }
  node.libp2p.addEventListener('connection:open', nudge)
  node.libp2p.addEventListener('connection:close', nudge)
  return {
    sessions,
    events,
    joint,
    stop: () => {
      node.libp2p.removeEventListener('connection:open', nudge)
      node.libp2p.removeEventListener('connection:close', nudge)
      events.stop()
      sessions.clear()
    }
  }
}
