import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { Doc } from '../model/types.ts'
import { analyseDocument } from '../pipeline/default.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { quantities } from '../stages/quantities.ts'
import { record } from '../stages/record.ts'
import { segment } from '../stages/segment.ts'
import { tokenize } from '../stages/tokenize.ts'
import { compareStory } from './compare.ts'
import { resolveEntities } from './resolve.ts'
import { storyRecord } from './story-record.ts'

const run = createPipeline([tokenize(), segment(), quantities(), record()])
const doc = (id: string, text: string, published?: string): Doc =>
  run(makeDoc({ id, text, meta: { source: `${id}.txt`, published } }))
/** A report through the whole per-document pipeline (dates and entities too), as `parallax analyze` reads it. */
const full = (id: string, text: string, published?: string): Doc =>
  analyseDocument(makeDoc({ id, text, meta: { source: `${id}.txt`, published } }))

test('story record: reports that agree give one count, with every report behind it', () => {
  const r = storyRecord([
    doc('a', 'Two men were killed in a shooting on Elm Road.'),
    doc('b', 'Two people died after gunfire on Elm Road on Friday.'),
  ])!
  assert.deepEqual([r.killed.low, r.killed.best, r.killed.high, r.killed.status], [2, 2, 2, 'agree'])
  assert.deepEqual(r.killed.sources.best, ['a', 'b'])
})

test('story record: a later, higher toll is the best figure of a conflict, the earlier one the low', () => {
  const r = storyRecord([
    doc('a', 'Two men were killed in a shooting on Elm Road.', '2024-03-01'),
    doc('b', 'Three people were killed in the Elm Road shooting, police said.', '2024-03-02'),
  ])!
  assert.equal(r.killed.status, 'conflict')
  assert.deepEqual([r.killed.low, r.killed.best, r.killed.high], [2, 3, 3])
  assert.deepEqual(r.killed.sources.low, ['a'])
})

test('story record: a report silent about a count does not pull it down', () => {
  const r = storyRecord([
    doc('a', 'A man was killed and four people were wounded in a shooting on Elm Road.'),
    doc('b', 'Police are looking for a gunman after the Elm Road shooting.'),
  ])!
  assert.deepEqual([r.killed.low, r.killed.best, r.injured.best], [1, 1, 4])
  assert.deepEqual(r.injured.sources.best, ['a'])
  assert.equal(r.injured.status, 'unique')
})

test('story record: none without records', () => {
  assert.equal(storyRecord([makeDoc({ id: 'a', text: 'x', meta: { source: 'a' } })]), undefined)
})

test('story record: a count implied by a named individual is a lower bound, not a conflict', () => {
  const r = storyRecord([
    doc('a', 'A drone strike killed a senior commander in Dellport on Wednesday.'),
    doc('b', 'Three people, including a commander, were killed in a drone strike in Dellport.'),
  ])!
  assert.notEqual(r.killed.status, 'conflict')
  assert.deepEqual([r.killed.low, r.killed.best, r.killed.high], [1, 3, 3])
})

test('story record: a count another report dates to an earlier attack is not the main event’s', () => {
  const docs = [
    full(
      'dated',
      'Drone kills rebel commander\n\nA drone strike killed a senior militia commander in Karvik on Wednesday, officials said. ' +
        'The rebels vowed revenge. The army said the strike was a warning. The commander had led the militia for years. Talks on a truce have stalled. ' +
        'In late January, a rocket attack on a base in Ostravia killed four soldiers and injured 30 others.',
      '2025-02-20',
    ),
    full(
      'undated',
      'Rebels vow revenge for commander\n\nThe rebels vowed revenge after a drone strike killed their commander. ' +
        'The army said the strike was a warning. The rebels had been blamed for attacks on the army. The commander had led the militia for years. Talks on a truce have stalled. ' +
        'A rocket hit a base in Ostravia, killing four soldiers and injuring 30.',
    ),
  ]
  assert.equal(docs[1].record?.injured.best, 30, 'the undated report’s own record reads the earlier attack')
  const { earlierFigures } = compareStory(docs, resolveEntities(docs))
  const r = storyRecord(docs, earlierFigures)!
  assert.equal(r.injured.best, 0)
  assert.deepEqual(r.injured.sources.best, [])
  assert.equal(r.killed.best, 1)
  assert.equal(storyRecord(docs)!.injured.best, 30, 'without the comparison, the figure stays')
})

test('story record: follow-ups weeks on that date the shooting keep the story’s own count', () => {
  // Made-up town and event: the first report came out two weeks after the shooting, the others later.
  const docs = [
    full(
      'charged',
      'Man charged in Quarnby shooting\n\nA man was charged on Monday, police said. The March 2 shooting on Elm Road in Quarnby killed one man and wounded two others.',
      '2025-03-17',
    ),
    full(
      'plea',
      'Plea in Quarnby shooting\n\nThe accused man pleaded not guilty on Friday. The March 2 shooting on Elm Road in Quarnby killed one man and wounded two others.',
      '2025-04-11',
    ),
  ]
  const { earlierFigures } = compareStory(docs, resolveEntities(docs))
  const r = storyRecord(docs, earlierFigures)!
  assert.deepEqual([r.killed.best, r.injured.best], [1, 2])
  assert.equal(r.killed.status, 'agree')
})

test('story record: a later report dating the story’s first day tells the story’s event, not an earlier one', () => {
  const docs = [
    full(
      'first',
      'Two killed in Dellport shooting\n\nTwo men were killed and a woman was wounded in a shooting in Dellport on Saturday, police said.',
      '2025-06-08',
    ),
    full(
      'later',
      'Dellport shooting suspect arrested\n\nPolice arrested a man on Tuesday. The June 7 shooting in Dellport killed two men and wounded a woman.',
      '2025-06-24',
    ),
  ]
  const { earlierFigures } = compareStory(docs, resolveEntities(docs))
  assert.deepEqual(earlierFigures, [])
  const r = storyRecord(docs, earlierFigures)!
  assert.deepEqual([r.killed.best, r.injured.best], [2, 1])
  assert.deepEqual(r.killed.sources.best.sort(), ['first', 'later'])
})
