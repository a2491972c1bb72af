import assert from 'node:assert/strict'
import { test } from 'node:test'
import { deriveCounts, states } from '../eval/quantities.eval.ts'
import { makeDoc } from '../src/model/doc.ts'
import { createPipeline } from '../src/pipeline/stage.ts'
import { quantities } from '../src/stages/quantities.ts'
import { segment } from '../src/stages/segment.ts'
import { tokenize } from '../src/stages/tokenize.ts'

const run = createPipeline([tokenize(), segment(), quantities()])
const counts = (text: string) => deriveCounts(run(makeDoc({ text, meta: { source: 'test' } })))

// Made-up articles: [text, expected killed/injured by the eval's derivation rule].
const cases: [string, { killed: number; injured: number }][] = [
  ['Two people were shot, one fatally, on Elm Road.', { killed: 1, injured: 1 }],
  ['Four people were shot at a party. Police said nobody died.', { killed: 0, injured: 4 }],
  ['A man was killed and three others were wounded.', { killed: 1, injured: 3 }],
  ['No one was hurt.', { killed: 0, injured: 0 }],
  // A definite reference to a wounded person after a death names the same victim (shot, then died) ...
  [
    'A teen died after a shooting on Main Street. The teen was wounded in the chest.',
    { killed: 1, injured: 0 },
  ],
  // ... unless another victim was introduced, or the reference says it is someone else.
  [
    'A man was killed on Elm Road. A woman was shot in the arm. The woman was wounded in the arm.',
    { killed: 1, injured: 1 },
  ],
  ['A man was killed on Elm Road. The other man was wounded in the leg.', { killed: 1, injured: 1 }],
  // The lead decides when it has a figure; a statistic further down does not override it.
  [
    'A teen was shot dead on Friday. Police are searching for the gunman. The family is grieving. Neighbours left flowers. A vigil is planned. Last year 45 people were killed in the city.',
    { killed: 1, injured: 0 },
  ],
]

test('quantities eval: one killed and one injured count per article', () => {
  for (const [text, expected] of cases) assert.deepEqual(counts(text), expected, text)
})

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
