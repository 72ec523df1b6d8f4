/** Client of a running node's control API, found through its data directory. */
import { apiOf } from '../data-dir.js'

/** The node could not be reached or answered with an error. Exit code 1. */
export class ApiCallError extends Error {
  static name = 'ApiCallError'
  readonly exitCode = 1
  readonly status?: number

  constructor (message: string, status?: number) {
    super(message)
    this.name = 'ApiCallError'
    this.status = status
  }
}

export interface CallOptions {
  method?: string
  body?: unknown
  timeout?: number
  /** return the raw text instead of parsing JSON */
  text?: boolean
}

/** connection errors that mean a kept-alive socket was closed under the request */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

/** Call `path` on the node whose data directory is `dir`. */
export async function callApi<T = any> (dir: string, path: string, options: CallOptions = {}): Promise<T> {
  const api = await apiOf(dir)
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST')
  let res: Response | undefined
  // a GET is retried when the connection was reset: a kept-alive socket that the node closed as
  // idle just as this request went out (likelier while the node's event loop is busy) is not an
  // answer; anything else, and any POST, fails at once
  for (let attempt = 0; res === undefined; attempt++) {
    try {
      res = await fetch(new URL(path, api.url), {
        method,
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeout ?? 30_000)
      })
    } catch (e: any) {
      const code = e.cause?.code ?? e.message
      if (method === 'GET' && attempt < 2 && RESET_CODES.has(code)) continue
      throw new ApiCallError(`${dir}: node at ${api.url} (pid ${api.pid}) is not answering (${code}); is it running?`)
    }
  }
  const text = await res.text()
  if (!res.ok) {
    let message = text
    try { message = JSON.parse(text).error ?? text } catch {}
    throw new ApiCallError(`${dir}: ${message}`, res.status)
  }
  return (options.text === true ? text : JSON.parse(text)) as T
}
