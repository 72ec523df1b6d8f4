/** Order states on the wire. */
import { OrderState } from './pb/orders.js'
import type { HubOrderState, OrderStatus } from '../../market/index.js'

const STATUS: Record<OrderStatus, OrderState.Status> = {
  open: OrderState.Status.OPEN,
  filled: OrderState.Status.FILLED,
  cancelled: OrderState.Status.CANCELLED,
  expired: OrderState.Status.EXPIRED
}

export function encodeState (s: HubOrderState): OrderState {
  return {
    order: s.order as Uint8Array<ArrayBuffer>,
    status: STATUS[s.state.status],
    freeCores: s.state.freeCores,
    freeMemoryMiB: BigInt(s.state.freeMemoryMiB),
    filledCores: s.state.filledCores,
    filledMemoryMiB: BigInt(s.state.filledMemoryMiB),
    acceptedAt: BigInt(s.state.acceptedAt)
  }
}

/** A state from the wire, or undefined when it does not make sense. */
export function decodeState (s: OrderState): HubOrderState | undefined {
  const status = (Object.keys(STATUS) as OrderStatus[]).find(k => STATUS[k] === s.status)
  if (status == null || s.order.byteLength === 0) return undefined
  return {
    order: s.order,
    state: { status, freeCores: s.freeCores, freeMemoryMiB: Number(s.freeMemoryMiB), filledCores: s.filledCores, filledMemoryMiB: Number(s.filledMemoryMiB), acceptedAt: Number(s.acceptedAt) }
  }
}
