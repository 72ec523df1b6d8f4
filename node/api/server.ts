/**
 * The local control API: JSON over HTTP on loopback, every request authenticated with the bearer
 * token stored (0600) in the data directory. The CLI and the dashboard are its clients.
 */
import { timingSafeEqual } from 'node:crypto'
import { createRequire } from 'node:module'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// `require`, not `import`: an ES import of a builtin module reads every one of its exports, and
// node:http's include lazy getters (WebSocket, fetch's classes) that load Node's bundled undici,
// ~0.8 MB of source and a few MB of a node's resident memory that no node uses
const { createServer } = createRequire(import.meta.url)('node:http') as typeof import('node:http')

/** Largest request body the API reads. */
export const MAX_BODY = 1024 * 1024

/** A streamed response whose client reads slower than this much unsent data is cut off. */
export const MAX_STREAM_BACKLOG = 4 * 1024 * 1024

export interface ApiRequest {
  method: string
  url: URL
  body: unknown
  /** values of the route's `:name` segments */
  params: Record<string, string>
}

export interface ApiResponse {
  status?: number
  /** JSON body, or a raw text body with its content type */
  body: unknown
  contentType?: string
  /** extra response headers (security headers of the dashboard's files, redirects) */
  headers?: Record<string, string>
  /**
   * A streamed response (server-sent events): called once the headers are out, writes chunks until
   * `signal` aborts (client gone, API closing) or it returns; `body` is then ignored.
   */
  stream?: (write: (chunk: string) => void, signal: AbortSignal) => Promise<void>
}

export type ApiHandler = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse

export interface RouteOptions {
  /** served without a token: only for files that hold no node data (the dashboard's code) */
  public?: boolean
}

/**
 * Decides whether a bearer value other than the API token is a valid read-only credential (the
 * dashboard's sessions). Read-only credentials may only GET.
 */
export type ReadOnlyCheck = (token: string) => boolean

/** An error that becomes an HTTP status with a one-line `{ "error" }` body. */
export class ApiError extends Error {
  static name = 'ApiError'
  readonly status: number

  constructor (status: number, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }
}

export class ControlApi {
  private readonly routes: Array<{ method: string, pattern: RegExp, names: string[], handler: ApiHandler, public: boolean }> = []
  private readonly token: Buffer
  private readonly readOnly: ReadOnlyCheck[] = []
  private readonly closing = new AbortController()
  private server?: Server

  constructor (token: string) {
    this.token = Buffer.from(token)
  }

  /** Serve `method path` with `handler`; `:name` segments match one path segment each. */
  route (method: string, path: string, handler: ApiHandler, options: RouteOptions = {}): void {
    const names: string[] = []
    const pattern = new RegExp('^' + path.split('/').map(seg => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1))
        return '([^/]+)'
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    }).join('/') + '$')
    this.routes.push({ method, pattern, names, handler, public: options.public === true })
  }

  /** Also accept bearer values that `check` approves, for GET requests only. */
  allowReadOnly (check: ReadOnlyCheck): void {
    this.readOnly.push(check)
  }

  /** Whether `method path` is served. */
  has (method: string, path: string): boolean {
    return this.match(method, path) != null
  }

  /**
   * Call a route in-process, as an authenticated client would (the dashboard assembles its views
   * from the same JSON the API serves). Throws the handler's error.
   */
  async invoke<T = unknown> (method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, 'http://localhost')
    const found = this.match(method, url.pathname)
    if (found == null) throw new ApiError(404, `no such endpoint: ${method} ${url.pathname}`)
    const out = await found.handler({ method, url, body, params: found.params })
    return out.body as T
  }

  private match (method: string, path: string): { handler: ApiHandler, params: Record<string, string>, public: boolean } | undefined {
    for (const r of this.routes) {
      const m = r.method === method ? r.pattern.exec(path) : null
      if (m != null) {
        return { handler: r.handler, public: r.public, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')])) }
      }
    }
    return undefined
  }

  async listen (host: string, port: number): Promise<string> {
    const server = createServer((req, res) => { void this.serve(req, res) })
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => { server.off('error', reject); resolve() })
    })
    const addr = server.address() as AddressInfo
    const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address
    return `http://${h}:${addr.port}`
  }

  async close (): Promise<void> {
    const server = this.server
    this.closing.abort()
    if (server == null) {
      return
    }
    server.closeAllConnections()
    await new Promise<void>(resolve => { server.close(() => { resolve() }) })
  }

  /** 'full' for the API token, 'read' for a read-only credential, undefined for anything else. */
  private authorized (req: IncomingMessage): 'full' | 'read' | undefined {
    const header = req.headers.authorization ?? ''
    const m = /^Bearer (\S+)$/.exec(header)
    if (m == null) {
      return undefined
    }
    const given = Buffer.from(m[1] ?? '')
    if (given.length === this.token.length && timingSafeEqual(given, this.token)) return 'full'
    return this.readOnly.some(check => check(m[1] ?? '')) ? 'read' : undefined
  }

  private async serve (req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const method = req.method ?? 'GET'
      const url = new URL(req.url ?? '/', 'http://localhost')
      const found = this.match(method, url.pathname)
      if (found?.public !== true) {
        const auth = this.authorized(req)
        if (auth === undefined) {
          throw new ApiError(401, 'missing or wrong bearer token (see api.token in the data directory)')
        }
        if (auth === 'read' && method !== 'GET') {
          throw new ApiError(403, 'a dashboard session may only read; use the API token')
        }
      }
      if (found == null) {
        throw new ApiError(404, `no such endpoint: ${method} ${url.pathname}`)
      }
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req)
      const out = await found.handler({ method, url, body, params: found.params })
      if (out.stream !== undefined) {
        await stream(res, out, this.closing.signal)
      } else {
        send(res, out.status ?? 200, out.body, out.contentType, out.headers)
      }
    } catch (e: any) {
      const status = e instanceof ApiError ? e.status : typeof e.exitCode === 'number' ? 400 : 500
      if (res.headersSent) {
        res.destroy()
      } else {
        send(res, status, { error: e.message ?? String(e) })
      }
    }
  }
}

function send (res: ServerResponse, status: number, body: unknown, contentType?: string, headers: Record<string, string> = {}): void {
  const data = contentType === undefined ? JSON.stringify(body) : Buffer.isBuffer(body) ? body : String(body)
  res.writeHead(status, { 'content-type': contentType ?? 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers })
  res.end(data)
}

/** Write a streamed response until the producer returns, the client goes away or the API closes. */
async function stream (res: ServerResponse, out: ApiResponse, closing: AbortSignal): Promise<void> {
  const gone = new AbortController()
  res.once('close', () => { gone.abort() })
  const signal = AbortSignal.any([gone.signal, closing])
  res.writeHead(out.status ?? 200, { 'content-type': out.contentType ?? 'text/event-stream', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...out.headers })
  res.flushHeaders()
  try {
    await out.stream?.((chunk) => {
      if (res.writableEnded || res.destroyed) return
      if (res.writableLength > MAX_STREAM_BACKLOG) {
        res.destroy()
        return
      }
      res.write(chunk)
    }, signal)
  } finally {
    if (!res.writableEnded) res.end()
  }
}

async function readBody (req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) {
      throw new ApiError(413, `request body over ${MAX_BODY} bytes`)
    }
    chunks.push(chunk as Buffer)
  }
  if (size === 0) {
    return undefined
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new ApiError(400, 'request body is not valid JSON')
  }
}
