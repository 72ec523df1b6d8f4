/** A minimal single-consumer async queue: push values or a failure, await them in order. */
export class AsyncQueue<T> {
  private readonly items: T[] = []
  private error: unknown
  private failed = false
  private waiter: { resolve: (v: T) => void, reject: (e: unknown) => void } | undefined

  push (item: T): void {
    if (this.waiter !== undefined) {
      const w = this.waiter
      this.waiter = undefined
      w.resolve(item)
    } else {
      this.items.push(item)
    }
  }

  fail (error: unknown): void {
    if (this.failed) return
    this.failed = true
    this.error = error
    if (this.waiter !== undefined) {
      const w = this.waiter
      this.waiter = undefined
      w.reject(error)
    }
  }

  /** The next item; rejects once the queue failed and is drained, or when `signal` aborts. */
  async next (signal?: AbortSignal): Promise<T> {
    if (this.items.length > 0) return this.items.shift() as T
    if (this.failed) throw this.error
    signal?.throwIfAborted()
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiter = undefined
        reject(signal?.reason)
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.waiter = {
        resolve: v => { signal?.removeEventListener('abort', onAbort); resolve(v) },
        reject: e => { signal?.removeEventListener('abort', onAbort); reject(e) }
      }
    })
  }
}
