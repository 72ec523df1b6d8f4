import { MarketError } from '../../market/index.js'
import { OrdersResponse } from './pb/orders.js'
import type { MarketErrorCode } from '../../market/index.js'

/** Human words for each status, as messages and the CLI print them. */
export const STATUS_TEXT: Record<OrdersResponse.Status, string> = {
  [OrdersResponse.Status.STATUS_UNSET]: 'malformed response',
  [OrdersResponse.Status.OK]: 'ok',
  [OrdersResponse.Status.MALFORMED]: 'malformed',
  [OrdersResponse.Status.BAD_SIGNATURE]: 'bad signature',
  [OrdersResponse.Status.EXPIRED]: 'expired',
  [OrdersResponse.Status.REPLAYED]: 'replayed',
  [OrdersResponse.Status.INVALID]: 'invalid',
  [OrdersResponse.Status.NOT_OWNER]: 'not the owner',
  [OrdersResponse.Status.NOT_FOUND]: 'not found',
  [OrdersResponse.Status.INSUFFICIENT]: 'insufficient capacity',
  [OrdersResponse.Status.REFUSED]: 'refused',
  [OrdersResponse.Status.UNAVAILABLE]: 'unavailable'
}

/** The status that answers an error: a MarketError's own code; anything else is UNAVAILABLE (retry). */
export function statusOf (err: unknown): OrdersResponse.Status {
  if (err instanceof MarketError) return OrdersResponse.Status[err.code]
  return OrdersResponse.Status.UNAVAILABLE
}

/** The MarketError a non-OK response stands for; its message is "<status words>: <reason>". */
export function errorOf (status: OrdersResponse.Status, message: string): MarketError {
  const code = (status === OrdersResponse.Status.STATUS_UNSET || status === OrdersResponse.Status.OK ? 'MALFORMED' : status) as MarketErrorCode
  return new MarketError(code, `${STATUS_TEXT[status]}: ${message === '' ? 'no reason given' : message}`)
}
