/**
 * The local control API: JSON over HTTP on loopback, every request authenticated with the bearer
 * token stored (0600) in the data directory. The CLI and the dashboard are its clients.
 */
import { timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Largest request body the API reads. */
export const MAX_BODY = 1024 * 1024

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
}

export type ApiHandler = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse

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
  private readonly routes: Array<{ method: string, pattern: RegExp, names: string[], handler: ApiHandler }> = []
  private readonly token: Buffer
  private server?: Server

  constructor (token: string) {
    this.token = Buffer.from(token)
  }

  /** Serve `method path` with `handler`; `:name` segments match one path segment each. */
  route (method: string, path: string, handler: ApiHandler): void {
    const names: string[] = []
    const pattern = new RegExp('^' + path.split('/').map(seg => {
      if (seg.startsWith(':')) {
        names.push(seg.slice(1))
        return '([^/]+)'
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    }).join('/') + '$')
    this.routes.push({ method, pattern, names, handler })
  }

  private match (method: string, path: string): { handler: ApiHandler, params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      const m = r.method === method ? r.pattern.exec(path) : null
      if (m != null) {
        return { handler: r.handler, params: Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')])) }
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
    if (server == null) {
      return
    }
    server.closeAllConnections()
    await new Promise<void>(resolve => { server.close(() => { resolve() }) })
  }

  private authorized (req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? ''
    const m = /^Bearer (\S+)$/.exec(header)
    if (m == null) {
      return false
    }
    const given = Buffer.from(m[1] ?? '')
    return given.length === this.token.length && timingSafeEqual(given, this.token)
  }

  private async serve (req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (!this.authorized(req)) {
        throw new ApiError(401, 'missing or wrong bearer token (see api.token in the data directory)')
      }
      const url = new URL(req.url ?? '/', 'http://localhost')
      const found = this.match(req.method ?? 'GET', url.pathname)
      if (found == null) {
        throw new ApiError(404, `no such endpoint: ${req.method ?? 'GET'} ${url.pathname}`)
      }
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req)
      const out = await found.handler({ method: req.method ?? 'GET', url, body, params: found.params })
      send(res, out.status ?? 200, out.body, out.contentType)
    } catch (e: any) {
      const status = e instanceof ApiError ? e.status : typeof e.exitCode === 'number' ? 400 : 500
      send(res, status, { error: e.message ?? String(e) })
    }
  }
}

function send (res: ServerResponse, status: number, body: unknown, contentType?: string): void {
  const text = contentType === undefined ? JSON.stringify(body) : String(body)
  res.writeHead(status, { 'content-type': contentType ?? 'application/json', 'cache-control': 'no-store' })
  res.end(text)
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
