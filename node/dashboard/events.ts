/**
 * The dashboard's live feed: server-sent events, one event per topic, sent when the topic's data
 * changed. Topics are assembled once per tick for every subscriber together, only while someone
 * is watching; connection events bring the next tick forward.
 */
import type { Topic } from './state.js'
import type { Logger } from '@libp2p/interface'

/** How often topics are assembled while someone watches, ms. */
export const TICK_MS = 1_000
/** A comment line this often keeps proxies and the browser from timing the stream out, ms. */
export const HEARTBEAT_MS = 15_000

type Write = (chunk: string) => void

export function sseEvent (event: string, data: string): string {
  // data never holds a newline: it is JSON.stringify output
  return `event: ${event}\ndata: ${data}\n\n`
}

export class DashboardEvents {
  private readonly topics: Record<string, Topic>
  private readonly log: Logger
  private readonly tickMs: number
  private readonly subscribers = new Set<Write>()
  private readonly last = new Map<string, string>()
  private timer?: ReturnType<typeof setTimeout>
  private running?: Promise<void>

  constructor (topics: Record<string, Topic>, log: Logger, tickMs = TICK_MS) {
    this.topics = topics
    this.log = log
    this.tickMs = tickMs
  }

  /** Stream every topic now, then each change, until `signal` aborts. */
  async subscribe (write: Write, signal: AbortSignal): Promise<void> {
    write(`retry: 2000\n\n`)
    if (this.last.size === 0) await this.tick()
    for (const [topic, data] of this.last) write(sseEvent(topic, data))
    this.subscribers.add(write)
    this.schedule(this.tickMs)
    const heartbeat = setInterval(() => { write(': keep-alive\n\n') }, HEARTBEAT_MS)
    try {
      await new Promise<void>(resolve => {
        if (signal.aborted) resolve()
        signal.addEventListener('abort', () => { resolve() }, { once: true })
      })
    } finally {
      clearInterval(heartbeat)
      this.subscribers.delete(write)
      if (this.subscribers.size === 0) {
        clearTimeout(this.timer)
        this.timer = undefined
        // a later subscriber must get fresh data, not what was current when the last one left
        this.last.clear()
      }
    }
  }

  /** Something changed: assemble the topics soon rather than at the next tick. */
  nudge (): void {
    if (this.subscribers.size > 0) this.schedule(50)
  }

  /** The current data of every topic (the `GET /dashboard/state` answer). */
  async snapshot (): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {}
    for (const [name, topic] of Object.entries(this.topics)) out[name] = await this.assemble(name, topic)
    return out
  }

  stop (): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule (ms: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      void this.tick().finally(() => { if (this.subscribers.size > 0) this.schedule(this.tickMs) })
    }, ms)
  }

  private async tick (): Promise<void> {
    // ticks never overlap: a slow topic (DHT lookups) delays the next one instead
    this.running ??= (async () => {
      try {
        for (const [name, topic] of Object.entries(this.topics)) {
          const data = JSON.stringify(await this.assemble(name, topic))
          if (this.last.get(name) === data) continue
          this.last.set(name, data)
          const event = sseEvent(name, data)
          for (const write of this.subscribers) write(event)
        }
      } finally {
        this.running = undefined
      }
    })()
    return this.running
  }

  private async assemble (name: string, topic: Topic): Promise<unknown> {
    try {
      return await topic()
    } catch (e: any) {
      this.log('dashboard topic %s failed: %e', name, e)
      return { error: String(e?.message ?? e) }
    }
  }
}
