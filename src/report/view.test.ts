import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { StoryCount } from '../model/types.ts'
import { formatFactValue, formatRecord, formatVoiceMix } from './view.ts'

type Figure = [document: string, low: number, best: number, high: number | null]

/** A story count as storyRecord builds it from each report's figure. */
const count = (
  low: number,
  best: number,
  high: number | null,
  status: StoryCount['status'],
  figures: Figure[],
) => {
  const at = (pick: (f: Figure) => number | null, value: number | null) =>
    figures.filter((f) => pick(f) === value).map(([d]) => d)
  return {
    low,
    best,
    high,
    status,
    sources: { low: at((f) => f[1], low), best: at((f) => f[2], best), high: at((f) => f[3], high) },
    reports: figures.map(([document, l, b, h]) => ({ document, low: l, best: b, high: h })),
  } satisfies StoryCount
}
const silent: StoryCount = {
  low: 0,
  best: 0,
  high: 0,
  status: 'unique',
  sources: { low: [], best: [], high: [] },
  reports: [],
}
const letter = (id: string) => `[${id.toUpperCase()}]`

test('formatRecord: the casualty line a reader sees (a count no report states is "not reported"), or none when no report states a count', () => {
  const rows: [Parameters<typeof formatRecord>[0], string | null][] = [
    [
      {
        killed: count(2, 2, 2, 'agree', [
          ['a', 2, 2, 2],
          ['b', 2, 2, 2],
        ]),
        injured: silent,
      },
      'killed 2 · injured not reported',
    ],
    [
      { killed: count(4, 4, null, 'unique', [['a', 4, 4, null]]), injured: silent },
      'killed at least 4 · injured not reported',
    ],
    [{ killed: silent, injured: silent }, null],
    [undefined, null],
  ]
  for (const [record, expected] of rows) assert.equal(formatRecord(record, letter), expected)
})

test('formatRecord: when reports give different figures, each figure is shown after the reports that give it', () => {
  const conflict = {
    killed: count(2, 3, 3, 'conflict', [
      ['a', 3, 3, 3],
      ['b', 2, 2, 2],
      ['c', 3, 3, 3],
    ]),
    injured: count(30, 41, null, 'compatible', [
      ['a', 30, 30, null],
      ['b', 41, 41, 41],
    ]),
  }
  assert.equal(
    formatRecord(conflict, letter),
    'killed 3 ([A]/[C]: 3, [B]: 2; reports conflict) · injured 41 ([A]: at least 30, [B]: 41)',
  )
  // A report whose count only names one victim gives a lower bound beside another's exact toll.
  const implied = {
    killed: count(1, 3, null, 'compatible', [
      ['a', 3, 3, 3],
      ['b', 1, 1, null],
    ]),
    injured: silent,
  }
  assert.equal(formatRecord(implied, letter), 'killed 3 ([A]: 3, [B]: at least 1) · injured not reported')
})

test('formatRecord: a figure given by many reports names the first four and counts the rest', () => {
  const figures: Figure[] = [...'abcdefg'].map((d) => [d, 5, 5, 5])
  const record = { killed: count(4, 5, 5, 'conflict', [...figures, ['h', 4, 4, 4]]), injured: silent }
  assert.equal(
    formatRecord(record, letter),
    'killed 5 ([A]/[B]/[C]/[D] +3: 5, [H]: 4; reports conflict) · injured not reported',
  )
})

test('formatRecord: a story stored before per-report figures were kept still gets its reconciled line', () => {
  const { reports: _, ...old } = count(2, 3, 3, 'conflict', [
    ['a', 3, 3, 3],
    ['b', 2, 2, 2],
  ])
  assert.equal(
    formatRecord({ killed: old, injured: silent }, letter),
    'killed 3 (reports give 2 to 3), reports conflict · injured not reported',
  )
})

test('formatFactValue: a time or part of day reads as words, not as TIMEX3 codes', () => {
  const shown = (value: string) => formatFactValue({ document: 'd1', value, evidence: [] }, () => '[A]')
  assert.equal(shown('2031-05-04TMO'), '2031-05-04 morning')
  assert.equal(shown('2031-05-04TNI'), '2031-05-04 night')
  assert.equal(shown('2031-05-04T16:30'), '2031-05-04 16:30')
  assert.equal(shown('2031-05-04T16:30Z'), '2031-05-04 16:30 UTC')
  assert.equal(shown('2031-05-04'), '2031-05-04')
  assert.equal(shown('XXXX-WXX-3'), 'XXXX-WXX-3')
  assert.equal(shown('2021-W39-WE'), 'weekend of 2021-10-02')
  assert.equal(shown('2021-W39'), 'week of 2021-09-27')
  assert.equal(shown('2026-W01'), 'week of 2025-12-29')
  assert.equal(shown('Tamsin Reeve'), 'Tamsin Reeve')
  assert.equal(
    formatFactValue(
      { document: 'd2', value: '2031-05-04TEV', evidence: [], inferredFrom: 'd1' },
      () => '[A]',
    ),
    '2031-05-04 evening (undated: the day of [A])',
  )
})

test('formatVoiceMix: counts quotes by kind of voice, not voices', () => {
  assert.equal(
    formatVoiceMix([
      { kind: 'person', count: 5 },
      { kind: 'person', count: 4 },
      { kind: 'unnamed', count: 3 },
    ]),
    'quotes: people 9 · unnamed sources 3',
  )
  assert.equal(formatVoiceMix([]), '')
})
