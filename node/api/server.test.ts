/** The control API server: token and read-only credentials, public routes, streamed responses. */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { after, before, describe, it } from 'node:test'
import { ControlApi } from './server.js'

describe('control API server', () => {
  const api = new ControlApi('the-token')
  let url: string
  let streamEnded: Promise<void>
  let endStream: () => void = () => {}

  before(async () => {
    streamEnded = new Promise(resolve => { endStream = resolve })
    api.allowReadOnly(t => t === 'reader')
    api.route('GET', '/data', () => ({ body: { secret: 42 } }))
    api.route('POST', '/data', () => ({ body: { changed: true } }))
    api.route('GET', '/page/:file', (req) => ({ body: `file ${req.params.file ?? ''}`, contentType: 'text/plain', headers: { 'x-extra': 'yes' } }), { public: true })
    api.route('GET', '/stream', () => ({
      body: undefined,
      contentType: 'text/event-stream',
      stream: async (write, signal) => {
        write('event: a\ndata: 1\n\n')
        await new Promise<void>(resolve => { signal.addEventListener('abort', () => { resolve() }, { once: true }) })
        endStream()
      }
    }))
    url = await api.listen('127.0.0.1', 0)
  })
  after(async () => { await api.close() })

  const call = async (path: string, token?: string, method = 'GET'): Promise<Response> =>
    fetch(url + path, { method, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })

  it('the token may do anything; a read-only credential may only GET; anything else is refused', async () => {
    assert.equal((await call('/data', 'the-token')).status, 200)
    assert.equal((await call('/data', 'the-token', 'POST')).status, 200)
    assert.deepEqual(await (await call('/data', 'reader')).json(), { secret: 42 })
    assert.equal((await call('/data', 'reader', 'POST')).status, 403)
    assert.equal((await call('/data', 'wrong')).status, 401)
    assert.equal((await call('/data')).status, 401)
    assert.equal((await call('/nowhere')).status, 401, 'no token: 401 even for unknown paths')
    assert.equal((await call('/nowhere', 'the-token')).status, 404)
  })

  it('public routes need no token and carry their headers', async () => {
    const res = await call('/page/app.js')
    assert.equal(res.status, 200)
    assert.equal(await res.text(), 'file app.js')
    assert.equal(res.headers.get('x-extra'), 'yes')
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
  })

  it('invoke() calls a route in-process', async () => {
    assert.deepEqual(await api.invoke('GET', '/data'), { secret: 42 })
    assert.equal(api.has('GET', '/page/x.css'), true)
    assert.equal(api.has('DELETE', '/data'), false)
    await assert.rejects(api.invoke('GET', '/nowhere'), { name: 'ApiError', status: 404 })
  })

  it('a streamed response flows until the client leaves, and the producer then stops', async () => {
    const ac = new AbortController()
    const res = await fetch(url + '/stream', { headers: { authorization: 'Bearer reader' }, signal: ac.signal })
    assert.equal(res.headers.get('content-type'), 'text/event-stream')
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const { value } = await reader.read()
    assert.equal(Buffer.from(value as Uint8Array).toString(), 'event: a\ndata: 1\n\n')
    ac.abort()
    await streamEnded
  })

  it('serving HTTP does not load Node\'s bundled undici (fetch, WebSocket) into a node', () => {
    // a fresh process, since this one's test runner may have loaded it; an ES `import` of node:http
    // would read its lazy WebSocket getter and load ~0.8 MB of source that no node uses
    const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', `
      const { ControlApi } = await import(${JSON.stringify(new URL('./server.js', import.meta.url).href)})
      const api = new ControlApi('t')
      await api.listen('127.0.0.1', 0)
      await api.close()
      process.stdout.write(JSON.stringify(process.moduleLoadList))`], { encoding: 'utf8' })
    const list: string[] = JSON.parse(loaded)
    assert.ok(list.includes('NativeModule http'), 'the check sees builtin modules')
    assert.deepEqual(list.filter(m => m.includes('undici')), [])
  })
})
