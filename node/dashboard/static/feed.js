// The node's API with the session's bearer token: JSON by fetch, and the live feed as
// server-sent events read from a fetch body (EventSource cannot send an Authorization header).

export class RefusedError extends Error {
  constructor (status, message) {
    super(message)
    this.name = 'RefusedError'
    this.status = status
  }
}

export async function getJson (token, path) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
  const body = await res.json().catch(() => ({}))
  if (res.status === 401 || res.status === 403) throw new RefusedError(res.status, body.error ?? res.statusText)
  if (!res.ok) throw new Error(body.error ?? res.statusText)
  return body
}

/** Split a text/event-stream into { event, data } messages; returns what is left over. */
export function parseEvents (buffer, onMessage) {
  let at
  while ((at = buffer.indexOf('\n\n')) !== -1) {
    const block = buffer.slice(0, at)
    buffer = buffer.slice(at + 2)
    let event = 'message'
    const data = []
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue
      const i = line.indexOf(':')
      const field = i === -1 ? line : line.slice(0, i)
      const value = i === -1 ? '' : line.slice(i + 1).replace(/^ /, '')
      if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    if (data.length > 0) onMessage({ event, data: data.join('\n') })
  }
  return buffer
}

/**
 * Follow /dashboard/events until refused: `onTopic(name, data)` for each topic update,
 * `onState('live' | 'reconnecting' | 'refused', detail)` as the connection changes.
 */
export async function follow (token, onTopic, onState) {
  for (;;) {
    try {
      const res = await fetch('/dashboard/events', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
      if (res.status === 401 || res.status === 403) {
        const body = await res.json().catch(() => ({}))
        onState('refused', body.error ?? res.statusText)
        return
      }
      if (!res.ok || res.body === null) throw new Error(res.statusText)
      onState('live')
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        buffer = parseEvents(buffer + value, (m) => {
          try {
            onTopic(m.event, JSON.parse(m.data))
          } catch (e) {
            console.error('dashboard: bad event', m.event, e)
          }
        })
      }
      onState('reconnecting', 'the node closed the stream')
    } catch (e) {
      onState('reconnecting', String(e?.message ?? e))
    }
    await new Promise(resolve => setTimeout(resolve, 2000))
  }
}
