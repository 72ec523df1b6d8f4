/**
 * Reading the Prometheus text exposition that `GET /metrics` serves: for tools that print a few
 * numbers from a scrape (the demo) and for tests. Not a full parser: one sample per line, no
 * escaped quotes in label values (the node's labels are names and codes).
 */

export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/

/** Every sample of `text` (comments and blank lines skipped). */
export function parseSamples (text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    const m = LINE.exec(line)
    if (m == null) continue
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(x => [x[1] ?? '', x[2] ?? '']))
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) })
  }
  return samples
}

/** Sum of the samples named `name` whose labels include every one of `labels`. */
export function metricValue (text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0
  for (const s of parseSamples(text)) {
    if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)) sum += s.value
  }
  return sum
}
