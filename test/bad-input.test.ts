/**
 * Bad input on the command line and in files: one line that says what and where, a non-zero exit
 * code, and no stack trace.
 */
import assert from 'node:assert/strict'
import { chmod, cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { before, describe, it } from 'node:test'
import { cli, cliJson } from './helpers/cli.js'

let dir: string
let node: string

/** Assert a one-line failure with `code` whose message matches `re`. */
function oneLine (r: { code: number, stdout: string, stderr: string }, code: number, re: RegExp): void {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`)
  const lines = r.stderr.trim().split('\n')
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`)
  assert.match(lines[0] ?? '', /^shulian: /)
  assert.match(lines[0] ?? '', re)
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace')
}

describe('bad input → one line, non-zero exit, no stack', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shulian-bad-'))
    await cliJson(['net', 'init', '--dir', dir, '--subnets', '1'])
    node = join(dir, 'a-1')
  })

  it('unknown flag and unknown command', async () => {
    oneLine(await cli(['status', '--dir', node, '--bogus']), 2, /unknown option '--bogus'/)
    oneLine(await cli(['frobnicate']), 2, /unknown command 'frobnicate'/)
    oneLine(await cli(['net', 'init']), 2, /required option '--dir <dir>' not specified/)
    oneLine(await cli(['net', 'init', '--dir', join(dir, 'x'), '--subnets', '3,zero']), 2, /--subnets: "3,zero"/)
  })

  it('--help works and exits 0', async () => {
    const r = await cli(['net', 'up', '--help'])
    assert.equal(r.code, 0)
    assert.match(r.stdout, /--bootstrap <file>/)
  })

  it('node.json that is not JSON', async () => {
    const cfg = join(dir, 'broken.json')
    await writeFile(cfg, '{ "role": "hub", ')
    oneLine(await cli(['node', 'start', '--config', cfg]), 2, /broken\.json: not valid JSON/)
  })

  it('node.json with a bad field names its path', async () => {
    const cfg = join(node, 'node.json')
    const good = await readFile(cfg, 'utf8')
    const bad = { ...JSON.parse(good), listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/1.2.3'] }
    const path = join(node, 'bad-listen.json')
    await writeFile(path, JSON.stringify(bad))
    oneLine(await cli(['node', 'start', '--config', path]), 2, /bad-listen\.json: listen\[1\]: "\/ip4\/1\.2\.3" is not a multiaddr/)
    await writeFile(path, JSON.stringify({ ...JSON.parse(good), role: 'boss' }))
    oneLine(await cli(['node', 'start', '--config', path]), 2, /role: /)
  })

  it('node.json whose role contradicts the bootstrap', async () => {
    const cfg = join(node, 'node.json')
    const path = join(node, 'wrong-role.json')
    await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(cfg, 'utf8')), role: 'hub' }))
    oneLine(await cli(['node', 'start', '--config', path]), 2, /lists this peer id as participant/)
  })

  it('a malformed bootstrap.json', async () => {
    const other = await mkdtemp(join(tmpdir(), 'shulian-bad-'))
    await cp(dir, other, { recursive: true })
    const b = JSON.parse(await readFile(join(other, 'bootstrap.json'), 'utf8'))
    b.subnets[0].hub.addrs[0] = '/ip4/1.2.3'
    await writeFile(join(other, 'bootstrap.json'), JSON.stringify(b))
    oneLine(await cli(['node', 'start', '--config', join(other, 'a-1', 'node.json')]), 2, /bootstrap\.json: subnets\[0\]\.hub\.addrs\[0\]: "\/ip4\/1\.2\.3" is not a multiaddr/)
    oneLine(await cli(['net', 'up', '--dir', other]), 2, /subnets\[0\]\.hub\.addrs\[0\]/)
    b.subnets[0].members = []
    await writeFile(join(other, 'bootstrap.json'), JSON.stringify(b))
    oneLine(await cli(['net', 'up', '--dir', other]), 2, /subnets\[0\]\.(hub\.addrs\[0\]|members)/)
  })

  it('a missing key file', async () => {
    const other = await mkdtemp(join(tmpdir(), 'shulian-bad-'))
    await cp(dir, other, { recursive: true })
    const { rm } = await import('node:fs/promises')
    await rm(join(other, 'a-1', 'peer.key'))
    oneLine(await cli(['node', 'start', '--config', join(other, 'a-1', 'node.json')]), 2, /peer\.key: no such key file/)
  })

  it('a key file readable by others', async () => {
    await chmod(join(node, 'peer.key'), 0o644)
    try {
      oneLine(await cli(['node', 'start', '--config', join(node, 'node.json')]), 2, /permissions 0644 are too open/)
      oneLine(await cli(['keys', 'id', join(node, 'peer.key')]), 2, /too open/)
    } finally {
      await chmod(join(node, 'peer.key'), 0o600)
    }
  })

  it('status of a data dir with no running node', async () => {
    oneLine(await cli(['status', '--dir', node]), 2, /no running node here/)
  })

  it('keys generate refuses to overwrite, keys id prints the same id', async () => {
    const out = join(dir, 'new.key')
    const made = await cliJson(['keys', 'generate', '--out', out])
    const id = await cliJson(['keys', 'id', out])
    assert.equal(id.peerId, made.peerId)
    oneLine(await cli(['keys', 'generate', '--out', out]), 2, /already exists/)
  })
})
