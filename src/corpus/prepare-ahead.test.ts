import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { Doc } from '../model/types.ts'
import { createStoryIndex, groupStories } from './cluster.ts'
import { groupStoriesAhead, prepareAhead } from './prepare-ahead.ts'
import { prepareArticle } from './prepared-article.ts'

// Made-up events in made-up places, some pages carrying the same sign-up prompt (page furniture).
const doc = (id: string, text: string, published: string): Doc =>
  makeDoc({ id, text, meta: { source: 'test', published } })
const prompt = 'Get breaking alerts from the Valley Courier delivered to your inbox every single morning.'
const docs = [
  doc(
    'a1',
    `${prompt}\nA flood swept through Marrowby on Monday, cutting the Tollan bridge and forcing 200 families from their homes. Mayor Petra Quell opened the Marrowby sports hall as a shelter.`,
    '2032-03-01',
  ),
  doc(
    'a2',
    `${prompt}\nThe Hestle county council voted on Tuesday to close the Orrin Lane depot, cutting 40 jobs. Councillor Dov Arkel called the vote a betrayal of Hestle workers.`,
    '2032-03-02',
  ),
  doc('a3', `${prompt}\nA library in Wenby reopened.`, '2032-03-03'),
  doc('a4', `${prompt}\nThe Skellmouth rowing club won the spring regatta.`, '2032-03-03'),
  doc(
    'a5',
    "Mayor Petra Quell said Marrowby would rebuild the Tollan bridge after Monday's flood forced 200 families from their homes.",
    '2032-03-02',
  ),
  doc(
    'a6',
    'Councillor Dov Arkel vowed to fight the closure of the Orrin Lane depot in Hestle after the council vote on Tuesday.',
    '2032-03-03',
  ),
  doc(
    'a7',
    `${prompt}\nVolunteers in Marrowby cleared mud from the sports hall after the flood that cut the Tollan bridge.`,
    '2032-03-04',
  ),
]

const bare = () => {
  const index = createStoryIndex()
  for (const d of docs) index.add(d)
  return index.toJSON()
}

describe('articles prepared ahead for the story index', () => {
  it('group exactly as bare articles, even when prepared before the index learnt its furniture', () => {
    const index = createStoryIndex()
    // Prepared up front, knowing no furniture: the index must see that the prompt is furniture by the
    // time the later ones arrive, and featurise those again.
    for (const d of docs) index.add(d, prepareArticle(d))
    const expected = bare()
    assert.ok(
      expected.segments.some(([, seen]) => seen === -1),
      'the prompt becomes furniture',
    )
    assert.deepEqual(index.toJSON(), expected)
  })

  it('are featurised again by an index whose feature options differ', () => {
    const options = { maxWords: 12 }
    const prepared = createStoryIndex({ features: options })
    for (const d of docs) prepared.add(d, prepareArticle(d))
    const plain = createStoryIndex({ features: options })
    for (const d of docs) plain.add(d)
    assert.deepEqual(prepared.toJSON(), plain.toJSON())
  })

  it('come from a worker thread in input order, told the furniture the index learns as it goes', async () => {
    const index = createStoryIndex()
    const seen: string[] = []
    for await (const { doc: d, prepared } of prepareAhead(docs, {
      furniture: index.furniture,
      batchSize: 2,
      ahead: 1,
    })) {
      seen.push(d.id)
      assert.equal(prepared.signature.length, prepareArticle(d).signature.length)
      index.add(d, prepared)
    }
    assert.deepEqual(
      seen,
      docs.map((d) => d.id),
    )
    assert.deepEqual(index.toJSON(), bare())
    assert.ok(index.furniture().length > 0)
  })

  it('stops its workers when the consumer stops early', async () => {
    let read = 0
    for await (const _ of prepareAhead(docs, { batchSize: 1 })) if (++read === 2) break
    assert.equal(read, 2)
  })

  it('group a collection into the same stories as groupStories, in any input order', async () => {
    for (const input of [docs, [...docs].reverse()]) {
      assert.deepEqual(await groupStoriesAhead(input, {}, { batchSize: 3 }), groupStories(input))
    }
  })
})
