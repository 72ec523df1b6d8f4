import { Output, PartialSpec } from '../program/index.js'
import { ExecError } from './errors.js'
import type { Program } from '../program/index.js'
import type { Outputs, PartialValue, SubtaskPartials } from './partials.js'

/**
 * Combine the partials of every subtask (in split order) into the job's outputs: sums add up,
 * per-row values concatenate in row order, means and variances (population) divide by the total
 * row count. Integer programs stay exact until the final division.
 */
export function combine (program: Program, subtasks: readonly SubtaskPartials[]): Outputs {
  const n = subtasks.reduce((a, s) => a + s.rows, 0)
  const totals: Array<PartialValue | undefined> = program.partials.map((p, k) => {
    const parts = subtasks.filter(s => s.rows > 0).map(s => {
      const v = s.values[k]
      if (v === undefined || v.kind !== (p.kind === PartialSpec.Kind.ROWS ? 'rows' : 'sum')) throw new ExecError('SHAPE', `a subtask returned no ${p.kind === PartialSpec.Kind.ROWS ? 'per-row values' : 'sum'} for partial ${k}`)
      if (v.kind === 'rows' && v.values.length !== s.rows) throw new ExecError('SHAPE', `a subtask returned ${v.values.length} rows for partial ${k}, expected ${s.rows}`)
      return v
    })
    if (p.kind === PartialSpec.Kind.ROWS) {
      const all = new Float64Array(n)
      let at = 0
      for (const v of parts) { if (v.kind === 'rows') { all.set(v.values, at); at += v.values.length } }
      return { kind: 'rows', values: all }
    }
    const sums = parts.map(v => v.kind === 'sum' ? v.value : 0)
    const value = sums.every(x => typeof x === 'bigint')
      ? (sums as bigint[]).reduce((a, b) => a + b, 0n)
      : sums.reduce<number>((a, b) => a + Number(b), 0)
    return { kind: 'sum', value }
  })
  const sumOf = (k: number | undefined): number | bigint => {
    const t = totals[k as number]
    return t?.kind === 'sum' ? t.value : 0
  }
  const outputs: Outputs = {}
  for (const out of program.outputs) {
    const [p0, p1] = out.partials
    switch (out.aggregate) {
      case Output.Aggregate.ROWS: {
        const t = totals[p0 as number]
        outputs[out.name] = t?.kind === 'rows' ? Array.from(t.values) : []
        break
      }
      case Output.Aggregate.SUM:
      case Output.Aggregate.DOT:
        outputs[out.name] = Number(sumOf(p0))
        break
      case Output.Aggregate.MEAN:
        outputs[out.name] = Number(sumOf(p0)) / n
        break
      case Output.Aggregate.VAR: {
        const s1 = sumOf(p0)
        const s2 = sumOf(p1)
        outputs[out.name] = typeof s1 === 'bigint' && typeof s2 === 'bigint'
          ? Number(BigInt(n) * s2 - s1 * s1) / (n * n)
          : Math.max(0, Number(s2) / n - (Number(s1) / n) ** 2)
        break
      }
      case Output.Aggregate.COUNT:
        outputs[out.name] = n
        break
    }
  }
  return outputs
}
