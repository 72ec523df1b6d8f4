import { RelayResponse } from './pb/relay.js'

/**
 * Why a circuit could not be opened: the status a hub answered, and its reason (`detail`). The
 * message reads "<status words>: <detail>", e.g. "no route: no hub publishes a valid route to …".
 */
export class RelayError extends Error {
  static name = 'RelayError'
  readonly exitCode = 1
  readonly status: RelayResponse.Status
  readonly detail: string

  constructor (status: RelayResponse.Status, detail: string) {
    super(`${STATUS_TEXT[status]}: ${detail}`)
    this.name = 'RelayError'
    this.status = status
    this.detail = detail
  }
}

/** Human words for each status, as the CLI prints them. */
export const STATUS_TEXT: Record<RelayResponse.Status, string> = {
  [RelayResponse.Status.STATUS_UNSET]: 'malformed response',
  [RelayResponse.Status.OK]: 'ok',
  [RelayResponse.Status.TARGET_UNKNOWN]: 'target unknown',
  [RelayResponse.Status.TARGET_OFFLINE]: 'target offline',
  [RelayResponse.Status.NO_ROUTE]: 'no route',
  [RelayResponse.Status.LIMIT_REACHED]: 'limit reached',
  [RelayResponse.Status.REFUSED]: 'refused',
  [RelayResponse.Status.MALFORMED]: 'malformed request'
}
