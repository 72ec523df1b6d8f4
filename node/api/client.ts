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

const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])

/** Call `path` on the node whose data directory is `dir`. */
export async function callApi<T = any> (dir: string, path: string, options: CallOptions = {}): Promise<T> {
  const api = await apiOf(dir)
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST')
  const signal = AbortSignal.timeout(options.timeout ?? 30_000)
  const call = async (): Promise<Response> => fetch(new URL(path, api.url), {
    method,
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal
  })
  let res: Response
  try {
    res = await call().catch(async (e: any) => {
      // a kept-alive socket the node closed as idle (its timer can fire late, after a busy event
      // loop, just as the next request arrives): a GET is safe to send once more on a new one
      if (method === 'GET' && !signal.aborted && RESET.has(e.cause?.code)) return call()
      throw e
    })
  } catch (e: any) {
    throw new ApiCallError(`${dir}: node at ${api.url} (pid ${api.pid}) is not answering (${e.cause?.code ?? e.message}); is it running?`)
  }
  const text = await res.text()
  if (!res.ok) {
    let message = text
    try { message = JSON.parse(text).error ?? text } catch {}
    throw new ApiCallError(`${dir}: ${message}`, res.status)
  }
  return (options.text === true ? text : JSON.parse(text)) as T
}
