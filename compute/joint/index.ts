/**
 * Joint computation with a third data owner (DESIGN §2.6): the reference joint task, vertical
 * federated linear regression, its data, its math, and the HE work of its rounds. See README.md.
 */
export { JointError } from './errors.js'
export type { JointErrorCode } from './errors.js'
export { DEFAULT_TRAINING, loadTrainingFile, parseTrainingFile, trainingFileSchema } from './spec.js'
export type { TrainingFile, TrainingSpec } from './spec.js'
export { MAX_JOINT_ROWS, compareIds, idDigest, readJointCsv } from './data.js'
export type { JointData } from './data.js'
export { center, cholesky, choleskySolve, dot, gram, leastSquares, means, sum } from './linalg.js'
export type { Cholesky, LeastSquares } from './linalg.js'
export { PartnerModel, RenterModel, centeredGradient, centeredProduct, lossOf, pooledLeastSquares, shouldStop, trainPlain } from './model.js'
export type { PartnerState, PlainTraining } from './model.js'
export { JOINT_HE_SET, constantTerms, encryptUnder, partnerChunks, sumAndMask, unmaskedSum } from './he.js'
export type { MaskedSum, PartnerChunks } from './he.js'
export { MAX_RESIDUAL, MAX_SCALED_FEATURE, checkPartnerMagnitudes, chunksFor, partnerRound, renterDecrypt } from './round.js'
export type { PartnerResult, RangeShares, RenterView } from './round.js'
export { SHARE_KEY_LENGTH, f64Bytes, f64Values, keyFingerprint, shareTag, verifyShareTag } from './share.js'
export type { ShareFields } from './share.js'
export { JOINT_TASKS, createJointPool } from './tasks.js'
export { SYNTHETIC_LABEL, SYNTHETIC_PARTNER_FEATURES, SYNTHETIC_RENTER_FEATURES, SYNTHETIC_TRUTH, writeJointSynthetic } from './synth.js'
export type { SyntheticPaths } from './synth.js'
export { EnclaveBackward, EnclaveForward, EnclaveLoad, EnclaveOp, EnclaveReply, JointShare } from './pb/joint.js'
