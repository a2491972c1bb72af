/**
 * Grouping with featurisation in a worker thread gives the same stories as grouping in one thread, on
 * real local news (../shared/data/gva, read at run time, never copied): enough articles that priming
 * the idf statistics and learning page furniture change the stories.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { loadGva } from '../eval/grouping-data.ts'
import { dataDir } from '../eval/metric.ts'
import { groupStories } from '../src/corpus/cluster.ts'
import { groupStoriesAhead } from '../src/corpus/prepare-ahead.ts'

const FILE = join(dataDir(), 'gva/documents.jsonl')

test('grouping real articles featurised ahead in a worker gives the same stories as in one thread', {
  skip: !existsSync(FILE) && 'no ../shared/data/gva',
}, async () => {
  // Bare articles (text and metadata): the light featurisation a large collection is grouped with.
  const docs = loadGva(FILE)
    .docs.slice(0, 400)
    .map(({ id, text, meta }) => ({ id, text, meta, messages: [] }))
  const stories = await groupStoriesAhead(docs, {}, { batchSize: 16 })
  assert.deepEqual(stories, groupStories(docs))
  assert.ok(
    stories.some((s) => s.documents.length > 1),
    'some articles join a story',
  )
})
