/**
 * `joint-linreg` inside the enclave: a lessor's part of a joint linear regression (compute/joint).
 * The renter loads the lessor's rows once (LOAD, AEAD); each round it sends its weights (FORWARD)
 * and the enclave returns u = (X − μ) w over those rows HE-encrypted under the renter's public key,
 * as a share for the partner, tagged with the training's share key; then it sends the round's
 * residuals (BACKWARD, AEAD) and gets the gradient sums of those rows back (AEAD).
 *
 * The renter's public key and the share key come through the attested AEAD channel only. A FORWARD
 * run names the public key its output is to be under (RunBegin.hePublicKey, passed on by the
 * lessor's node); the enclave encrypts only under the key the renter loaded, and refuses a run
 * that names another: a lessor's node that put its own key there would otherwise get u, a linear
 * function of the renter's rows, encrypted for itself.
 */
import { bytesEqual, decodeHeParameters, heContext, loadPublicKey, loadSeal } from '../../../keys/index.js'
import {
  EnclaveBackward, EnclaveForward, EnclaveLoad, EnclaveOp, EnclaveReply, JOINT_HE_SET, JointShare, MAX_RESIDUAL, SHARE_KEY_LENGTH,
  centeredGradient, centeredProduct, encryptUnder, f64Values, keyFingerprint, shareTag
} from '../../joint/index.js'
import { EnclaveProgramError } from '../programs.js'
import { HePublicBundle } from './pb/job.js'
import type { EnclaveProgram, HeResultEncryptor, ProgramContext } from '../programs.js'

/** The kind tasks name to run a lessor's part of a joint linear regression. */
export const JOINT_LINREG = 'joint-linreg'

const MAX_FEATURES = 256

/** What LOAD keeps in the session for later rounds. */
class Loaded {
  constructor (
    readonly trainingId: string,
    readonly start: number,
    readonly rows: number,
    readonly means: Float64Array,
    readonly columns: Float64Array[],
    readonly heParams: Uint8Array,
    readonly publicKey: Uint8Array,
    readonly shareKey: Uint8Array
  ) {}

  dispose (): void {
    for (const c of this.columns) c.fill(0)
    this.shareKey.fill(0)
  }
}

function session (ctx: ProgramContext | undefined): ProgramContext {
  if (ctx === undefined) throw new EnclaveProgramError(`${JOINT_LINREG}: runs only in an enclave session`)
  return ctx
}

function stateKey (ctx: ProgramContext): string {
  return `${JOINT_LINREG}:${ctx.subtaskId}`
}

function decode<T> (codec: { decode: (b: Uint8Array) => T }, bytes: Uint8Array, what: string): T {
  try {
    return codec.decode(bytes)
  } catch {
    throw new EnclaveProgramError(`${JOINT_LINREG}: undecodable ${what}`)
  }
}

function loaded (ctx: ProgramContext, trainingId: string): Loaded {
  const l = ctx.state.get(stateKey(ctx))
  if (!(l instanceof Loaded)) throw new EnclaveProgramError(`${JOINT_LINREG}: nothing loaded for subtask ${ctx.subtaskId.slice(0, 64)} in this session (LOAD first)`)
  if (l.trainingId !== trainingId) throw new EnclaveProgramError(`${JOINT_LINREG}: subtask ${ctx.subtaskId.slice(0, 64)} holds another training`)
  return l
}

/** The op of a run; the op and round inside the (authenticated) input must say the same. */
function opOf (params: Uint8Array): EnclaveOp {
  return decode(EnclaveOp, params, 'parameters')
}

async function load (input: Uint8Array, ctx: ProgramContext): Promise<Uint8Array> {
  const m = decode(EnclaveLoad, input, 'load')
  const d = m.names.length
  if (d < 1 || d > MAX_FEATURES || m.means.length !== d) throw new EnclaveProgramError(`${JOINT_LINREG}: load names ${d} features and ${m.means.length} means`)
  if (m.rows < 1 || m.values.byteLength !== m.rows * d * 8) throw new EnclaveProgramError(`${JOINT_LINREG}: load holds ${m.values.byteLength} bytes for ${m.rows} rows of ${d} features`)
  if (m.shareKey.byteLength !== SHARE_KEY_LENGTH) throw new EnclaveProgramError(`${JOINT_LINREG}: the share key must be ${SHARE_KEY_LENGTH} bytes`)
  if (m.trainingId.length === 0 || m.trainingId.length > 128) throw new EnclaveProgramError(`${JOINT_LINREG}: training id must be 1 to 128 characters`)
  // keys/he checks the parameters (an allowed 128-bit set) and the key before SEAL loads them
  try {
    const seal = await loadSeal()
    const { set } = decodeHeParameters(seal, m.heParams)
    if (set.name !== JOINT_HE_SET) throw new Error(`joint rounds run under ${JOINT_HE_SET}, not ${set.name}`)
    loadPublicKey(heContext(seal, decodeHeParameters(seal, m.heParams).params), m.hePublicKey).delete()
  } catch (e: any) {
    throw new EnclaveProgramError(`${JOINT_LINREG}: unusable HE parameters or public key: ${String(e.message).slice(0, 200)}`)
  }
  const values = f64Values(m.values)
  const columns = Array.from({ length: d }, (_, j) => values.slice(j * m.rows, (j + 1) * m.rows))
  values.fill(0)
  const previous = ctx.state.get(stateKey(ctx)) as Loaded | undefined
  previous?.dispose?.()
  ctx.state.set(stateKey(ctx), new Loaded(m.trainingId, m.start, m.rows, Float64Array.from(m.means), columns, m.heParams.slice(), m.hePublicKey.slice(), m.shareKey.slice()))
  return EnclaveReply.encode({ trainingId: m.trainingId, round: 0, rows: m.rows, sums: [] })
}

