import { NetworkOfferResponse } from './pb/network.js'

/** A peer did not take the definition this node pushed; `status` says why. */
export class NetworkPushRefusedError extends Error {
  static name = 'NetworkPushRefusedError'
  readonly status: NetworkOfferResponse.Status
  /** the version the peer runs with */
  readonly version: number

  constructor (status: NetworkOfferResponse.Status, version: number, message: string) {
    super(message)
    this.name = 'NetworkPushRefusedError'
    this.status = status
    this.version = version
  }
}

/** The sender may not push definitions to this node (refused before reading the offer). */
export class NetworkPushNotAllowedError extends Error {
  static name = 'NetworkPushNotAllowedError'

  constructor (message: string) {
    super(message)
    this.name = 'NetworkPushNotAllowedError'
  }
}
