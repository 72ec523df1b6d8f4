/**
 * The partner's side (C) of joint trainings: the data it serves (`shulian joint serve`), and the
 * handlers `/shulian/joint/1.0.0` calls. C checks what the renter expects against its data (id
 * column, features, the digest of the ids), keeps its weights and intercept to itself, computes
 * each round on ciphertexts (its data encrypted under the renter's key, the lessors' shares), masks
 * its gradient sums before the renter sees them, and records every completed round.
 */
import { open } from 'node:fs/promises'
import { logger } from '@libp2p/logger'
import {
  JOINT_HE_SET, JointError, PartnerModel, checkPartnerMagnitudes, idDigest, keyFingerprint, partnerRound, readJointCsv, unmaskedSum, verifyShareTag
} from '../../compute/joint/index.js'
import { bytesEqual, decodeHeParameters, heContext, loadPublicKey, loadSeal, peekHeParameters } from '../../keys/index.js'
import { slotsOf } from '../../compute/he/index.js'
import { JointProtocolError } from '../../protocols/joint/index.js'
import type { JointData, MaskedSum, PartnerState } from '../../compute/joint/index.js'
import type { TaskRunner } from '../../compute/index.js'
import type { JointOpenRequest, JointPartnerHandlers, JointRoundOutput, JointShareIn } from '../../protocols/joint/index.js'
import type { JointStore } from './store.js'
import type { PeerId } from '@libp2p/interface'

const log = logger('shulian:joint:partner')

export interface ServeOptions {
  data: string
  /** the id column (default "id") */
  id: string
  /** the label column (default "y"); every other column is a feature */
  label: string
}

/** What `joint serve` shows. */
export interface ServeStatus {
  serving: boolean
  data?: string
  id?: string
  label?: string
  features?: string[]
  rows?: number
  trainings: Array<{ id: string, renter: string, round: number, status: string, weights?: Record<string, number>, intercept?: number, error?: string }>
}

interface Session {
  id: string
  renter: string
  open: JointOpenRequest
  model: PartnerModel
  /** completed rounds */
  round: number
  shares: Map<number, JointShareIn>
  fingerprint: Uint8Array
  busy: boolean
  status: 'running' | 'done'
  result?: { weights: Record<string, number>, intercept: number }
}

async function header (path: string): Promise<string[]> {
  let fh
  try {
    fh = await open(path, 'r')
  } catch (e: any) {
    throw new JointError('DATA', `${path}: cannot read the data file (${e.code ?? e.message})`)
  }
  try {
    const buf = Buffer.alloc(64 * 1024)
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    const line = buf.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? ''
    return line.split(',').map(s => s.trim().replace(/^"(.*)"$/, '$1')).filter(s => s !== '')
  } finally {
    await fh.close()
  }
}

export class JointPartner {
  private readonly store: JointStore
  private readonly pool: () => TaskRunner
  private served?: { options: ServeOptions, data: JointData, features: string[], y: Float64Array }
  private readonly sessions = new Map<string, Session>()
  private readonly finished: ServeStatus['trainings'] = []

  constructor (store: JointStore, pool: () => TaskRunner) {
    this.store = store
    this.pool = pool
  }

  /** Serve `options.data` (replacing what was served). Bad files fail here, in one line. */
  async serve (options: ServeOptions): Promise<ServeStatus> {
    const cols = await header(options.data)
    for (const [what, name] of [['id', options.id], ['label', options.label]] as const) {
      if (!cols.includes(name)) throw new JointError('DATA', `${options.data}: header has no ${what} column "${name}" (it has ${cols.map(c => `"${c}"`).join(', ')}); name it with --${what}`)
    }
    const features = cols.filter(c => c !== options.id && c !== options.label)
    if (features.length === 0) throw new JointError('DATA', `${options.data}: no feature columns besides "${options.id}" and "${options.label}"`)
    const data = await readJointCsv(options.data, options.id, [...features, options.label])
    const y = data.columns.pop() as Float64Array
    data.names.pop()
    // the features must be usable before any renter comes (constant columns, outliers)
    checkPartnerMagnitudes(new PartnerModel(options.data, features, data.columns, y), options.data)
    this.served = { options, data, features, y }
    this.finished.length = 0
    log('serving %s: %d rows, features %s', options.data, data.rows, features.join(', '))
    return this.status()
  }

  stopServing (): void {
    this.served = undefined
    this.sessions.clear()
  }

