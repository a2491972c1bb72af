import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dateStatus, dayRange } from './day-range.ts'
import type { DateMention, FactStatus } from './types.ts'

describe('dayRange', () => {
  const cases: [Pick<DateMention, 'value' | 'range'>, ReturnType<typeof dayRange>][] = [
    [{ value: '2024-01-28' }, { start: '2024-01-28', end: '2024-01-28' }],
    [{ value: '2024-02-07T10:00' }, { start: '2024-02-07', end: '2024-02-07' }],
    [{ value: '2024-02' }, { start: '2024-02-01', end: '2024-02-29' }],
    [{ value: '2023' }, { start: '2023-01-01', end: '2023-12-31' }],
    [{ value: '2024-W05' }, { start: '2024-01-29', end: '2024-02-04' }],
    [{ value: '2024-Q2' }, { start: '2024-04-01', end: '2024-06-30' }],
    [
      { value: '2024-01', range: { start: '2024-01-21', end: '2024-01-31' } },
      { start: '2024-01-21', end: '2024-01-31' },
    ],
    [
      { value: '2014-05-17TMO', range: { start: '2014-05-17', end: '2014-05-16' } },
      { start: '2014-05-17', end: '2014-05-17' },
    ],
    [{ value: null }, null],
    [{ value: 'P3D' }, null],
  ]
  for (const [date, expected] of cases)
    it(JSON.stringify(date), () => assert.deepEqual(dayRange(date), expected))
})

describe('dateStatus', () => {
  const lateJanuary = { value: '2024-01', range: { start: '2024-01-21', end: '2024-01-31' } }
  const cases: [string, Pick<DateMention, 'value' | 'range'>[], FactStatus][] = [
    ['one date', [{ value: '2024-01-28' }], 'unique'],
    ['same day', [{ value: '2024-01-28' }, { value: '2024-01-28' }], 'agree'],
    ['day inside a vague range', [{ value: '2024-01-28' }, lateJanuary], 'compatible'],
    ['day inside its month', [{ value: '2024-01-28' }, { value: '2024-01' }], 'compatible'],
    ['different days', [{ value: '2024-01-28' }, { value: '2024-02-07' }], 'conflict'],
    ['day outside the range', [{ value: '2024-01-10' }, lateJanuary], 'conflict'],
  ]
  for (const [name, dates, expected] of cases) it(name, () => assert.equal(dateStatus(dates), expected))
})
