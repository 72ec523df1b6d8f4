import assert from 'node:assert/strict'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { idDigest, readJointCsv } from './data.js'

const dir = await mkdtemp(join(tmpdir(), 'shulian-joint-data-'))
const file = async (name: string, text: string): Promise<string> => {
  const p = join(dir, name)
  await writeFile(p, text)
  return p
}

describe('joint data', () => {
  it('sorts rows by id, so two owners with the same ids in other orders align', async () => {
    const a = await readJointCsv(await file('a.csv', 'id,x,y\nb7,2,20\na1,1,10\nc3,3,30\n'), 'id', ['y', 'x'])
    const c = await readJointCsv(await file('c.csv', 'z,id\n9,c3\n8,a1\n7,b7\n'), 'id', ['z'])
    assert.deepEqual(a.ids, ['a1', 'b7', 'c3'])
    assert.deepEqual(Array.from(a.columns[0] as Float64Array), [10, 20, 30])
    assert.deepEqual(Array.from(a.columns[1] as Float64Array), [1, 2, 3])
    assert.deepEqual(Array.from(c.columns[0] as Float64Array), [8, 7, 9])
    assert.deepEqual(idDigest(a.ids, 't'), idDigest(c.ids, 't'))
    assert.notDeepEqual(idDigest(a.ids, 't'), idDigest(['a1', 'b7', 'c4'], 't'))
    assert.notDeepEqual(idDigest(a.ids, 't'), idDigest(a.ids, 'other training'))
  })

  it('refuses bad files with one line naming file and line', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['missing.csv', '', /missing\.csv: cannot read the data file \(ENOENT\)/],
      ['header.csv', 'id,x\n1,2\n', /header\.csv: header has no column "y" \(it has "id", "x"\)/],
      ['ragged.csv', 'id,x,y\n1,2,3\n2,3\n', /ragged\.csv: Invalid Record Length: .*expect 3, got 2 on line 3/],
      ['value.csv', 'id,x,y\n1,2,3\n2,abc,4\n', /value\.csv:3: column "x": "abc" is not a number/],
      ['dup.csv', 'id,x,y\n1,2,3\n2,3,4\n1,5,6\n', /dup\.csv: id "1" appears twice \(lines 2 and 4\)/],
      ['empty-id.csv', 'id,x,y\n,2,3\n', /empty-id\.csv:2: empty id/],
      ['empty.csv', 'id,x,y\n', /empty\.csv: no data rows/]
    ]
    for (const [name, text, re] of cases) {
      const path = name === 'missing.csv' ? join(dir, name) : await file(name, text)
      await assert.rejects(readJointCsv(path, 'id', ['x', 'y']), (e: any) => {
        assert.equal(e.name, 'JointError')
        assert.equal(e.exitCode, 2)
        assert.match(e.message, re)
        assert.equal(e.message.split('\n').length, 1)
        return true
      })
    }
  })
})
