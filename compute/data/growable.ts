/** A Float64Array that grows by doubling as values are pushed (columns of unknown length). */
export class Growable {
  values = new Float64Array(1024)
  length = 0
  push (v: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2)
      next.set(this.values)
      this.values = next
    }
    this.values[this.length++] = v
  }
}
