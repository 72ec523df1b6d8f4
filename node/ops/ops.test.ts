import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generatePeerKey, savePeerKey } from '../../keys/index.js'
import { loadNodeConfig } from '../config.js'
import { STORED_NETWORK_FILE, startingNetwork, storeNetwork } from '../network-state.js'
import { addSubnet, createNetwork, signDefinition, verifyDefinition } from './network-edit.js'
import { createSubnet } from './subnet-create.js'
import { loadBootstrap } from '../../topology/index.js'

describe('subnet create and the authority commands', () => {
  let dir: string
  const authority = (): string => join(dir, 'authority.key')
  const json = async (path: string, value: unknown): Promise<string> => { await writeFile(path, JSON.stringify(value)); return path }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shulian-ops-'))
    await savePeerKey(authority(), await generatePeerKey())
  })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('prepares keys (0600), node configs with listen and announce, and the public entry', async () => {
    const config = await json(join(dir, 'a.json'), {
      name: 'a',
      hub: { listen: ['/ip4/0.0.0.0/tcp/4001'], announce: ['/dns4/hub-a.example.org/tcp/4001'], api: '127.0.0.1:9001' },
      members: 2
    })
    const r = await createSubnet(config, join(dir, 'a'))
    assert.deepEqual(r.nodes.map(n => n.name), ['hub-a', 'a-1', 'a-2'])
    for (const n of r.nodes) assert.equal((await stat(join(n.dir, 'peer.key'))).mode & 0o777, 0o600)
    const hub = JSON.parse(await readFile(join(dir, 'a', 'hub-a', 'node.json'), 'utf8'))
    assert.deepEqual([hub.listen, hub.announce, hub.api, hub.bootstrap], [['/ip4/0.0.0.0/tcp/4001'], ['/dns4/hub-a.example.org/tcp/4001'], '127.0.0.1:9001', '../bootstrap.json'])
    const member = JSON.parse(await readFile(join(dir, 'a', 'a-2', 'node.json'), 'utf8'))
    assert.deepEqual(member.listen, [], 'members counted, not described, listen nowhere: they only dial their hub')
    const entry = JSON.parse(await readFile(r.entry, 'utf8'))
    assert.deepEqual(entry.hub.addrs, ['/dns4/hub-a.example.org/tcp/4001'], 'the definition gets the announce address')
    assert.equal(entry.members.length, 2)
    await assert.rejects(createSubnet(config, join(dir, 'a')), /already exists; `subnet create` never overwrites/)
  })

  it('refuses a hub that others could not dial, naming the field', async () => {
    const wildcard = await json(join(dir, 'w.json'), { name: 'w', hub: { listen: ['/ip4/0.0.0.0/tcp/4001'] }, members: 1 })
    await assert.rejects(createSubnet(wildcard, join(dir, 'w')), (e: any) => e.exitCode === 2 && /w\.json: hub\.listen\[0\]: .*wildcard.*"announce"/.test(e.message))
    const port0 = await json(join(dir, 'p.json'), { name: 'p', hub: { listen: ['/ip4/198.18.0.2/tcp/0'] }, members: 1 })
    await assert.rejects(createSubnet(port0, join(dir, 'p')), /hub\.listen\[0\]: .*port 0/)
    const badTee = await json(join(dir, 'e.json'), { name: 'e', hub: { listen: ['/ip4/198.18.0.2/tcp/1'] }, members: [{ tee: { enclave: 'sgx' } }] })
    await assert.rejects(createSubnet(badTee, join(dir, 'e')), /e\.json: members\[0\]\.tee: enclave: /)
    const typo = await json(join(dir, 't.json'), { name: 't', hub: { listen: ['/ip4/198.18.0.2/tcp/1'] }, member: 1 })
    await assert.rejects(createSubnet(typo, join(dir, 't')), /t\.json: members: must be how many members .* \(and 1 more problem\)/)
  })

  it('creates version 1, adds a subnet as version 2, and both verify; another key cannot sign it', async () => {
    const b = await createSubnet(await json(join(dir, 'b.json'), { name: 'b', hub: { listen: ['/ip4/198.18.2.2/tcp/4001'] }, members: 1 }), join(dir, 'b'))
    const c = await createSubnet(await json(join(dir, 'c.json'), { name: 'c', hub: { listen: ['/ip4/198.18.3.2/tcp/4001'] }, members: 1 }), join(dir, 'c'))
    const v1 = await createNetwork({ network: 'ops', authorityKey: authority(), subnets: [join(dir, 'a', 'subnet-entry.json'), b.entry], out: join(dir, 'v1.json') })
    assert.deepEqual([v1.version, v1.subnets, v1.signed], [1, ['a', 'b'], true])
    const v2 = await addSubnet({ bootstrap: v1.file, entry: c.entry, authorityKey: authority(), out: join(dir, 'v2.json') })
    assert.deepEqual([v2.version, v2.subnets, (await verifyDefinition(v2.file)).signed], [2, ['a', 'b', 'c'], true])

    const stranger = join(dir, 'stranger.key')
    await savePeerKey(stranger, await generatePeerKey())
    await assert.rejects(addSubnet({ bootstrap: v1.file, entry: c.entry, authorityKey: stranger, out: join(dir, 'x.json') }), /not the authority of the network/)
    await assert.rejects(addSubnet({ bootstrap: v2.file, entry: c.entry, authorityKey: authority(), out: join(dir, 'x.json') }), /subnet name "c" is already used/)
  })

  it('a definition changed after signing no longer verifies; re-signing with a higher version fixes it', async () => {
    const path = join(dir, 'edited.json')
    const v2 = JSON.parse(await readFile(join(dir, 'v2.json'), 'utf8'))
    v2.subnets[0].hub.addrs = ['/ip4/198.18.1.99/tcp/4001']
    await writeFile(path, JSON.stringify(v2))
    assert.equal((await verifyDefinition(path)).signed, false)
    await assert.rejects(addSubnet({ bootstrap: path, entry: join(dir, 'c', 'subnet-entry.json'), authorityKey: authority(), out: join(dir, 'x.json') }), /changed after it was signed/)
    const resigned = await signDefinition({ path, authorityKey: authority(), out: path, version: 3 })
    assert.deepEqual([resigned.version, (await verifyDefinition(path)).signed], [3, true])
  })

  it('a node runs a bootstrap.json changed after signing as unsigned, and says so', async () => {
    const hub = join(dir, 'a', 'hub-a')
    const v2 = JSON.parse(await readFile(join(dir, 'v2.json'), 'utf8'))
    await writeFile(join(dir, 'a', 'bootstrap.json'), JSON.stringify(v2))
    const good = await loadNodeConfig(join(hub, 'node.json'))
    assert.deepEqual([good.network.version, good.network.signature != null, good.networkRefusals], [2, true, []])
    v2.subnets[1].hub.addrs = ['/ip4/198.18.2.99/tcp/4001']
    await writeFile(join(dir, 'a', 'bootstrap.json'), JSON.stringify(v2))
    const edited = await loadNodeConfig(join(hub, 'node.json'))
    assert.equal(edited.network.signature, undefined, 'never passed on as signed by the authority')
    assert.equal(edited.network.subnet('b')?.hub.addrs[0]?.toString(), '/ip4/198.18.2.99/tcp/4001')
    assert.equal(edited.networkRefusals[0]?.code, 'BAD_SIGNATURE')
    assert.match(edited.networkRefusals[0]?.reason ?? '', /bootstrap\.json: the signature does not verify.*running it as unsigned/)
  })

  it('a stored version is used at start only when it verifies against the bootstrap and is newer', async () => {
    const v1 = await loadBootstrap(join(dir, 'v1.json'))
    const v2 = await loadBootstrap(join(dir, 'v2.json'))
    const self = v1.named('hub-a')?.peerId
    assert.ok(self != null)
    const data = join(dir, 'data')
    await mkdir(data)
    await storeNetwork(data, v2)
    const newer = await startingNetwork(v1, data, self)
    assert.deepEqual([newer.source, newer.network.version], ['stored', 2])
    const same = await startingNetwork(v2, data, self)
    assert.deepEqual([same.source, same.refusal], ['bootstrap', undefined], 'the bootstrap wins when it is as new')
    // version 2's signature on a definition that claims to be version 7
    await writeFile(join(data, STORED_NETWORK_FILE), JSON.stringify({ ...v2.toJSON(), version: 7 }))
    const forged = await startingNetwork(v1, data, self)
    assert.equal(forged.source, 'bootstrap')
    assert.equal(forged.refusal?.code, 'BAD_SIGNATURE')
  })
})
