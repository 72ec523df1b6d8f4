import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { after, describe, it } from 'node:test'
import { generatePeerKey, loadPlatform, parseAttestationRoots, savePeerKey } from '../../../keys/index.js'

const main = fileURLToPath(new URL('../main.js', import.meta.url))
const run = async (...args: string[]): Promise<{ code: number, stdout: string, stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [main, ...args])
    return { code: 0, stdout, stderr }
  } catch (e: any) {
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('shulian tee provision', () => {
  let dir = ''
  after(async () => { if (dir !== '') await rm(dir, { recursive: true, force: true }) })

  it('writes a 0600 platform key and a certificate from the root, refuses to overwrite, says "simulated TEE"', async () => {
    dir = await mkdtemp(join(tmpdir(), 'shulian-cli-tee-'))
    const rootFile = join(dir, 'root.key')
    const root = await generatePeerKey()
    await savePeerKey(rootFile, root)
    const data = join(dir, 'data')
    const r = await run('tee', 'provision', '--dir', data, '--root', rootFile, '--root-name', 'net-root', '--json')
    assert.equal(r.code, 0, r.stderr)
    const out = JSON.parse(r.stdout)
    assert.equal(out.enclaveKind, 'simulated TEE')
    assert.equal(out.simulated, true)
    const [parsed] = parseAttestationRoots([out.root])
    assert.ok(parsed?.publicKey.equals(root.publicKey))
    assert.equal((await stat(join(data, 'tee', 'platform.key'))).mode & 0o777, 0o600)
    assert.equal((await loadPlatform(data)).decoded.body.rootName, 'net-root')

    const again = await run('tee', 'provision', '--dir', data, '--root', rootFile)
    assert.equal(again.code, 2)
    assert.match(again.stderr, /^shulian: .*platform\.key: already exists; refusing to overwrite it \(use --force to re-provision\)\n$/)
    const human = await run('tee', 'provision', '--dir', data, '--root', rootFile, '--force')
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /^simulated TEE platform provisioned/)
  })
})
