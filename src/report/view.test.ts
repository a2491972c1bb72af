import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { StoryCount } from '../model/types.ts'
import { formatRecord } from './view.ts'

const count = (
  low: number,
  best: number,
  high: number | null,
  status: StoryCount['status'],
  n = 1,
): StoryCount => {
  const docs = Array.from({ length: n }, (_, i) => `d${i}`)
  return { low, best, high, status, sources: { low: docs, best: docs, high: high === null ? [] : docs } }
}
const silent: StoryCount = {
  low: 0,
  best: 0,
  high: 0,
  status: 'unique',
  sources: { low: [], best: [], high: [] },
}

test('formatRecord: the casualty line a reader sees (a count no report states is "not reported"), or none when no report states a count', () => {
  const rows: [Parameters<typeof formatRecord>[0], string | null][] = [
    [{ killed: count(2, 2, 2, 'agree', 2), injured: silent }, 'killed 2 · injured not reported'],
    [
      { killed: count(2, 3, 3, 'conflict', 2), injured: count(4, 4, null, 'unique') },
      'killed 3 (reports give 2 to 3), reports conflict · injured at least 4',
    ],
    [{ killed: silent, injured: silent }, null],
    [undefined, null],
  ]
  for (const [record, expected] of rows) assert.equal(formatRecord(record), expected)
})
