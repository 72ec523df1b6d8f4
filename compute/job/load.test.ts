import assert from 'node:assert/strict'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { JobFileError, loadJobFile, parseJob } from './index.js'
import { ProgramError } from '../program/index.js'
import { DataError, readCsvTable, readCsvTableOffThread } from '../data/index.js'

const good = {
  name: 'j',
  data: { path: 'data.csv', columns: { income: 'float', age: 'int' } },
  program: { let: { s: 'income*2 + age' }, outputs: { m: 'mean(s)' } },
  lease: { cores: 2, memoryMiB: 512, maxPrice: 3, duration: '30m' },
  budget: { maxSeconds: 10 },
  addedLater: { anything: true }
}

function schemaError (json: unknown, path: string, text: RegExp): void {
  assert.throws(() => parseJob(json, 'job.json', '/jobs'), (e: unknown) => {
    assert.ok(e instanceof JobFileError, String(e))
    assert.equal(e.path, path)
    assert.equal(e.exitCode, 2)
    assert.match(e.message, text)
    return true
  })
}

describe('job files', () => {
  it('resolves the data path against the job file folder and compiles the program', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-job-'))
    await writeFile(join(dir, 'job.json'), JSON.stringify(good))
    const job = await loadJobFile(join(dir, 'job.json'))
    assert.equal(job.dataPath, join(dir, 'data.csv'))
    assert.deepEqual(job.program.columns.map(c => c.name), ['income', 'age'])
  })

  it('says which field is wrong, with its JSON path', () => {
    schemaError({ ...good, name: undefined }, 'name', /^job\.json: name: /)
    schemaError({ ...good, data: { ...good.data, columns: { age: 'integer' } } }, 'data.columns.age', /data\.columns\.age/)
    schemaError({ ...good, data: { ...good.data, colums: {} } }, 'data', /unknown field "colums"/)
    schemaError({ ...good, lease: { ...good.lease, cores: 0 } }, 'lease.cores', /lease\.cores/)
    schemaError({ ...good, lease: { ...good.lease, duration: 'soon' } }, 'lease.duration', /like "30m"/)
    schemaError({ ...good, program: { outputs: {} } }, 'program.outputs', /at least one output/)
  })

  it('reports program errors with the file and the program path', () => {
    assert.throws(() => parseJob({ ...good, program: { let: { s: 'income / age' }, outputs: { m: 'mean(s)' } } }, 'job.json', '/jobs'),
      (e: unknown) => e instanceof ProgramError && e.path === 'program.let.s' && /^job\.json: program\.let\.s: division by a column/.test(e.message))
  })

  it('refuses missing and malformed job files in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-job-'))
    await assert.rejects(loadJobFile(join(dir, 'nope.json')), (e: unknown) => e instanceof JobFileError && e.code === 'NOT_FOUND')
    await writeFile(join(dir, 'bad.json'), '{ "name": ')
    await assert.rejects(loadJobFile(join(dir, 'bad.json')), (e: unknown) => e instanceof JobFileError && e.code === 'JSON' && !e.message.includes('\n'))
  })
})

