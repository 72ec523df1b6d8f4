/**
 * The measurement of a simulated enclave: SHA-256 over the built files of its program, i.e. the
 * entry file and every file it imports by relative path, transitively. A change to any of them
 * changes the measurement; files the enclave does not load (the host side, the CLI) do not.
 * Paths are taken relative to the build root, so the value does not depend on where the project is
 * installed. Packages from node_modules are not included (see README: limits of the simulation).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { dirname, relative, resolve, sep } from 'node:path'
import { encodeFields } from '../../keys/index.js'

// static imports and re-exports (`from "<relative path>"`), side-effect imports and `import(<literal>)`
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g

/** Relative import specifiers of a built ES module. */
export function relativeImports (source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map(m => m[1] as string)
}

/**
 * The files of a program: `entry` and its relative imports, transitively, sorted. The scan is
 * textual, so a specifier quoted in a comment may match: one naming a file that does not exist is
 * skipped (a real import of a missing file could not run anyway), one naming a real file only adds
 * that file to the measurement.
 */
export async function programFiles (entry: string): Promise<string[]> {
  const seen = new Set<string>()
  const queue = [resolve(entry)]
  while (queue.length > 0) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    let source: string
    try {
      source = await readFile(file, 'utf8')
    } catch (e: any) {
      if (e.code === 'ENOENT' && file !== resolve(entry)) continue
      throw e
    }
    seen.add(file)
    for (const spec of relativeImports(source)) queue.push(resolve(dirname(file), spec))
  }
  return [...seen].sort()
}

/**
 * SHA-256 over (path relative to `root`, SHA-256 of content) of every file of the program that
 * starts at `entry`.
 */
export async function measureProgram (entry: string, root: string): Promise<Uint8Array> {
  const fields: string[] = []
  for (const file of await programFiles(entry)) {
    const rel = relative(root, file).split(sep).join('/')
    if (rel.startsWith('../')) throw new Error(`enclave program file ${file} lies outside ${root}`)
    fields.push(rel, createHash('sha256').update(await readFile(file)).digest('hex'))
  }
  return new Uint8Array(createHash('sha256').update(encodeFields('shulian/enclave/measurement/v1', fields)).digest())
}
