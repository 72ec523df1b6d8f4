export { splitRows } from './split.js'
export type { RowRange, SplitOptions } from './split.js'
