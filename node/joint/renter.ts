/**
 * `shulian joint run` on the renter (A): a vertical federated linear regression with the partner
 * named in the training file (DESIGN §2.6). A leases lessors with an enclave, attests each, loads
 * its rows into them (AEAD), and opens the training with the partner (its HE public key, the share
 * key, which lessor holds which rows). Each round: every enclave sends the partner u = X̃_A w_A
 * HE-encrypted under A's key; the partner adds its part, and returns the residual ciphertexts and
 * its masked gradient sums; A decrypts, returns the masked sums' constant terms, sends each enclave
 * its rows' residuals (AEAD) and steps its weights with their gradient sums. Every completed round
 * is recorded, so `--resume` continues from the last one.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { peerIdFromString } from '@libp2p/peer-id'
import {
  HeRenter, JOINT_HE_SET, JointError, RenterModel, keyFingerprint, backwardInput, decodeEnclaveReply, enclaveOpParams, forwardInput, idDigest, loadInput,
  loadTrainingFile, lossOf, readAsUnmasked, readJointCsv, renterDecrypt, shouldStop, splitRows
} from '../../compute/index.js'
import { AeadPurpose, decodeHeParameters, decryptStream, encryptStream, heContext, heParamSet, loadSeal } from '../../keys/index.js'
import { jointAudit } from './audit.js'
import { JOINT_PROTOCOL, finishTraining, openTraining, roundWithPartner, runEnclave } from '../../protocols/joint/index.js'
import type { HeContext, HeParamSet } from '../../keys/index.js'
import type { Job, TaskRunner } from '../../compute/index.js'
import type { TeeSession } from '../../protocols/attest/index.js'
import type { LeaseTerms } from '../lease-guard.js'
import type { ShulianNode } from '../shulian-node.js'
import type { JointStore } from './store.js'
import type { PeerId } from '@libp2p/interface'

/** What `joint run --json` prints (a public contract: fields are added, never renamed). */
export interface JointReport {
  id: string
  name: string
  status: 'done' | 'failed'
  rounds: number
  loss: number[]
  weights: Record<string, number>
  rows: number
  partner: { peerId: string, name: string, route: string[] }
  lessors: Array<{ peerId: string, name: string, leaseId: string, start: number, rows: number, route: string[], tee: string }>
  /** payload bytes this renter sent and received, per other party (a lessor's `sent` includes nothing it forwarded) */
  traffic: Record<string, { sent: number, received: number }>
  /** the same during rounds only (setup excluded), plus "<lessor> → <partner>": the shares lessors forwarded */
  roundTraffic: Record<string, { sent: number, received: number }>
  /** seconds per round */
  roundSeconds: number[]
  simulatedTee: boolean
  resumedFrom: number
  ms: number
  error?: string
}

export interface JointProgress { round: number, maxRounds: number, loss: number[], phase: string }

interface Lessor { peer: PeerId, lease: LeaseTerms, start: number, rows: number, subtaskId: string, session?: TeeSession }

async function collect<T> (it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const x of it) out.push(x)
  return out
}

export class JointRunner {
  private readonly node: ShulianNode
  private readonly store: JointStore
  private readonly pool: () => TaskRunner
  private readonly progress = new Map<string, JointProgress>()

  constructor (node: ShulianNode, store: JointStore, pool: () => TaskRunner) {
    this.node = node
    this.store = store
    this.pool = pool
  }

  progressOf (id: string): JointProgress | undefined {
    return this.progress.get(id)
  }

