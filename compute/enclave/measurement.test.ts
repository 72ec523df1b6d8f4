import assert from 'node:assert/strict'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { measureProgram, programFiles, relativeImports } from './measurement.js'
import { SIMULATED_ENCLAVE_ENTRY, simulatedEnclaveMeasurement } from './sim/entry.js'

describe('enclave measurement', () => {
  let dir = ''
  after(async () => { if (dir !== '') await rm(dir, { recursive: true, force: true }) })

  it('finds static, re-export, side-effect and dynamic relative imports, not packages', () => {
    const src = "import { a } from './a.js';\nexport * from \"../b.js\";\nimport './c.js';\nconst d = await import('./d.js');\nimport x from '@libp2p/crypto';\nimport {\n  e,\n  f\n} from './e.js';"
    assert.deepEqual(relativeImports(src), ['./a.js', '../b.js', './c.js', './d.js', './e.js'])
  })

  it('covers the transitive closure and changes when any file of it changes, not otherwise', async () => {
    dir = await mkdtemp(join(tmpdir(), 'shulian-measure-'))
    await mkdir(join(dir, 'lib'))
    await writeFile(join(dir, 'main.js'), "import { f } from './lib/f.js'\nf()\n")
    await writeFile(join(dir, 'lib', 'f.js'), "import { g } from './g.js'\nexport const f = () => g()\n")
    await writeFile(join(dir, 'lib', 'g.js'), 'export const g = () => 1\n')
    await writeFile(join(dir, 'unrelated.js'), 'export const u = 1\n')
    assert.deepEqual((await programFiles(join(dir, 'main.js'))).map(f => f.slice(dir.length)), ['/lib/f.js', '/lib/g.js', '/main.js'])
    const m1 = await measureProgram(join(dir, 'main.js'), dir)
    await writeFile(join(dir, 'unrelated.js'), 'export const u = 2\n')
    assert.deepEqual(await measureProgram(join(dir, 'main.js'), dir), m1)
    await writeFile(join(dir, 'lib', 'g.js'), 'export const g = () => 2\n')
    assert.notDeepEqual(await measureProgram(join(dir, 'main.js'), dir), m1)
  })

  it('measures the simulated enclave deterministically, including its program registry', async () => {
    const files = await programFiles(SIMULATED_ENCLAVE_ENTRY)
    assert.ok(files.some(f => f.endsWith('/compute/enclave/sim/runtime.js')))
    assert.ok(files.some(f => f.endsWith('/keys/aead/chunked.js')))
    assert.ok(!files.some(f => f.endsWith('/compute/enclave/sim/host.js')), 'the host side is not part of the enclave')
    assert.deepEqual(await simulatedEnclaveMeasurement(), await simulatedEnclaveMeasurement())
  })
})
