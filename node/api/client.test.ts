/** The CLI's API client: a GET whose socket the node reset is sent again (at most three tries); a POST never. */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ensureApiToken, writeApiInfo } from '../data-dir.js'
import { callApi } from './client.js'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

describe('control API client', () => {
  let dir: string
  let server: Server
  /** requests to reset (socket destroyed before any answer), then answer */
  let resets = 0
  let seen = 0

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shulian-client-'))
    await ensureApiToken(dir)
    server = createServer((req, res) => {
      seen++
      if (resets > 0) {
        resets--
        req.socket.destroy()
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ method: req.method }))
    })
    await new Promise<void>(resolve => { server.listen(0, '127.0.0.1', resolve) })
    await writeApiInfo(dir, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pid: process.pid, peerId: 'x' })
  })
  after(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
    await rm(dir, { recursive: true, force: true })
  })

  it('sends a GET again on a new socket when the node reset the first', async () => {
    resets = 1
    seen = 0
    assert.deepEqual(await callApi(dir, '/status'), { method: 'GET' })
    assert.equal(seen, 2)
  })

  it('gives up on a GET reset three times, in one line', async () => {
    resets = 3
    seen = 0
    await assert.rejects(callApi(dir, '/status'), (e: Error) => e.name === 'ApiCallError' && /is not answering/.test(e.message) && !e.message.includes('\n'))
    assert.equal(seen, 3)
  })

  it('never sends a POST twice', async () => {
    resets = 1
    seen = 0
    await assert.rejects(callApi(dir, '/jobs', { body: { job: 'x' } }), { name: 'ApiCallError' })
    assert.equal(seen, 1)
  })
})