  /** Validate the file, the data and the partner, then start (or resume) the training. */
  async start (options: { file: string, resume?: string }): Promise<{ id: string, done: Promise<JointReport> }> {
    const spec = await loadTrainingFile(options.file)
    let resumed = 0
    let weights: number[] | undefined
    let loss: number[] = []
    let id = `joint-${randomUUID().slice(0, 8)}`
    if (options.resume !== undefined) {
      const rec = this.store.get(options.resume, 'renter')
      if (rec === undefined) throw new JointError('SPEC', `--resume ${options.resume}: no training with that id on this node (see GET /joint/trainings)`)
      if (rec.status === 'running' && this.progress.has(rec.id)) throw new JointError('SPEC', `--resume ${options.resume}: that training is running`)
      if (rec.status === 'done') throw new JointError('SPEC', `--resume ${options.resume}: that training is done`)
      if (rec.hash !== spec.hash) throw new JointError('SPEC', `${spec.file}: not the training file ${rec.id} ran (${rec.file}, changed since); resume with the same file`)
      const rounds = this.store.rounds(rec.id, 'renter')
      const last = rounds.at(-1)
      if (last !== undefined) { resumed = last.round; weights = last.state.weights; loss = rounds.map(r => r.loss) }
      id = rec.id
    }
    const data = await readJointCsv(spec.dataPath, spec.spec.data.id, spec.spec.data.features)
    const model = new RenterModel(spec.dataPath, data.names, data.columns, weights)
    const network = this.node.config.network
    const partnerEntry = network.named(spec.spec.partner.peer) ?? network.peer(spec.spec.partner.peer)
    if (partnerEntry === undefined || partnerEntry.role !== 'participant') throw new JointError('SPEC', `${spec.file}: partner.peer "${spec.spec.partner.peer}" is no participant of this network`)
    if (partnerEntry.peerId.equals(this.node.config.self.peerId)) throw new JointError('SPEC', `${spec.file}: partner.peer names this node`)
    if (this.node.tee.policy === undefined) throw new JointError('SPEC', `joint trainings need trusted lessor enclaves, but ${this.node.tee.policyProblem ?? 'this node has no TEE policy'}`)
    const leases = await this.node.leasesForJob({ file: spec.file, spec: { name: spec.spec.name, lease: spec.spec.lease, budget: { policy: 'tee' } } } as unknown as Job, 'tee')
    if (leases.length === 0) throw new JointError('SPEC', `${spec.file}: no lease with an enclave to compute on`)
    this.store.begin({ id, role: 'renter', name: spec.spec.name, file: spec.file, hash: spec.hash, peer: partnerEntry.peerId.toString() })
    const maxRounds = spec.spec.training.maxRounds
    this.progress.set(id, { round: resumed, maxRounds, loss: [...loss], phase: 'starting' })
    const started = Date.now()
    const traffic: JointReport['traffic'] = {}
    const lessorsOut: JointReport['lessors'] = []
    const roundSeconds: number[] = []
    const nameOf = (p: string): string => network.peer(p)?.name ?? p.slice(-8)
    const route = (p: PeerId): string[] => this.node.circuits?.routeTo(p) ?? []
    const roundTraffic: JointReport['roundTraffic'] = {}
    let inRounds = false
    const count = (peer: string, t: { sent: number, received: number }): void => {
      for (const book of inRounds ? [traffic, roundTraffic] : [traffic]) {
        const e = book[nameOf(peer)] ??= { sent: 0, received: 0 }
        e.sent += t.sent
        e.received += t.received
      }
    }
    const partner = partnerEntry.peerId
    const audit = jointAudit(this.node.config.dataDir)
    const report = (status: JointReport['status'], error?: string): JointReport => ({
      id,
      name: spec.spec.name,
      status,
      rounds: loss.length,
      loss: [...loss],
      weights: Object.fromEntries(data.names.map((n, j) => [n, model.weights[j] as number])),
      rows: data.rows,
      partner: { peerId: partner.toString(), name: nameOf(partner.toString()), route: route(partner) },
      lessors: lessorsOut,
      traffic,
      roundTraffic,
      roundSeconds,
      simulatedTee: lessorsOut.some(l => l.tee.includes('simulated')),
      resumedFrom: resumed,
      ms: Date.now() - started,
      ...(error !== undefined ? { error } : {})
    })

    /** Failures say which party, in which step, failed. */
    const blame = async <T>(who: string, step: string, p: () => Promise<T>): Promise<T> => {
      try {
        return await p()
      } catch (err: any) {
        // peers by name: the partner and lessors appear in messages their nodes wrote
        let msg = oneLine(err)
        for (const p of [partner.toString(), ...leases.map(l => l.lessor)]) msg = msg.replaceAll(p, nameOf(p))
        throw new Error(`${step}: ${who}: ${msg}`)
      }
    }
    const partnerName = `partner ${nameOf(partner.toString())}`
    const lessorName = (l: Lessor): string => `lessor ${nameOf(l.lease.lessor)}`

    const run = async (): Promise<JointReport> => {
      const signal = AbortSignal.timeout(24 * 3600_000)
      const phase = (p: string): void => { const v = this.progress.get(id); if (v !== undefined) v.phase = p }
      const ranges = splitRows(data.rows, leases.map(l => l.cores))
      const lessors: Lessor[] = leases.map((lease, i) => ({ peer: peerIdFromString(lease.lessor), lease, start: ranges[i]?.start ?? 0, rows: (ranges[i]?.end ?? 0) - (ranges[i]?.start ?? 0), subtaskId: `${id}.${i + 1}` }))
        .filter(l => l.rows > 0)
      phase('keys')
      const he = await HeRenter.create(heParamSet(JOINT_HE_SET) as HeParamSet, this.pool())
      // FORWARD names the key the enclave must encrypt under by its SHA-256: the enclave holds the key since LOAD
      const bundle = keyFingerprint(he.keys.publicKey)
      const shareKey = new Uint8Array(randomBytes(32))
      let auditContext: HeContext | undefined
      const attest = this.node.libp2p.services.attest
      if (attest == null) throw new Error('this node cannot attest enclaves')
      const dial = async (p: PeerId): Promise<any> => this.node.libp2p.dialProtocol(p, JOINT_PROTOCOL, { signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]) })
      const enclaveRun = async (l: Lessor, op: 'load' | 'forward' | 'backward', round: number, input: Uint8Array): Promise<Uint8Array> => {
        const s = l.session as TeeSession
        const frames = await collect(encryptStream(s.keys.toEnclave, { purpose: AeadPurpose.data, leaseId: l.lease.id, subtaskId: l.subtaskId }, [input]))
        const r = await runEnclave(await dial(l.peer), {
          trainingId: id, round, leaseId: l.lease.id, subtaskId: l.subtaskId, sessionId: s.sessionId, params: enclaveOpParams(op, round),
          ...(op === 'forward' ? { partner: partner.toString(), hePublicBundle: bundle } : {})
        }, frames, { signal })
        count(l.lease.lessor, r.traffic)
        if (op === 'forward') {
          const e = roundTraffic[`${nameOf(l.lease.lessor)} → ${nameOf(partner.toString())}`] ??= { sent: 0, received: 0 }
          e.sent += r.forwardedBytes
          return new Uint8Array(0)
        }
        return Buffer.concat(await collect(decryptStream(s.keys.fromEnclave, { purpose: AeadPurpose.result, leaseId: l.lease.id, subtaskId: l.subtaskId }, r.frames)))
      }

