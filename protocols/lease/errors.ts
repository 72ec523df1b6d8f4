import { MarketError } from '../../market/index.js'
import { LeaseResponse } from './pb/lease.js'
import type { MarketErrorCode } from '../../market/index.js'

/** Human words for each status. */
export const STATUS_TEXT: Record<LeaseResponse.Status, string> = {
  [LeaseResponse.Status.STATUS_UNSET]: 'malformed response',
  [LeaseResponse.Status.OK]: 'ok',
  [LeaseResponse.Status.MALFORMED]: 'malformed',
  [LeaseResponse.Status.BAD_SIGNATURE]: 'bad signature',
  [LeaseResponse.Status.EXPIRED]: 'expired',
  [LeaseResponse.Status.REPLAYED]: 'replayed',
  [LeaseResponse.Status.INVALID]: 'invalid',
  [LeaseResponse.Status.NOT_OWNER]: 'not the owner',
  [LeaseResponse.Status.NOT_FOUND]: 'not found',
  [LeaseResponse.Status.INSUFFICIENT]: 'insufficient capacity',
  [LeaseResponse.Status.REFUSED]: 'refused',
  [LeaseResponse.Status.UNAVAILABLE]: 'unavailable'
}

export function statusOf (err: MarketError): LeaseResponse.Status {
  return LeaseResponse.Status[err.code]
}

/** The MarketError a non-OK response stands for; its message is "<status words>: <reason>". */
export function errorOf (status: LeaseResponse.Status, message: string): MarketError {
  const code = (status === LeaseResponse.Status.STATUS_UNSET || status === LeaseResponse.Status.OK ? 'MALFORMED' : status) as MarketErrorCode
  return new MarketError(code, `${STATUS_TEXT[status]}: ${message === '' ? 'no reason given' : message}`)
}
