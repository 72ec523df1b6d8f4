import assert from 'node:assert/strict'
import { chmod, mkdtemp, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { generatePeerKey, loadPeerKey, peerIdOf, savePeerKey } from './peer-key.js'

const dir = await mkdtemp(join(tmpdir(), 'shulian-keys-'))

describe('peer keys', () => {
  it('round-trips a key with mode 0600', async () => {
    const key = await generatePeerKey()
    const path = join(dir, 'a.key')
    await savePeerKey(path, key)
    assert.equal((await stat(path)).mode & 0o777, 0o600)
    assert.equal(peerIdOf(await loadPeerKey(path)).toString(), peerIdOf(key).toString())
  })

  it('refuses a key readable by group or others, as ssh does', async () => {
    const path = join(dir, 'open.key')
    await savePeerKey(path, await generatePeerKey())
    for (const mode of [0o640, 0o604, 0o644]) {
      await chmod(path, mode)
      await assert.rejects(loadPeerKey(path), (e: any) => e.name === 'KeyFileError' && /too open/.test(e.message) && e.exitCode === 2)
    }
  })

  it('says what to do when the key is missing', async () => {
    await assert.rejects(loadPeerKey(join(dir, 'none.key')), /no such key file .*keys generate/)
  })

  it('refuses a file that is not a key', async () => {
    const path = join(dir, 'garbage.key')
    await writeFile(path, 'hello', { mode: 0o600 })
    await assert.rejects(loadPeerKey(path), /not a libp2p private key/)
  })

  it('does not overwrite an existing key unless asked', async () => {
    const path = join(dir, 'keep.key')
    const first = await generatePeerKey()
    await savePeerKey(path, first)
    await assert.rejects(savePeerKey(path, await generatePeerKey()), /already exists/)
    assert.equal(peerIdOf(await loadPeerKey(path)).toString(), peerIdOf(first).toString())
  })
})