      // the partner first: it refuses misaligned ids or other columns before any enclave is loaded
      phase('opening')
      const opened = await blame(partnerName, 'opening the training', async () => openTraining(await dial(partner), {
        trainingId: id, round: resumed, idColumn: spec.spec.data.id, features: spec.spec.partner.features, rows: data.rows, idDigest: idDigest(data.ids, id),
        heParams: he.paramsBytes, hePublicKey: he.keys.publicKey, shareKey, ranges: lessors.map(l => ({ lessor: l.lease.lessor, start: l.start, rows: l.rows })), step: spec.spec.training.step
      }, { signal }))
      count(partner.toString(), opened.traffic)

      phase('attesting')
      await Promise.all(lessors.map(async l => blame(lessorName(l), 'attesting and loading', async () => {
        // a lessor starts its enclave on first use: on a busy machine the first attestation may time out
        for (let attempt = 1; ; attempt++) {
          try {
            l.session = await attest.negotiate(l.peer, { leaseId: l.lease.id, subtaskIds: [l.subtaskId] }, { signal })
            break
          } catch (err: any) {
            if (attempt >= 3 || signal.aborted || !/timeout|timed out/i.test(String(err?.message))) throw err
          }
        }
        const columns = data.columns.map(c => c.subarray(l.start, l.start + l.rows))
        const reply = await enclaveRun(l, 'load', 0, loadInput({ trainingId: id, start: l.start, names: data.names, means: model.means, columns, heParams: he.paramsBytes, publicKey: he.keys.publicKey, shareKey }))
        decodeEnclaveReply(reply, { trainingId: id, round: 0, rows: l.rows, sums: 0 })
        lessorsOut.push({ peerId: l.lease.lessor, name: nameOf(l.lease.lessor), leaseId: l.lease.id, start: l.start, rows: l.rows, route: route(l.peer), tee: l.session.description })
      })))

