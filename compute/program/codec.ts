import { MAX_DEPTH } from './compile.js'
import { programDepth, registerDepths } from './depth.js'
import { ProgramError } from './errors.js'
import { Column, Instruction, Output, PartialSpec, Program } from './pb/program.js'

/** Limits a received program must respect (a compiled job program is far smaller). */
export const PROGRAM_LIMITS = { columns: 256, code: 4096, partials: 256, outputs: 256, bytes: 256 * 1024 }

const ARITY: Record<Output.Aggregate, PartialSpec.Kind[] | undefined> = {
  [Output.Aggregate.AGGREGATE_UNSPECIFIED]: undefined,
  [Output.Aggregate.ROWS]: [PartialSpec.Kind.ROWS],
  [Output.Aggregate.SUM]: [PartialSpec.Kind.SUM],
  [Output.Aggregate.MEAN]: [PartialSpec.Kind.SUM],
  [Output.Aggregate.VAR]: [PartialSpec.Kind.SUM, PartialSpec.Kind.SUM],
  [Output.Aggregate.DOT]: [PartialSpec.Kind.SUM],
  [Output.Aggregate.COUNT]: []
}

/** Serialize a compiled program (protobuf). */
export function encodeProgram (program: Program): Uint8Array {
  return Program.encode(program)
}

/** Parse a program received as bytes and check that it is well formed (see `checkProgram`). */
export function decodeProgram (bytes: Uint8Array): Program {
  const invalid = (detail: string): ProgramError => new ProgramError('INVALID', 'program', detail)
  if (bytes.byteLength > PROGRAM_LIMITS.bytes) throw invalid(`${bytes.byteLength} bytes; at most ${PROGRAM_LIMITS.bytes} are accepted`)
  let program: Program
  try {
    program = Program.decode(bytes, { limits: { columns: PROGRAM_LIMITS.columns, code: PROGRAM_LIMITS.code, partials: PROGRAM_LIMITS.partials, outputs: PROGRAM_LIMITS.outputs } })
  } catch (e: any) {
    throw invalid(`not a Program message (${e.message})`)
  }
  checkProgram(program)
  return program
}

/**
 * Check a program's consistency: operands refer to earlier registers, loads to declared columns,
 * partials to registers that depend on a column, outputs to partials of the right kind, and the
 * declared depth is the real one and within what the parameter sets evaluate. Throws
 * `ProgramError` with code INVALID.
 */
export function checkProgram (program: Program): void {
  const invalid = (detail: string): never => { throw new ProgramError('INVALID', 'program', detail) }
  if (program.numeric !== Program.Numeric.INT && program.numeric !== Program.Numeric.FLOAT) invalid('numeric type unspecified')
  const names = new Set<string>()
  for (const c of program.columns) {
    if (c.name === '' || names.has(c.name)) invalid(`column name "${c.name}" empty or repeated`)
    names.add(c.name)
    if (c.type !== Column.Type.INT && c.type !== Column.Type.FLOAT) invalid(`column ${c.name} has no type`)
    if (program.numeric === Program.Numeric.INT && c.type !== Column.Type.INT) invalid(`integer program reads real column ${c.name}`)
  }
  program.code.forEach((ins, r) => {
    switch (ins.op) {
      case Instruction.Op.LOAD:
        if (ins.a >= program.columns.length) invalid(`register ${r} loads column ${ins.a} of ${program.columns.length}`)
        break
      case Instruction.Op.CONST:
        if (!Number.isFinite(ins.value)) invalid(`register ${r} is not a finite constant`)
        if (program.numeric === Program.Numeric.INT && !Number.isSafeInteger(ins.value)) invalid(`register ${r}: integer program with constant ${ins.value}`)
        break
      case Instruction.Op.NEG:
        if (ins.a >= r) invalid(`register ${r} refers to a later register`)
        break
      case Instruction.Op.ADD: case Instruction.Op.SUB: case Instruction.Op.MUL:
        if (ins.a >= r || ins.b >= r) invalid(`register ${r} refers to a later register`)
        break
      default:
        invalid(`register ${r} has no operation`)
    }
  })
  const depths = registerDepths(program)
  for (const p of program.partials) {
    if (p.kind !== PartialSpec.Kind.ROWS && p.kind !== PartialSpec.Kind.SUM) invalid('partial of no kind')
    if (p.register >= program.code.length || depths[p.register] === undefined) invalid(`partial of register ${p.register}, which is not a per-row value`)
  }
  const outNames = new Set<string>()
  for (const o of program.outputs) {
    if (o.name === '' || outNames.has(o.name)) invalid(`output name "${o.name}" empty or repeated`)
    outNames.add(o.name)
    const kinds = ARITY[o.aggregate]
    if (kinds === undefined || kinds.length !== o.partials.length || kinds.some((k, i) => program.partials[o.partials[i] as number]?.kind !== k)) {
      invalid(`output ${o.name} does not match its partials`)
    }
  }
  const depth = programDepth(program, depths)
  const limit = program.numeric === Program.Numeric.INT ? MAX_DEPTH.int : MAX_DEPTH.float
  if (depth !== program.depth || depth > limit) invalid(`declared depth ${program.depth}, actual ${depth}, limit ${limit}`)
}
