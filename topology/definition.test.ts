import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { checkUpdate, encodeDefinition, fromSigned, signNetwork, toSigned, verifyNetwork, withSubnet } from './definition.js'
import { parseBootstrap } from './network.js'
import { NetworkDefinition } from './pb/network-definition.js'
import { BOOTSTRAP } from './schema.js'
import type { Network } from './network.js'

async function ids (n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()))
}

const [h1, h2, h3, p1, p2, p3] = await ids(6) as [string, string, string, string, string, string]
const authority = await generateKeyPair('Ed25519')
const stranger = await generateKeyPair('Ed25519')

function json (): any {
  return {
    network: 'test',
    version: 1,
    authority: Buffer.from(publicKeyToProtobuf(authority.publicKey)).toString('base64'),
    attestationRoots: [{ name: 'root', publicKey: Buffer.from(publicKeyToProtobuf(stranger.publicKey)).toString('base64') }],
    subnets: [
      { name: 'a', hub: { peerId: h1, addrs: ['/ip4/198.18.1.2/tcp/4001'] }, members: [{ peerId: p1 }] },
      { name: 'b', hub: { name: 'hub-b', peerId: h2, addrs: ['/dns4/hub-b.example/tcp/4001'] }, members: [{ name: 'bee', peerId: p2 }] }
    ]
  }
}

const subnetC = { name: 'c', hub: { peerId: h3, addrs: ['/ip4/198.18.3.2/tcp/4001'] }, members: [{ peerId: p3 }] }

async function rejectsWith (current: Network, offered: Network, code: string, message: RegExp): Promise<void> {
  await assert.rejects(checkUpdate(current, offered), (e: any) => {
    assert.equal(e.name, 'NetworkUpdateError')
    assert.equal(e.code, code)
    assert.match(e.message, message)
    assert.ok(!e.message.includes('\n'))
    return true
  })
}

