import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { bcubed, membership, pairwise } from './clustering-scores.ts'

const map = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries))
const gold = map({ a: 'x', b: 'x', c: 'x', d: 'y', e: 'y' })

describe('bcubed and pairwise', () => {
  const cases: [string, Map<string, string>, { p: number; r: number }, { p: number; r: number }][] = [
    ['perfect', map({ a: '1', b: '1', c: '1', d: '2', e: '2' }), { p: 1, r: 1 }, { p: 1, r: 1 }],
    ['all singletons', map({}), { p: 1, r: (3 * (1 / 3) + 2 * (1 / 2)) / 5 }, { p: 1, r: 0 }],
    [
      'one cluster',
      map({ a: '1', b: '1', c: '1', d: '1', e: '1' }),
      { p: (3 * (3 / 5) + 2 * (2 / 5)) / 5, r: 1 },
      { p: 4 / 10, r: 1 },
    ],
    [
      'one split',
      map({ a: '1', b: '1', c: '2', d: '3', e: '3' }),
      { p: 1, r: (2 * (2 / 3) + 1 / 3 + 2) / 5 },
      { p: 1, r: 2 / 4 },
    ],
  ]
  for (const [name, predicted, b3, pw] of cases) {
    it(name, () => {
      const b = bcubed(predicted, gold)
      const p = pairwise(predicted, gold)
      assert.ok(Math.abs(b.p - b3.p) < 1e-9 && Math.abs(b.r - b3.r) < 1e-9, JSON.stringify(b))
      assert.ok(Math.abs(p.p - pw.p) < 1e-9 && Math.abs(p.r - pw.r) < 1e-9, JSON.stringify(p))
    })
  }

  it('builds membership from groups', () => {
    assert.deepEqual(membership([{ id: 's', documents: ['a', 'b'] }]), map({ a: 's', b: 's' }))
  })
})