describe('CSV tables', () => {
  for (const [how, read] of [['on this thread', readCsvTable], ['off this thread', readCsvTableOffThread]] as const) {
    it(`reads typed columns and says where a value is wrong (${how})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'shulian-csv-'))
      const file = join(dir, 'd.csv')
      await writeFile(file, 'id,income,age\n1,100.5,30\n2,200,41\n')
      const t = await read(file, { income: 'float', age: 'int' })
      assert.equal(t.rowCount, 2)
      assert.deepEqual(Array.from(t.columns.age as Float64Array), [30, 41])
      assert.deepEqual(Array.from(t.columns.income as Float64Array), [100.5, 200])
      // blank lines are skipped, quotes and spaces around values are fine, and lines are still counted
      await writeFile(file, 'income,age\n1,30\n\n "2.5" , 7\n3,x\n')
      await assert.rejects(read(file, { income: 'float', age: 'int' }), (e: unknown) => e instanceof DataError && e.code === 'VALUE' && /d\.csv:5: column "age": "x" is not an integer/.test(e.message))
      await writeFile(file, 'income,age\n1,30\n2,4.5\n')
      await assert.rejects(read(file, { income: 'float', age: 'int' }), (e: unknown) => e instanceof DataError && e.code === 'VALUE' && /d\.csv:3: column "age": "4\.5" is not an integer/.test(e.message))
      await writeFile(file, 'income\n1\n')
      await assert.rejects(read(file, { income: 'float', age: 'int' }), (e: unknown) => e instanceof DataError && e.code === 'HEADER' && /no column "age"/.test(e.message))
      await assert.rejects(read(join(dir, 'missing.csv'), { a: 'int' }), (e: unknown) => e instanceof DataError && e.code === 'NOT_FOUND')
      await writeFile(file, 'income,age\n1,30\n2\n')
      await assert.rejects(read(file, { income: 'float', age: 'int' }), (e: unknown) => e instanceof DataError && e.code === 'VALUE' && /d\.csv: .*line 3/i.test(e.message))
      await writeFile(file, 'income,age\n')
      await assert.rejects(read(file, { income: 'float', age: 'int' }), (e: unknown) => e instanceof DataError && e.code === 'EMPTY')
      const big = Array.from({ length: 20_000 }, (_, i) => `${i * 0.5},${i % 90}`).join('\n')
      await writeFile(file, `income,age\n${big}\n`)
      const b = await read(file, { income: 'float', age: 'int' })
      assert.equal(b.rowCount, 20_000)
      assert.equal((b.columns.income as Float64Array).reduce((a, v) => a + v, 0), 0.5 * 19_999 * 20_000 / 2)
    })
  }

  it('reads a file in parallel ranges to the same table, and to the same errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shulian-csv-'))
    const file = join(dir, 'p.csv')
    const n = 30_000
    const lines = Array.from({ length: n }, (_, i) => `${i},${(i * 7919 % 100_000) / 100},${18 + i % 70}`)
    await writeFile(file, `id,income,age\n${lines.join('\n')}\n`)
    const types = { income: 'float', age: 'int' } as const
    const one = await readCsvTable(file, types)
    for (const threads of [2, 3, 7]) {
      const t = await readCsvTableOffThread(file, types, { threads, parallelFromBytes: 0 })
      assert.equal(t.rowCount, n)
      assert.deepEqual(t.columns.income, one.columns.income)
      assert.deepEqual(t.columns.age, one.columns.age)
    }
    // a bad value late in the file: the error names its line in the whole file
    const bad = [...lines]
    bad[n - 10] = `${n - 10},12.5,x`
    await writeFile(file, `id,income,age\n${bad.join('\n')}\n`)
    await assert.rejects(readCsvTableOffThread(file, types, { threads: 3, parallelFromBytes: 0 }), (e: unknown) => e instanceof DataError && e.code === 'VALUE' && e.message.includes(`p.csv:${n - 10 + 2}: column "age": "x"`))
    // a quoted field with line breaks, long enough that the cut in the middle of the file falls
    // inside it: the parallel read fails there, and the file is read again in one piece
    const mid = Math.floor(n / 2)
    const noted = Array.from({ length: n }, (_, i) => i === mid ? `${i},"${'12\n'.repeat(70_000)}",1.5,30` : `${i},"ok",2.5,${18 + i % 70}`)
    await writeFile(file, `id,note,income,age\n${noted.join('\n')}\n`)
    const q = await readCsvTableOffThread(file, { age: 'int' }, { threads: 2, parallelFromBytes: 0 })
    assert.equal(q.rowCount, n)
    assert.equal((q.columns.age as Float64Array)[mid], 30)
    assert.equal((q.columns.age as Float64Array)[mid + 1], 18 + (mid + 1) % 70)
  })
})
