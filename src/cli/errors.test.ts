import assert from 'node:assert/strict'
import { test } from 'node:test'
import { problemLines } from './errors.ts'

test('problemLines counts the lines of one file that share a problem instead of printing each', () => {
  const problems = [
    ...Array.from({ length: 500 }, (_, i) => ({ source: `big.jsonl:${i + 1}`, reason: 'no article text' })),
    { source: 'big.jsonl:501', reason: 'malformed JSON (Unexpected token)' },
    { source: 'other.json#0', reason: 'no article text' },
    { source: 'empty.txt', reason: 'empty file' },
  ]
  assert.deepEqual(problemLines(problems), [
    'parallax: big.jsonl:1: no article text',
    'parallax: big.jsonl:2: no article text',
    'parallax: big.jsonl:3: no article text',
    'parallax: big.jsonl: 497 more with the same problem (500 in all)',
    'parallax: big.jsonl:501: malformed JSON (Unexpected token)',
    'parallax: other.json#0: no article text',
    'parallax: empty.txt: empty file',
  ])
})
