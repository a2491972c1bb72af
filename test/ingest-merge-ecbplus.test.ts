/**
 * A story the index merges into another leaves the store with it: on real reports (two ECB+ topics in
 * ../shared/data/ecbplus, read at run time, never copied) whose undated reports bridge two fragments of
 * one event, an ingest in several batches keeps every document in exactly one stored story, the stored
 * stories are the index's, and none of the merged ones is left behind.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { loadEcbPlus } from '../eval/grouping-data.ts'
import { dataDir } from '../eval/metric.ts'
import type { StoryIndexState } from '../src/corpus/cluster.ts'
import { storyIndexFromJSON } from '../src/corpus/cluster.ts'
import { ingestArticles, STORY_INDEX_KEY } from '../src/store/ingest.ts'
import { openStore } from '../src/store/sqlite.ts'

const ROOT = join(dataDir(), 'ecbplus/ECB+')
const TOPICS = ['18', '23']

test('stories merged while ingesting are gone from the store, and their documents are in the survivor', {
  skip: !existsSync(ROOT) && 'no ../shared/data/ecbplus',
}, () => {
  const articles = loadEcbPlus(ROOT)
    .docs.filter((d) => TOPICS.includes(d.meta.source.split('/')[0]))
    .map(({ id, text, meta }) => ({ id, text, meta }))
  const dir = mkdtempSync(join(tmpdir(), 'parallax-merge-'))
  const store = openStore(join(dir, 'p.db'))
  try {
    const result = ingestArticles(store, articles, { batchSize: 16 })
    assert.equal(result.added.length, articles.length)
    const state = store.getState<StoryIndexState>(STORY_INDEX_KEY)
    assert.ok(state)
    const merged = (state.mergedInto ?? []).map(([from]) => state.stories[from].id)
    assert.ok(merged.length > 0, 'some fragment was merged')
    const stored = store.listStories({ limit: 1000 })
    const listed = new Set(stored.map((s) => s.id))
    for (const id of merged) assert.ok(!listed.has(id), `merged story ${id} is not listed`)
    for (const id of merged) assert.equal(store.getStory(id), undefined)
    for (const article of articles) assert.equal(store.storiesOf(article.id).length, 1, article.id)
    const fromIndex = storyIndexFromJSON(state).stories()
    assert.deepEqual(
      stored.map((s) => [s.id, s.documents]).sort(),
      fromIndex.map((s) => [s.id, s.documents.length]).sort(),
    )
    assert.deepEqual(
      result.stories.created.filter((id) => !listed.has(id)),
      [],
      'every story reported as created is stored',
    )
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
})
