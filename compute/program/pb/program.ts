import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Program {
  numeric: Program.Numeric
  columns: Column[]
  code: Instruction[]
  partials: PartialSpec[]
  outputs: Output[]
  depth: number
}

export namespace Program {
  export enum Numeric {
    NUMERIC_UNSPECIFIED = 'NUMERIC_UNSPECIFIED',
    INT = 'INT',
    FLOAT = 'FLOAT'
  }

  enum __NumericValues {
    NUMERIC_UNSPECIFIED = 0,
    INT = 1,
    FLOAT = 2
  }

  export namespace Numeric {
    export const codec = (): Codec<Numeric> => {
      return enumeration<Numeric>(__NumericValues)
    }
  }

  let _codec: Codec<Program>

  export const codec = (): Codec<Program> => {
    if (_codec == null) {
      _codec = message<Program>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.numeric != null && __NumericValues[obj.numeric] !== 0) {
          w.uint32(8)
          Program.Numeric.codec().encode(obj.numeric, w)
        }

        if (obj.columns != null && obj.columns.length > 0) {
          for (const value of obj.columns) {
            w.uint32(18)
            Column.codec().encode(value, w)
          }
        }

        if (obj.code != null && obj.code.length > 0) {
          for (const value of obj.code) {
            w.uint32(26)
            Instruction.codec().encode(value, w)
          }
        }

        if (obj.partials != null && obj.partials.length > 0) {
          for (const value of obj.partials) {
            w.uint32(34)
            PartialSpec.codec().encode(value, w)
          }
        }

        if (obj.outputs != null && obj.outputs.length > 0) {
          for (const value of obj.outputs) {
            w.uint32(42)
            Output.codec().encode(value, w)
          }
        }

        if ((obj.depth != null && obj.depth !== 0)) {
          w.uint32(48)
          w.uint32(obj.depth)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          numeric: Numeric.NUMERIC_UNSPECIFIED,
          columns: [],
          code: [],
          partials: [],
          outputs: [],
          depth: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.numeric = Program.Numeric.codec().decode(reader)
              break
            }
            case 2: {
              if (opts.limits?.columns != null && obj.columns.length === opts.limits.columns) {
                throw new MaxLengthError('Decode error - repeated field "columns" had too many elements')
              }

              obj.columns.push(Column.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.columns$
              }))
              break
            }
            case 3: {
              if (opts.limits?.code != null && obj.code.length === opts.limits.code) {
                throw new MaxLengthError('Decode error - repeated field "code" had too many elements')
              }

              obj.code.push(Instruction.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.code$
              }))
              break
            }
            case 4: {
              if (opts.limits?.partials != null && obj.partials.length === opts.limits.partials) {
                throw new MaxLengthError('Decode error - repeated field "partials" had too many elements')
              }

              obj.partials.push(PartialSpec.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.partials$
              }))
              break
            }
            case 5: {
              if (opts.limits?.outputs != null && obj.outputs.length === opts.limits.outputs) {
                throw new MaxLengthError('Decode error - repeated field "outputs" had too many elements')
              }

              obj.outputs.push(Output.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.outputs$
              }))
              break
            }
            case 6: {
              obj.depth = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          columns: 0,
          code: 0,
          partials: 0,
          outputs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.numeric`,
                value: Program.Numeric.codec().decode(reader)
              }
              break
            }
            case 2: {
              if (opts.limits?.columns != null && obj.columns === opts.limits.columns) {
                throw new MaxLengthError('Streaming decode error - repeated field "columns" had too many elements')
              }

              for (const evt of Column.codec().stream(reader, reader.uint32(), `${prefix}.columns[]`, {
                limits: opts.limits?.columns$
              })) {
                yield {
                  ...evt,
                  index: obj.columns
                }
              }

              obj.columns++

              break
            }
            case 3: {
              if (opts.limits?.code != null && obj.code === opts.limits.code) {
                throw new MaxLengthError('Streaming decode error - repeated field "code" had too many elements')
              }

              for (const evt of Instruction.codec().stream(reader, reader.uint32(), `${prefix}.code[]`, {
                limits: opts.limits?.code$
              })) {
                yield {
                  ...evt,
                  index: obj.code
                }
              }

              obj.code++

              break
            }
            case 4: {
              if (opts.limits?.partials != null && obj.partials === opts.limits.partials) {
                throw new MaxLengthError('Streaming decode error - repeated field "partials" had too many elements')
              }

              for (const evt of PartialSpec.codec().stream(reader, reader.uint32(), `${prefix}.partials[]`, {
                limits: opts.limits?.partials$
              })) {
                yield {
                  ...evt,
                  index: obj.partials
                }
              }

              obj.partials++

              break
            }
            case 5: {
              if (opts.limits?.outputs != null && obj.outputs === opts.limits.outputs) {
                throw new MaxLengthError('Streaming decode error - repeated field "outputs" had too many elements')
              }

              for (const evt of Output.codec().stream(reader, reader.uint32(), `${prefix}.outputs[]`, {
                limits: opts.limits?.outputs$
              })) {
                yield {
                  ...evt,
                  index: obj.outputs
                }
              }

              obj.outputs++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.depth`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ProgramNumericFieldEvent {
    field: '$.numeric'
    value: Program.Numeric
  }

  export interface ProgramColumnsNameFieldEvent {
    field: '$.columns[].name'
    value: string
    index: number
  }

  export interface ProgramColumnsTypeFieldEvent {
    field: '$.columns[].type'
    value: Column.Type
    index: number
  }

  export interface ProgramCodeOpFieldEvent {
    field: '$.code[].op'
    value: Instruction.Op
    index: number
  }

  export interface ProgramCodeAFieldEvent {
    field: '$.code[].a'
    value: number
    index: number
  }

  export interface ProgramCodeBFieldEvent {
    field: '$.code[].b'
    value: number
    index: number
  }

  export interface ProgramCodeValueFieldEvent {
    field: '$.code[].value'
    value: number
    index: number
  }

  export interface ProgramPartialsKindFieldEvent {
    field: '$.partials[].kind'
    value: PartialSpec.Kind
    index: number
  }

  export interface ProgramPartialsRegisterFieldEvent {
    field: '$.partials[].register'
    value: number
    index: number
  }

  export interface ProgramOutputsNameFieldEvent {
    field: '$.outputs[].name'
    value: string
    index: number
  }

  export interface ProgramOutputsAggregateFieldEvent {
    field: '$.outputs[].aggregate'
    value: Output.Aggregate
    index: number
  }

  export interface ProgramOutputsPartialsFieldEvent {
    field: '$.outputs[].partials[]'
    index: number
    value: number
  }

  export interface ProgramDepthFieldEvent {
    field: '$.depth'
    value: number
  }

  export function encode (obj: Partial<Program>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Program.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Program>): Program {
    return decodeMessage(buf, Program.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Program>): Generator<ProgramNumericFieldEvent | ProgramColumnsNameFieldEvent | ProgramColumnsTypeFieldEvent | ProgramCodeOpFieldEvent | ProgramCodeAFieldEvent | ProgramCodeBFieldEvent | ProgramCodeValueFieldEvent | ProgramPartialsKindFieldEvent | ProgramPartialsRegisterFieldEvent | ProgramOutputsNameFieldEvent | ProgramOutputsAggregateFieldEvent | ProgramOutputsPartialsFieldEvent | ProgramDepthFieldEvent> {
    return streamMessage(buf, Program.codec(), opts)
  }
}

export interface Column {
  name: string
  type: Column.Type
}

export namespace Column {
  export enum Type {
    TYPE_UNSPECIFIED = 'TYPE_UNSPECIFIED',
    INT = 'INT',
    FLOAT = 'FLOAT'
  }

  enum __TypeValues {
    TYPE_UNSPECIFIED = 0,
    INT = 1,
    FLOAT = 2
  }

  export namespace Type {
    export const codec = (): Codec<Type> => {
      return enumeration<Type>(__TypeValues)
    }
  }

  let _codec: Codec<Column>

  export const codec = (): Codec<Column> => {
    if (_codec == null) {
      _codec = message<Column>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if (obj.type != null && __TypeValues[obj.type] !== 0) {
          w.uint32(16)
          Column.Type.codec().encode(obj.type, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          type: Type.TYPE_UNSPECIFIED
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.type = Column.Type.codec().decode(reader)
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.type`,
                value: Column.Type.codec().decode(reader)
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface ColumnNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface ColumnTypeFieldEvent {
    field: '$.type'
    value: Column.Type
  }

  export function encode (obj: Partial<Column>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Column.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Column>): Column {
    return decodeMessage(buf, Column.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Column>): Generator<ColumnNameFieldEvent | ColumnTypeFieldEvent> {
    return streamMessage(buf, Column.codec(), opts)
  }
}

export interface Instruction {
  op: Instruction.Op
  a: number
  b: number
  value: number
}

export namespace Instruction {
  export enum Op {
    OP_UNSPECIFIED = 'OP_UNSPECIFIED',
    LOAD = 'LOAD',
    CONST = 'CONST',
    ADD = 'ADD',
    SUB = 'SUB',
    MUL = 'MUL',
    NEG = 'NEG'
  }

  enum __OpValues {
    OP_UNSPECIFIED = 0,
    LOAD = 1,
    CONST = 2,
    ADD = 3,
    SUB = 4,
    MUL = 5,
    NEG = 6
  }

  export namespace Op {
    export const codec = (): Codec<Op> => {
      return enumeration<Op>(__OpValues)
    }
  }

  let _codec: Codec<Instruction>

  export const codec = (): Codec<Instruction> => {
    if (_codec == null) {
      _codec = message<Instruction>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.op != null && __OpValues[obj.op] !== 0) {
          w.uint32(8)
          Instruction.Op.codec().encode(obj.op, w)
        }

        if ((obj.a != null && obj.a !== 0)) {
          w.uint32(16)
          w.uint32(obj.a)
        }

        if ((obj.b != null && obj.b !== 0)) {
          w.uint32(24)
          w.uint32(obj.b)
        }

        if ((obj.value != null && obj.value !== 0)) {
          w.uint32(33)
          w.double(obj.value)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          op: Op.OP_UNSPECIFIED,
          a: 0,
          b: 0,
          value: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.op = Instruction.Op.codec().decode(reader)
              break
            }
            case 2: {
              obj.a = reader.uint32()
              break
            }
            case 3: {
              obj.b = reader.uint32()
              break
            }
            case 4: {
              obj.value = reader.double()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.op`,
                value: Instruction.Op.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.a`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.b`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.value`,
                value: reader.double()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface InstructionOpFieldEvent {
    field: '$.op'
    value: Instruction.Op
  }

  export interface InstructionAFieldEvent {
    field: '$.a'
    value: number
  }

  export interface InstructionBFieldEvent {
    field: '$.b'
    value: number
  }

  export interface InstructionValueFieldEvent {
    field: '$.value'
    value: number
  }

  export function encode (obj: Partial<Instruction>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Instruction.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Instruction>): Instruction {
    return decodeMessage(buf, Instruction.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Instruction>): Generator<InstructionOpFieldEvent | InstructionAFieldEvent | InstructionBFieldEvent | InstructionValueFieldEvent> {
    return streamMessage(buf, Instruction.codec(), opts)
  }
}

export interface PartialSpec {
  kind: PartialSpec.Kind
  register: number
}

export namespace PartialSpec {
  export enum Kind {
    KIND_UNSPECIFIED = 'KIND_UNSPECIFIED',
    ROWS = 'ROWS',
    SUM = 'SUM'
  }

  enum __KindValues {
    KIND_UNSPECIFIED = 0,
    ROWS = 1,
    SUM = 2
  }

  export namespace Kind {
    export const codec = (): Codec<Kind> => {
      return enumeration<Kind>(__KindValues)
    }
  }

  let _codec: Codec<PartialSpec>

  export const codec = (): Codec<PartialSpec> => {
    if (_codec == null) {
      _codec = message<PartialSpec>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.kind != null && __KindValues[obj.kind] !== 0) {
          w.uint32(8)
          PartialSpec.Kind.codec().encode(obj.kind, w)
        }

        if ((obj.register != null && obj.register !== 0)) {
          w.uint32(16)
          w.uint32(obj.register)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: Kind.KIND_UNSPECIFIED,
          register: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = PartialSpec.Kind.codec().decode(reader)
              break
            }
            case 2: {
              obj.register = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.kind`,
                value: PartialSpec.Kind.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.register`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PartialSpecKindFieldEvent {
    field: '$.kind'
    value: PartialSpec.Kind
  }

  export interface PartialSpecRegisterFieldEvent {
    field: '$.register'
    value: number
  }

  export function encode (obj: Partial<PartialSpec>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PartialSpec.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PartialSpec>): PartialSpec {
    return decodeMessage(buf, PartialSpec.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PartialSpec>): Generator<PartialSpecKindFieldEvent | PartialSpecRegisterFieldEvent> {
    return streamMessage(buf, PartialSpec.codec(), opts)
  }
}

export interface Output {
  name: string
  aggregate: Output.Aggregate
  partials: number[]
}

export namespace Output {
  export enum Aggregate {
    AGGREGATE_UNSPECIFIED = 'AGGREGATE_UNSPECIFIED',
    ROWS = 'ROWS',
    SUM = 'SUM',
    MEAN = 'MEAN',
    VAR = 'VAR',
    DOT = 'DOT',
    COUNT = 'COUNT'
  }

  enum __AggregateValues {
    AGGREGATE_UNSPECIFIED = 0,
    ROWS = 1,
    SUM = 2,
    MEAN = 3,
    VAR = 4,
    DOT = 5,
    COUNT = 6
  }

  export namespace Aggregate {
    export const codec = (): Codec<Aggregate> => {
      return enumeration<Aggregate>(__AggregateValues)
    }
  }

  let _codec: Codec<Output>

  export const codec = (): Codec<Output> => {
    if (_codec == null) {
      _codec = message<Output>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if (obj.aggregate != null && __AggregateValues[obj.aggregate] !== 0) {
          w.uint32(16)
          Output.Aggregate.codec().encode(obj.aggregate, w)
        }

        if (obj.partials != null && obj.partials.length > 0) {
          for (const value of obj.partials) {
            w.uint32(24)
            w.uint32(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          aggregate: Aggregate.AGGREGATE_UNSPECIFIED,
          partials: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.aggregate = Output.Aggregate.codec().decode(reader)
              break
            }
            case 3: {
              if (opts.limits?.partials != null && obj.partials.length === opts.limits.partials) {
                throw new MaxLengthError('Decode error - repeated field "partials" had too many elements')
              }

              obj.partials.push(reader.uint32())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          partials: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.aggregate`,
                value: Output.Aggregate.codec().decode(reader)
              }
              break
            }
            case 3: {
              if (opts.limits?.partials != null && obj.partials === opts.limits.partials) {
                throw new MaxLengthError('Streaming decode error - repeated field "partials" had too many elements')
              }

              yield {
                field: `${prefix}.partials[]`,
                index: obj.partials,
                value: reader.uint32()
              }

              obj.partials++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface OutputNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface OutputAggregateFieldEvent {
    field: '$.aggregate'
    value: Output.Aggregate
  }

  export interface OutputPartialsFieldEvent {
    field: '$.partials[]'
    index: number
    value: number
  }

  export function encode (obj: Partial<Output>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Output.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Output>): Output {
    return decodeMessage(buf, Output.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Output>): Generator<OutputNameFieldEvent | OutputAggregateFieldEvent | OutputPartialsFieldEvent> {
    return streamMessage(buf, Output.codec(), opts)
  }
}
