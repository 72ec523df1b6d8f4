/**
 * `/shulian/joint/1.0.0`: a joint computation with a third data owner (DESIGN §2.6) — the renter
 * opens a training with the partner, lessor enclaves send the partner HE-encrypted shares, the
 * partner computes rounds on ciphertexts and the renter decrypts. See README.md for the wire spec.
 */
import { JointService } from './service.js'
import type { JointServiceComponents, JointServiceInit } from './service.js'

export { PROTOCOL as JOINT_PROTOCOL, MAX_MESSAGE_SIZE as JOINT_MAX_MESSAGE_SIZE } from './constants.js'
export { JointProtocolError } from './errors.js'
export type { JointProtocolErrorCode } from './errors.js'
export { finishTraining, openTraining, roundWithPartner, runEnclave, sendShare } from './client.js'
export type { RoundDecrypt, RunRequest, Traffic } from './client.js'
export type { JointOpenRequest, JointPartnerHandlers, JointRoundOutput, JointService, JointServiceInit, JointShareIn } from './service.js'

/** The service (partner and lessor sides), as a libp2p service. */
export function joint (init: JointServiceInit): (components: JointServiceComponents) => JointService {
  return (components) => new JointService(components, init)
}