  status (): ServeStatus {
    const s = this.served
    return {
      serving: s !== undefined,
      ...(s !== undefined ? { data: s.options.data, id: s.options.id, label: s.options.label, features: s.features, rows: s.data.rows } : {}),
      trainings: [
        ...[...this.sessions.values()].filter(x => x.status === 'running').map(x => ({ id: x.id, renter: x.renter, round: x.round, status: 'running' })),
        ...this.finished
      ]
    }
  }

  handlers (): JointPartnerHandlers | undefined {
    if (this.served === undefined) return undefined
    return {
      open: async (from, req) => this.open(from, req),
      share: async (from, share) => { this.share(from, share) },
      round: async (from, id, round) => this.round(from, id, round),
      finish: async (from, id, offset) => { this.finish(from, id, offset) }
    }
  }

  private async open (from: PeerId, req: JointOpenRequest): Promise<{ round: number }> {
    const s = this.served
    if (s === undefined) throw new JointProtocolError('NOT_SERVING', 'this node serves no data now')
    const file = s.options.data
    if (req.idColumn !== s.options.id) throw new JointProtocolError('COLUMNS', `the renter aligns rows by column "${req.idColumn}", but ${file} has its ids in "${s.options.id}"`)
    const want = [...req.features].sort().join(', ')
    if (want !== [...s.features].sort().join(', ')) {
      throw new JointProtocolError('COLUMNS', `the renter expects the partner's features [${req.features.join(', ')}] (${req.features.length}), but ${file} has [${s.features.join(', ')}] (${s.features.length})`)
    }
    if (req.rows !== s.data.rows || !bytesEqual(req.idDigest, idDigest(s.data.ids, req.trainingId))) {
      throw new JointProtocolError('MISALIGNED', `the renter's ids (${req.rows} rows) are not the ids of ${file} (${s.data.rows} rows); both id columns must hold the same ids`)
    }
    const held = this.store.get(req.trainingId, 'partner')
    if (held !== undefined && held.peer !== from.toString()) throw new JointProtocolError('UNKNOWN_TRAINING', `training ${req.trainingId} is another renter's; choose another training id`)
    if (req.shareKey.byteLength !== 32) throw new JointProtocolError('MALFORMED', 'the share key must be 32 bytes')
    if (!(req.step > 0 && req.step <= 1)) throw new JointProtocolError('MALFORMED', `step ${req.step} is not in (0, 1]`)
    let at = 0
    for (const r of req.ranges) {
      if (r.start !== at || r.rows < 1) throw new JointProtocolError('MALFORMED', 'the lessors\' ranges must cover the rows in order')
      at += r.rows
    }
    if (at !== req.rows || req.ranges.length === 0) throw new JointProtocolError('MALFORMED', `the lessors' ranges cover ${at} of ${req.rows} rows`)
    try {
      const seal = await loadSeal()
      const { set, params } = decodeHeParameters(seal, req.heParams)
      if (set.name !== JOINT_HE_SET) throw new Error(`joint trainings use ${JOINT_HE_SET}, not ${set.name}`)
      loadPublicKey(heContext(seal, params), req.hePublicKey).delete()
    } catch (e: any) {
      throw new JointProtocolError('BAD_KEY', `the renter's HE parameters or public key are unusable: ${String(e.message).slice(0, 200)}`)
    }
    // the order the renter lists features in is the order of the gradient sums
    const columns = req.features.map(f => s.data.columns[s.features.indexOf(f)] as Float64Array)
    let state: PartnerState | undefined
    if (req.round > 0) {
      const rec = this.store.get(req.trainingId, 'partner')
      const saved = this.store.rounds(req.trainingId, 'partner').find(r => r.round === req.round)
      if (rec === undefined || rec.peer !== from.toString() || saved === undefined) {
        throw new JointProtocolError('OUT_OF_ORDER', `no record of round ${req.round} of training ${req.trainingId} for this renter here; start the training again`)
      }
      state = saved.state as PartnerState
    }
    const model = new PartnerModel(file, req.features, columns, s.y, state)
    this.store.begin({ id: req.trainingId, role: 'partner', name: req.trainingId, file, hash: '', peer: from.toString() })
    if (req.round === 0) this.store.round(req.trainingId, 'partner', 0, 0, model.state())
    this.sessions.set(req.trainingId, { id: req.trainingId, renter: from.toString(), open: req, model, round: req.round, shares: new Map(), fingerprint: keyFingerprint(req.hePublicKey), busy: false, status: 'running' })
    log('training %s from %p opened at round %d', req.trainingId, from, req.round)
    return { round: req.round }
  }

