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

/** Call `path` on the node whose data directory is `dir`. */
export async function callApi<T = any> (dir: string, path: string, options: CallOptions = {}): Promise<T> {
  const api = await apiOf(dir)
  let res: Response
  try {
    res = await fetch(new URL(path, api.url), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeout ?? 30_000)
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
