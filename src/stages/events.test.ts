import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { assertDoc } from '../model/invariants.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { events } from './events.ts'
import { quantities } from './quantities.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), events()])
const find = (text: string): [string, string][] => {
  const doc = run(makeDoc({ text, meta: { source: 'test' } }))
  assertDoc(doc)
  return (doc.events ?? []).map((e) => [e.text, e.type])
}

// Made-up sentences: [text, expected [trigger text, type] in order].
const cases: [string, [string, string][]][] = [
  ['A drone strike hit a convoy near the border.', [['drone strike', 'airstrike']]],
  [
    'The missile strike on the base killed two soldiers.',
    [
      ['missile strike', 'airstrike'],
      ['killed', 'killing'],
    ],
  ],
  ['Militants said the strike targeted their commander.', [['strike', 'airstrike']]],
  ['Dock workers began a strike over pay on Monday.', [['strike', 'labour_strike']]],
  ['The union said its members would stay on strike.', [['on strike', 'labour_strike']]],
  ['He scored with a fine strike from outside the box.', []],
  ['The prisoner went on a hunger strike.', [['hunger strike', 'protest']]],
  ['A gunman opened fire at a bus stop.', [['opened fire', 'shooting']]],
  ['The fire destroyed three homes.', [['fire', 'fire']]],
  ['He suffered a heart attack at home.', []],
  ['Rebels launched an attack on the town.', [['attack', 'attack']]],
  ['Stocks staged a rally after the report.', []],
  ['Thousands joined a rally in the capital.', [['rally', 'protest']]],
  [
    'Police arrested a suspect after the shooting.',
    [
      ['arrested', 'arrest'],
      ['shooting', 'shooting'],
    ],
  ],
  [
    'The earthquake was followed by aftershocks.',
    [
      ['earthquake', 'earthquake'],
      ['aftershocks', 'earthquake'],
    ],
  ],
  ['She won the election by a landslide.', [['election', 'election']]],
  [
    'A car bomb exploded outside the ministry.',
    [
      ['car bomb', 'bombing'],
      ['exploded', 'explosion'],
    ],
  ],
  ['The jury returned a guilty verdict.', [['verdict', 'verdict']]],
  ['The clinical trial enrolled 300 patients.', []],
  // Capitalised words inside names are not events; in a title-case headline they are.
  ['Crews from Northshire Fire and Rescue tackled the blaze.', [['blaze', 'fire']]],
  ['The Central Election Commission met on Monday.', []],
  ['Three Dead After Fire Destroys Warehouse', [['Fire', 'fire']]],
]

test('events: triggers typed from the lexicon, multi-word first, context-checked', () => {
  for (const [text, expected] of cases) assert.deepEqual(find(text), expected, text)
})

test('events: custom triggers replace the lexicon', () => {
  const custom = createPipeline([
    tokenize(),
    segment(),
    events({
      triggers: [
        { phrase: 'power cut', type: 'outage' },
        { phrase: 'cut', type: 'other' },
      ],
    }),
  ])
  const doc = custom(
    makeDoc({ text: 'A power cut hit the city, then a cut in rates.', meta: { source: 'test' } }),
  )
  assert.deepEqual(
    doc.events?.map((e) => [e.text, e.type]),
    [
      ['power cut', 'outage'],
      ['cut', 'other'],
    ],
  )
})

test('events: empty text gives no events', () => {
  assert.deepEqual(find(''), [])
})

test('events: a count of people hurt settles an ambiguous trigger without its context words', () => {
  const counted = createPipeline([tokenize(), segment(), quantities(), events()])
  const triggers = (text: string): [string, string][] =>
    (counted(makeDoc({ text, meta: { source: 'test' } })).events ?? []).map((e) => [e.text, e.type])
  assert.deepEqual(triggers('Six shot at a birthday party in Dellport.'), [['shot', 'shooting']])
  assert.deepEqual(triggers('Residents are looking for the person who shot three people at a party.'), [
    ['shot', 'shooting'],
  ])
  // No count of people hurt: still no shooting.
  assert.deepEqual(triggers('She shot a short film about a party in Dellport.'), [])
})