function backward (input: Uint8Array, op: EnclaveOp, ctx: ProgramContext): Uint8Array {
  const m = decode(EnclaveBackward, input, 'backward')
  if (m.round !== op.round) throw new EnclaveProgramError(`${JOINT_LINREG}: residuals of round ${m.round} in a run for round ${op.round}`)
  const l = loaded(ctx, m.trainingId)
  const r = f64Values(m.residuals)
  if (r.length !== l.rows) throw new EnclaveProgramError(`${JOINT_LINREG}: ${r.length} residuals for ${l.rows} rows`)
  return EnclaveReply.encode({ trainingId: m.trainingId, round: m.round, rows: l.rows, sums: Array.from(centeredGradient(l.columns, l.means, r)) })
}

export const jointProgram: EnclaveProgram = {
  kind: JOINT_LINREG,
  run: async (input, params, context) => {
    const ctx = session(context)
    const op = opOf(params)
    switch (op.op) {
      case EnclaveOp.Op.LOAD: return load(input, ctx)
      case EnclaveOp.Op.BACKWARD: return backward(input, op, ctx)
      case EnclaveOp.Op.FORWARD: throw new EnclaveProgramError(`${JOINT_LINREG}: FORWARD runs with HE protection (its output goes to the partner, not back)`)
      default: throw new EnclaveProgramError(`${JOINT_LINREG}: unknown op`)
    }
  }
}

/** FORWARD: the round's share, HE-encrypted under the renter's key and tagged for the partner. */
export const jointHeEncryptor: HeResultEncryptor = {
  encrypt: async (input, params, hePublicKey, kind, context) => {
    const ctx = session(context)
    if (kind !== JOINT_LINREG) throw new EnclaveProgramError(`${JOINT_LINREG}: cannot encrypt '${kind.slice(0, 64)}'`)
    const op = opOf(params)
    if (op.op !== EnclaveOp.Op.FORWARD) throw new EnclaveProgramError(`${JOINT_LINREG}: only FORWARD runs have HE-protected output`)
    const m = decode(EnclaveForward, input, 'forward')
    if (m.round !== op.round || m.round < 1) throw new EnclaveProgramError(`${JOINT_LINREG}: weights of round ${m.round} in a run for round ${op.round}`)
    const l = loaded(ctx, m.trainingId)
    // the run names the key by its SHA-256 (the renter's key is already here) or as a whole bundle
    const named = hePublicKey.byteLength === 32 ? hePublicKey : keyFingerprint(decode(HePublicBundle, hePublicKey, 'HE public key bundle').publicKey)
    const namedParams = hePublicKey.byteLength === 32 ? l.heParams : decode(HePublicBundle, hePublicKey, 'HE public key bundle').params
    if (!bytesEqual(named, keyFingerprint(l.publicKey)) || !bytesEqual(namedParams, l.heParams)) {
      throw new EnclaveProgramError(`${JOINT_LINREG}: the run names an HE public key (fingerprint ${hex(named)}) that is not the renter's (${hex(keyFingerprint(l.publicKey))}); it came from another party`)
    }
    if (m.weights.length !== l.columns.length || m.weights.some(w => !Number.isFinite(w))) throw new EnclaveProgramError(`${JOINT_LINREG}: ${m.weights.length} weights for ${l.columns.length} features`)
    const u = centeredProduct(l.columns, l.means, m.weights)
    for (const v of u) {
      if (!(Math.abs(v) <= MAX_RESIDUAL)) {
        u.fill(0)
        throw new EnclaveProgramError(`${JOINT_LINREG}: the weights of round ${m.round} give values beyond the ${MAX_RESIDUAL} the joint HE parameters hold`)
      }
    }
    const seal = await loadSeal()
    const ciphertexts = encryptUnder(heContext(seal, decodeHeParameters(seal, l.heParams).params), l.publicKey, u)
    u.fill(0)
    const fields = { trainingId: m.trainingId, round: m.round, start: l.start, rows: l.rows, keyFingerprint: keyFingerprint(l.publicKey) }
    return JointShare.encode({ ...fields, keyFingerprint: fields.keyFingerprint as Uint8Array<ArrayBuffer>, ciphertexts: ciphertexts as Array<Uint8Array<ArrayBuffer>>, tag: shareTag(l.shareKey, fields, ciphertexts) as Uint8Array<ArrayBuffer> })
  }
}

function hex (b: Uint8Array): string {
  return Buffer.from(b).toString('hex').slice(0, 16)
}