      inRounds = true
      for (let round = resumed + 1; ; round++) {
        const t0 = Date.now()
        phase(`round ${round}: shares`)
        await Promise.all(lessors.map(async l => blame(lessorName(l), `round ${round}, shares for the partner`, async () => enclaveRun(l, 'forward', round, forwardInput(id, round, model.weights)))))
        phase(`round ${round}: partner`)
        let r: Float64Array | undefined
        const t = await blame(partnerName, `round ${round}`, async () => roundWithPartner(await dial(partner), id, round, async (residuals, masked) => {
          const view = await renterDecrypt(this.pool(), he.paramsBytes, he.keys.secretKey, lessors.map((l, i) => ({ rows: l.rows, residuals: residuals[i] ?? [] })), masked)
          r = view.r
          if (audit !== undefined) {
            auditContext ??= await loadSeal().then(seal => heContext(seal, decodeHeParameters(seal, he.paramsBytes).params))
            const ctx = auditContext as HeContext
            audit.renterView({ training: id, round, readAsUnmasked: masked.map((m, k) => readAsUnmasked(ctx, m, view.constants[k] as bigint)) })
          }
          return view.constants
        }, { signal }))
        count(partner.toString(), t)
        const residual = r as Float64Array
        phase(`round ${round}: gradient`)
        const sums = await Promise.all(lessors.map(async l => blame(lessorName(l), `round ${round}, gradient`, async () => {
          const reply = await enclaveRun(l, 'backward', round, backwardInput(id, round, residual.subarray(l.start, l.start + l.rows)))
          return decodeEnclaveReply(reply, { trainingId: id, round, rows: l.rows, sums: data.names.length }).sums
        })))
        const gradient = data.names.map((_, j) => sums.reduce((s, x) => s + (x[j] as number), 0))
        loss.push(lossOf(residual))
        model.step(gradient, spec.spec.training.step)
        this.store.round(id, 'renter', round, loss.at(-1) as number, { weights: Array.from(model.weights) })
        roundSeconds.push((Date.now() - t0) / 1000)
        const v = this.progress.get(id)
        if (v !== undefined) { v.round = round; v.loss = [...loss] }
        if (shouldStop(loss, maxRounds, spec.spec.training.tolerance)) break
      }
      phase('finishing')
      await blame(partnerName, 'finishing', async () => finishTraining(await dial(partner), id, model.offset(), { signal }))
      return report('done')
    }

    const done = run().then(r => {
      this.store.finish(id, 'renter', 'done', r)
      return r
    }, (err: any) => {
      const msg = `${oneLine(err)}; completed rounds are recorded: resume with \`shulian joint run ${spec.file} --resume ${id}\``
      const r = report('failed', msg)
      this.store.finish(id, 'renter', 'failed', r, msg)
      throw new Error(msg)
    }).finally(() => { this.progress.delete(id) })
    done.catch(() => {})
    return { id, done }
  }
}

function oneLine (err: any): string {
  return String(err?.message ?? err).split('\n')[0]?.slice(0, 300) ?? 'failed'
}
