import assert from 'node:assert/strict'
import { test } from 'node:test'
import { states } from '../eval/quantities.eval.ts'

test('quantities eval: a count is stated as a digit or a number word', () => {
  const rows: [string, number, boolean][] = [
    ['Three people died.', 3, true],
    ['3 people died.', 3, true],
    ['Forty-seven were hurt.', 47, true],
    ['It cost 3.5 million.', 3, false],
    ['Route 33 was closed.', 3, false],
    ['Nobody died.', 0, false],
  ]
  for (const [text, n, expected] of rows) assert.equal(states(text, n), expected, text)
})
