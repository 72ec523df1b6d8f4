import { strict as assert } from 'node:assert'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { InvalidInputError } from '../keys/validation.js'
import { apiOf, ensureApiToken, files, writeApiInfo } from './data-dir.js'

describe('api.json', () => {
  let dir: string
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'shulian-data-dir-')) })
  after(async () => { await rm(dir, { recursive: true, force: true }) })

  it('says there is no running node when it is missing', async () => {
    await assert.rejects(apiOf(dir), (e: any) => e instanceof InvalidInputError && /no running node here/.test(e.message))
  })

  it('reads what a node wrote, with the token', async () => {
    const token = await ensureApiToken(dir)
    await writeApiInfo(dir, { url: 'http://127.0.0.1:4321', pid: 42, peerId: '12D3KooWexample' })
    assert.deepEqual(await apiOf(dir), { url: 'http://127.0.0.1:4321', pid: 42, peerId: '12D3KooWexample', token })
  })

  it('refuses a damaged file in one line naming the file and the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [[1, 2], /api\.json: expected an object$/],
      [{ url: 'not a url', pid: 1, peerId: 'x' }, /api\.json: url: expected a URL$/],
      [{ url: 'http://127.0.0.1:1', pid: 1.5, peerId: 'x' }, /api\.json: pid: expected an integer$/],
      [{ url: 'http://127.0.0.1:1', pid: 1 }, /api\.json: peerId: expected a string$/]
    ]
    for (const [content, message] of cases) {
      await writeFile(files.apiInfo(dir), JSON.stringify(content))
      await assert.rejects(apiOf(dir), (e: any) => e instanceof InvalidInputError && message.test(e.message) && !e.message.includes('\n'))
    }
  })
})