  private session (id: string): Session {
    const x = this.sessions.get(id)
    if (x === undefined || x.status !== 'running') throw new JointProtocolError('UNKNOWN_TRAINING', `no open training ${id} here`)
    return x
  }

  private share (from: PeerId, share: JointShareIn): void {
    const x = this.session(share.trainingId)
    const range = x.open.ranges.find(r => r.start === share.start && r.rows === share.rows)
    if (range === undefined || range.lessor !== from.toString()) {
      throw new JointProtocolError('BAD_SHARE', `a share of rows ${share.start}+${share.rows} from ${from.toString()}, which the renter did not name for those rows`)
    }
    if (share.round !== x.round + 1) throw new JointProtocolError('OUT_OF_ORDER', `a share of round ${share.round}; the training is at round ${x.round + 1}`)
    if (!bytesEqual(share.keyFingerprint, x.fingerprint)) {
      throw new JointProtocolError('BAD_KEY', `a share under HE key ${hex(share.keyFingerprint)}, not the renter's ${hex(x.fingerprint)}: it came from another party`)
    }
    const fields = { trainingId: share.trainingId, round: share.round, start: share.start, rows: share.rows, keyFingerprint: share.keyFingerprint }
    if (!verifyShareTag(x.open.shareKey, fields, share.ciphertexts, share.tag)) {
      throw new JointProtocolError('BAD_SHARE', `the share of rows ${share.start}+${share.rows} does not authenticate under the training's share key (not made by the renter's attested enclave)`)
    }
    x.shares.set(share.start, share)
  }

  private async round (from: PeerId, id: string, round: number): Promise<JointRoundOutput> {
    const x = this.session(id)
    if (x.renter !== from.toString()) throw new JointProtocolError('UNKNOWN_TRAINING', `training ${id} is not ${from.toString()}'s`)
    if (round !== x.round + 1) throw new JointProtocolError('OUT_OF_ORDER', `round ${round} asked; the training is at round ${x.round + 1}`)
    const missing = x.open.ranges.filter(r => x.shares.get(r.start)?.round !== round)
    if (missing.length > 0) throw new JointProtocolError('OUT_OF_ORDER', `no share of round ${round} yet for rows ${missing.map(r => `${r.start}+${r.rows}`).join(', ')}`)
    if (x.busy) throw new JointProtocolError('OUT_OF_ORDER', `round ${round} is already being computed`)
    x.busy = true
    let masked: MaskedSum[]
    let out
    try {
      out = await partnerRound(this.pool(), x.open.heParams, x.open.hePublicKey, x.model, x.open.ranges.map(r => {
        const s = x.shares.get(r.start) as JointShareIn
        return { start: r.start, rows: r.rows, shares: s.ciphertexts }
      }))
      masked = out.masked
    } catch (e) {
      x.busy = false
      throw e
    }
    const slots = slotsOf(peekHeParameters(x.open.heParams).set)
    return {
      residuals: out.residuals,
      masked: masked.map(m => m.masked),
      commit: async (constants) => {
        try {
          const sums = constants.map((c, k) => unmaskedSum(c, masked[k] as MaskedSum, slots))
          if (sums.some(v => !Number.isFinite(v))) throw new JointProtocolError('MALFORMED', 'a returned constant does not unmask to a number')
          x.model.step(sums[0] as number, sums.slice(1), x.open.step)
          x.round = round
          x.shares.clear()
          this.store.round(id, 'partner', round, 0, x.model.state())
        } finally {
          x.busy = false
        }
      }
    }
  }

  private finish (from: PeerId, id: string, offset: number): void {
    const x = this.session(id)
    if (x.renter !== from.toString()) throw new JointProtocolError('UNKNOWN_TRAINING', `training ${id} is not ${from.toString()}'s`)
    const result = x.model.rawWeights(offset)
    x.status = 'done'
    x.result = result
    this.store.finish(id, 'partner', 'done', { rounds: x.round, ...result })
    this.finished.push({ id, renter: x.renter, round: x.round, status: 'done', ...result })
    this.sessions.delete(id)
    log('training %s done after %d rounds', id, x.round)
  }
}

function hex (b: Uint8Array): string {
  return Buffer.from(b).toString('hex').slice(0, 16)
}
