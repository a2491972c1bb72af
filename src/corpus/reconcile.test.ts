import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FactStatus, Reconciled } from '../model/types.ts'
import {
  type NumberValue,
  numberStatus,
  pairStatus,
  type ReconcileInput,
  reconcile,
  toInterval,
} from './reconcile.ts'

const exact = (n: number): NumberValue => ({ low: n, best: n, high: n })
const atLeast = (n: number): NumberValue => ({ low: n, best: n, high: null })
const upTo = (n: number): NumberValue => ({ low: null, best: n, high: n })
const between = (lo: number, hi: number): NumberValue => ({ low: lo, best: lo, high: hi })

describe('toInterval', () => {
  const cases: [NumberValue, ReturnType<typeof toInterval>][] = [
    [exact(47), { lo: 47, hi: 47 }],
    [atLeast(40), { lo: 40, hi: Number.POSITIVE_INFINITY }],
    [upTo(50), { lo: 0, hi: 50 }],
    [
      { low: null, best: 12, high: null },
      { lo: 12, hi: 12 },
    ],
    [{ low: null, best: null, high: null }, null],
  ]
  for (const [value, expected] of cases) {
    it(JSON.stringify(value), () => assert.deepEqual(toInterval(value), expected))
  }
})

describe('numberStatus', () => {
  const cases: [string, NumberValue[], FactStatus][] = [
    ['one source', [exact(3)], 'unique'],
    ['same figure', [exact(3), exact(3)], 'agree'],
    ['same figure written two ways', [exact(3), { low: null, best: 3, high: null }], 'agree'],
    ['at least 40 vs 47', [atLeast(40), exact(47)], 'compatible'],
    ['at least 40 vs at least 40', [atLeast(40), atLeast(40)], 'agree'],
    ['3 vs 5', [exact(3), exact(5)], 'conflict'],
    ['at least 50 vs 47', [atLeast(50), exact(47)], 'conflict'],
    ['up to 50 vs 47', [upTo(50), exact(47)], 'compatible'],
    ['range overlapping', [between(10, 20), between(15, 30)], 'compatible'],
    ['three sources, one off', [exact(3), exact(3), exact(4)], 'conflict'],
    ['numberless ignored', [exact(3), { low: null, best: null, high: null }], 'unique'],
  ]
  for (const [name, values, expected] of cases) {
    it(name, () => assert.equal(numberStatus(values), expected))
    if (values.length === 2)
      it(`${name} (pairStatus)`, () => assert.equal(pairStatus(values[0], values[1]), expected))
  }
})

describe('reconcile', () => {
  const cases: [string, ReconcileInput[], Reconciled][] = [
    [
      'at least 40 and 47: best is the most specific consistent figure',
      [
        { document: 'a', value: atLeast(40) },
        { document: 'b', value: exact(47) },
      ],
      { low: 40, best: 47, high: 47, sources: { low: ['a'], best: ['b'], high: ['b'] } },
    ],
    [
      'agreeing sources',
      [
        { document: 'a', value: exact(3) },
        { document: 'b', value: exact(3) },
      ],
      { low: 3, best: 3, high: 3, sources: { low: ['a', 'b'], best: ['a', 'b'], high: ['a', 'b'] } },
    ],
    [
      'conflict: the figure most sources give',
      [
        { document: 'a', value: exact(3) },
        { document: 'b', value: exact(5) },
        { document: 'c', value: exact(5) },
      ],
      { low: 3, best: 5, high: 5, sources: { low: ['a'], best: ['b', 'c'], high: ['b', 'c'] } },
    ],
    [
      'conflict tie: the later report',
      [
        { document: 'a', value: exact(3), published: '2024-02-01' },
        { document: 'b', value: exact(5), published: '2024-02-03' },
      ],
      { low: 3, best: 5, high: 5, sources: { low: ['a'], best: ['b'], high: ['b'] } },
    ],
    [
      'conflict tie without dates: the lower figure',
      [
        { document: 'a', value: exact(5) },
        { document: 'b', value: exact(3) },
      ],
      { low: 3, best: 3, high: 5, sources: { low: ['b'], best: ['b'], high: ['a'] } },
    ],
    [
      'open-ended alone: high is the figure itself, never infinite',
      [{ document: 'a', value: atLeast(40) }],
      { low: 40, best: 40, high: 40, sources: { low: ['a'], best: ['a'], high: ['a'] } },
    ],
    [
      'range and exact inside it',
      [
        { document: 'a', value: between(10, 20) },
        { document: 'b', value: exact(12) },
      ],
      { low: 10, best: 12, high: 20, sources: { low: ['a'], best: ['b'], high: ['a'] } },
    ],
    [
      'conflict: the figure most sources allow',
      [
        { document: 'a', value: exact(41) },
        { document: 'b', value: exact(30) },
        { document: 'c', value: { low: 31, best: 31, high: null } },
      ],
      { low: 30, best: 41, high: 41, sources: { low: ['b'], best: ['a'], high: ['a'] } },
    ],
    ['nothing usable', [], { low: null, best: null, high: null, sources: { low: [], best: [], high: [] } }],
  ]
  for (const [name, values, expected] of cases) {
    it(name, () => assert.deepEqual(reconcile(values), expected))
  }
})
