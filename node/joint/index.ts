/** Joint trainings on a participant node: the renter's runs, the partner's served data, their records. */
export { JointPartner } from './partner.js'
export type { ServeOptions, ServeStatus } from './partner.js'
export { JointRunner } from './renter.js'
export type { JointProgress, JointReport } from './renter.js'
export { JointStore } from './store.js'
export type { JointRecord, JointRole, JointStatus } from './store.js'
export { registerJointRoutes } from './routes.js'
