/**
 * The partner's checks, without a network: what the renter expects against the served file
 * (columns, ids, keys), and shares that come from the wrong party (another HE key, another share
 * key, a peer the renter did not name).
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { HeRenter } from '../../compute/he/index.js'
import { JOINT_HE_SET, createJointPool, idDigest, keyFingerprint, readJointCsv, shareTag, writeJointSynthetic } from '../../compute/joint/index.js'
import { heParamSet } from '../../keys/index.js'
import { JointPartner } from './partner.js'
import { JointStore } from './store.js'
import type { HeParamSet } from '../../keys/index.js'
import type { JointOpenRequest } from '../../protocols/joint/index.js'
import type { PeerId } from '@libp2p/interface'

const ROWS = 600

describe('the partner of a joint training', () => {
  const pool = createJointPool(1)
  let dir: string
  let store: JointStore
  let partner: JointPartner
  let renter: HeRenter
  let other: HeRenter
  let a: PeerId
  let b: PeerId
  let stranger: PeerId
  let open: JointOpenRequest

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'joint-partner-'))
    const paths = await writeJointSynthetic(dir, ROWS, 5)
    store = new JointStore(dir)
    partner = new JointPartner(store, () => pool)
    await partner.serve({ data: paths.partner, id: 'id', label: 'score' })
    renter = await HeRenter.create(heParamSet(JOINT_HE_SET) as HeParamSet, pool)
    other = await HeRenter.create(heParamSet(JOINT_HE_SET) as HeParamSet, pool)
    const peer = async (): Promise<PeerId> => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    a = await peer()
    b = await peer()
    stranger = await peer()
    const ids = (await readJointCsv(paths.renter, 'id', ['income'])).ids
    open = {
      trainingId: 't-1', round: 0, idColumn: 'id', features: ['spend', 'visits', 'returns'], rows: ROWS, idDigest: idDigest(ids, 't-1'),
      heParams: renter.paramsBytes, hePublicKey: renter.keys.publicKey, shareKey: new Uint8Array(32).fill(3), ranges: [{ lessor: b.toString(), start: 0, rows: ROWS }], step: 1
    }
  })
  after(async () => {
    store.close()
    await pool.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses an OPEN whose columns, ids or key are not the served file\'s, in one line each', async () => {
    const h = partner.handlers()
    assert.ok(h !== undefined)
    const refused = async (req: JointOpenRequest, code: string, re: RegExp): Promise<void> => {
      await assert.rejects(h.open(a, req, {}), (e: any) => e.code === code && re.test(e.message) && !e.message.includes('\n'))
    }
    await refused({ ...open, features: ['spend', 'visits'] }, 'COLUMNS', /expects the partner's features \[spend, visits\] \(2\), but .*partner\.csv has \[spend, visits, returns\] \(3\)/)
    await refused({ ...open, idColumn: 'customer' }, 'COLUMNS', /aligns rows by column "customer"/)
    await refused({ ...open, idDigest: idDigest(['x'], 't-1') }, 'MISALIGNED', /ids .* are not the ids of .*partner\.csv/)
    await refused({ ...open, hePublicKey: new Uint8Array(100) }, 'BAD_KEY', /public key are unusable/)
    await refused({ ...open, ranges: [{ lessor: b.toString(), start: 0, rows: ROWS - 1 }] }, 'MALFORMED', /cover 599 of 600 rows/)
  })

  it('takes only shares the renter\'s enclave made under the renter\'s key, from the lessor named for those rows', async () => {
    const h = partner.handlers()
    assert.ok(h !== undefined)
    assert.deepEqual(await h.open(a, open, {}), { round: 0 })
    // another renter cannot take the training over
    await assert.rejects(h.open(stranger, open, {}), (e: any) => e.code === 'UNKNOWN_TRAINING' && /another renter's/.test(e.message))
    const u = new Float64Array(ROWS).fill(0.5)
    const share = async (key: HeRenter, shareKey: Uint8Array): Promise<{ trainingId: string, round: number, start: number, rows: number, keyFingerprint: Uint8Array, tag: Uint8Array, ciphertexts: Uint8Array[] }> => {
      const ciphertexts = await pool.run<Uint8Array[]>('jointEncryptUnder', { params: key.paramsBytes, publicKey: key.keys.publicKey, values: u })
      const fields = { trainingId: 't-1', round: 1, start: 0, rows: ROWS, keyFingerprint: keyFingerprint(key.keys.publicKey) }
      return { ...fields, tag: shareTag(shareKey, fields, ciphertexts), ciphertexts }
    }
    const good = await share(renter, open.shareKey)
    // a key from the wrong party
    await assert.rejects(h.share(b, await share(other, open.shareKey)), (e: any) => e.code === 'BAD_KEY' && /not the renter's .*another party/.test(e.message))
    await assert.rejects(h.share(b, await share(renter, new Uint8Array(32).fill(9))), (e: any) => e.code === 'BAD_SHARE' && /does not authenticate/.test(e.message))
    await assert.rejects(h.share(stranger, good), (e: any) => e.code === 'BAD_SHARE' && /did not name/.test(e.message))
    await assert.rejects(h.share(b, { ...good, round: 2 }), (e: any) => e.code === 'OUT_OF_ORDER')
    // nothing accepted yet: the round cannot run
    await assert.rejects(h.round(a, 't-1', 1, {}), (e: any) => e.code === 'OUT_OF_ORDER' && /no share of round 1/.test(e.message))
    await h.share(b, good)
    await assert.rejects(h.round(stranger, 't-1', 1, {}), (e: any) => e.code === 'UNKNOWN_TRAINING')
    const out = await h.round(a, 't-1', 1, {})
    assert.equal(out.residuals.length, 1)
    assert.equal(out.masked.length, 4, 'Σ r and one sum per feature')
  })
})