describe('signed network definitions', () => {
  it('the canonical encoding covers every field of bootstrap.json', () => {
    // a field added to the schema but not to the encoding would be unsigned: anyone could change it
    const signedFields = new Set(['network', 'version', 'authority', 'attestationRoots', 'subnets', 'signature'])
    assert.deepEqual(Object.keys(BOOTSTRAP.shape).filter(k => !signedFields.has(k)), [], 'add the new field to topology/pb/network-definition.proto and encodeDefinition')
  })

  it('signs, verifies, and survives JSON and the wire unchanged', async () => {
    const v1 = await signNetwork(parseBootstrap(json()), authority)
    assert.ok(await verifyNetwork(v1))
    // through bootstrap.json and back
    const reread = parseBootstrap(JSON.parse(JSON.stringify(v1.toJSON())))
    assert.ok(await verifyNetwork(reread))
    assert.deepEqual(encodeDefinition(reread), encodeDefinition(v1))
    // through the wire form and back
    const wired = fromSigned(toSigned(v1), 'peer')
    assert.ok(await verifyNetwork(wired))
    assert.equal(wired.named('bee')?.subnet, 'b')
    assert.equal(wired.subnet('b')?.hub.addrs[0]?.toString(), '/dns4/hub-b.example/tcp/4001')
  })

  it('any change to a signed definition breaks the signature', async () => {
    const v1 = (await signNetwork(parseBootstrap(json()), authority)).toJSON() as any
    const changes: Array<(j: any) => void> = [
      j => { j.version = 2 },
      j => { j.subnets[0].hub.addrs = ['/ip4/203.0.113.9/tcp/4001'] },
      j => { j.subnets[1].members[0].name = 'other' },
      j => { j.subnets[0].members.push({ peerId: p3 }) },
      j => { j.attestationRoots = [] }
    ]
    for (const change of changes) {
      const j = structuredClone(v1)
      change(j)
      assert.equal(await verifyNetwork(parseBootstrap(j)), false, `still verifies after ${change.toString()}`)
    }
  })

  it('refuses to sign with a key that is not the named authority', async () => {
    await assert.rejects(signNetwork(parseBootstrap(json()), stranger), /not the authority/)
  })

  it('accepts a newer version signed by the authority', async () => {
    const v1 = await signNetwork(parseBootstrap(json()), authority)
    const v2 = await signNetwork(withSubnet(v1, subnetC, 'test'), authority)
    assert.equal(v2.version, 2)
    assert.equal(v2.peer(p3)?.subnet, 'c')
    await checkUpdate(v1, fromSigned(toSigned(v2), 'peer'))
  })

  it('refuses unsigned, forged, older, current, foreign and re-keyed versions, saying why', async () => {
    const v1 = await signNetwork(parseBootstrap(json()), authority)
    const next = withSubnet(v1, subnetC, 'test')
    const v2 = await signNetwork(next, authority)
    await rejectsWith(v1, next, 'UNSIGNED', /version 2 is not signed/)
    const forged = parseBootstrap({ ...next.toJSON(), signature: (await signNetwork(parseBootstrap({ ...next.toJSON(), authority: undefined }), stranger)).toJSON().signature })
    await rejectsWith(v1, forged, 'BAD_SIGNATURE', /not the authority's/)
    await rejectsWith(v2, v1, 'OLDER', /version 1 is older than version 2/)
    await rejectsWith(v2, v2, 'CURRENT', /already in force/)
    const rekeyed = await signNetwork(parseBootstrap({ ...next.toJSON(), authority: undefined }), stranger)
    await rejectsWith(v1, rekeyed, 'AUTHORITY_CHANGED', /cannot change the authority/)
    const other = await signNetwork(parseBootstrap({ ...next.toJSON(), network: 'other', signature: undefined }), authority)
    await rejectsWith(v1, other, 'OTHER_NETWORK', /network "other", not "test"/)
    const without = await signNetwork(parseBootstrap({ ...json(), version: 3, subnets: [json().subnets[0], { ...json().subnets[1], members: [{ peerId: p3 }] }] }), authority)
    await checkUpdate(v1, without, v1.peer(h1)?.peerId)
    await assert.rejects(checkUpdate(v1, without, v1.peer(p2)?.peerId), (e: any) => e.code === 'EXCLUDED' && /does not keep this node \(bee\) as participant of subnet "b"/.test(e.message))
    const noAuthority = parseBootstrap({ ...json(), authority: undefined })
    await rejectsWith(noAuthority, v2, 'NO_AUTHORITY', /no authority key/)
  })

  it('a subnet whose names or peers are taken cannot be added', async () => {
    const v1 = await signNetwork(parseBootstrap(json()), authority)
    assert.throws(() => withSubnet(v1, { ...subnetC, name: 'a' }, 'entry.json'), /subnet name "a" is already used/)
    assert.throws(() => withSubnet(v1, { ...subnetC, members: [{ peerId: p1 }] }, 'entry.json'), /already a member of subnet "a"/)
  })

  it('refuses wire bytes that do not decode or break the topology rules', async () => {
    assert.throws(() => fromSigned({ definition: new Uint8Array([0xff, 0xff, 0xff]), signature: new Uint8Array(0) }, 'peer'), (e: any) => e.code === 'MALFORMED')
    const v1 = await signNetwork(parseBootstrap(json()), authority)
    const pb = NetworkDefinition.decode(encodeDefinition(v1))
    pb.subnets[1]!.members = []
    assert.throws(() => fromSigned({ definition: NetworkDefinition.encode(pb), signature: new Uint8Array(v1.signature!) }, 'peer'), (e: any) => e.code === 'MALFORMED' && /at least one member/.test(e.message))
    const many = NetworkDefinition.decode(encodeDefinition(v1))
    many.subnets[0]!.hub!.addrs = Array.from({ length: 17 }, () => many.subnets[0]!.hub!.addrs[0]!)
    assert.throws(() => fromSigned({ definition: NetworkDefinition.encode(many), signature: new Uint8Array(v1.signature!) }, 'peer'), (e: any) => e.code === 'MALFORMED' && /too many elements/.test(e.message))
  })
})
