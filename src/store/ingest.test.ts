import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import type { Article } from '../ingest/types.ts'
import { ingestArticles, ingestPaths, mergeEntity, nextBatchSize, recompareStories } from './ingest.ts'
import { openStore } from './sqlite.ts'

const dir = mkdtempSync(join(tmpdir(), 'parallax-ingest-'))
after(() => rmSync(dir, { recursive: true, force: true }))

// A made-up event (a bridge collapse in the made-up town of Orlinde) told by three made-up
// outlets on consecutive days, and an unrelated made-up story.
const article = (
  source: string,
  outlet: string,
  published: string,
  title: string,
  body: string,
): Article => ({
  text: `${title}\n\n${body}`,
  meta: { source, outlet, published, title },
})
const bridgeA = article(
  'a.txt',
  'Orlinde Courier',
  '2030-06-02',
  'Footbridge collapses in Orlinde, 4 injured',
  'A wooden footbridge over the Sava canal in Orlinde collapsed on Sunday, injuring 4 people, the Orlinde fire service said. Mayor Petra Vosk ordered every bridge in the town inspected.',
)
const bridgeB = article(
  'b.txt',
  'Valley Gazette',
  '2030-06-03',
  'Six hurt as Orlinde footbridge gives way',
  'Six people were injured when a footbridge over the Sava canal in Orlinde gave way on Sunday. Mayor Petra Vosk said the bridge had passed an inspection last year.',
)
const bridgeC = article(
  'c.txt',
  'Orlinde Evening',
  '2030-06-03',
  'Orlinde footbridge collapse: inquiry ordered',
  'Mayor Petra Vosk ordered an inquiry after the footbridge over the Sava canal in Orlinde collapsed on Sunday, injuring at least four people, the fire service said.',
)
const harvest = article(
  'd.txt',
  'Valley Gazette',
  '2030-06-03',
  'Cherry harvest starts early in the Tamsk valley',
  'Growers in the Tamsk valley began picking cherries two weeks early this year after a warm spring, the growers cooperative said on Tuesday.',
)

const membership = (store: ReturnType<typeof openStore>) =>
  store
    .listStories()
    .map((s) => [...(store.getStory(s.id)?.documents ?? [])].sort().join(','))
    .sort()

describe('ingestArticles', () => {
  it('stores each article once, with its layers, in a story', () => {
    const store = openStore(join(dir, 'once.db'))
    const result = ingestArticles(store, [bridgeA, bridgeB, bridgeC, harvest])
    assert.equal(result.added.length, 4)
    assert.deepEqual(result.errors, [])
    for (const id of result.added) {
      const doc = store.getDocument(id)
      assert.ok(doc?.sentences && doc.sentences.length > 0, 'layers stored with the document')
      assert.equal(store.storiesOf(id).length, 1, 'every document is in exactly one story')
    }
    for (const summary of store.listStories()) {
      const story = store.getStory(summary.id)
      assert.ok(story)
      assert.equal(
        store.getDocuments(story.documents).length,
        story.documents.length,
        'no story points at a missing doc',
      )
    }
    store.close()
  })

  it('is idempotent: the same text again is recognised by content hash and not duplicated', () => {
    const store = openStore(join(dir, 'idempotent.db'))
    ingestArticles(store, [bridgeA, bridgeB, harvest])
    const before = membership(store)
    const again = ingestArticles(store, [
      bridgeA,
      { ...bridgeB, meta: { ...bridgeB.meta, source: 'copy-of-b.txt' } },
      { ...harvest, id: 'given-id' },
    ])
    assert.deepEqual(again.added, [])
    assert.deepEqual(again.skipped, ['a.txt', 'copy-of-b.txt', 'd.txt'])
    assert.deepEqual(membership(store), before)
    const count = store.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }
    assert.equal(count.n, 3)
    store.close()
  })

  it('refuses to replace a stored id with different text', () => {
    const store = openStore(join(dir, 'same-id.db'))
    ingestArticles(store, [{ ...bridgeA, id: 'x1' }])
    const result = ingestArticles(store, [{ ...bridgeB, id: 'x1' }])
    assert.deepEqual(result.added, [])
    assert.match(result.errors[0].reason, /already stored with different text/)
    assert.equal(store.getDocument('x1')?.text, bridgeA.text)
    store.close()
  })

  it('knows an article stored before its title led the text, with or without an id', () => {
    const store = openStore(join(dir, 'untitled.db'))
    const body = (a: Article): string => a.text.slice(`${a.meta.title}\n\n`.length)
    // As earlier versions stored JSONL articles: the body alone, the title as metadata.
    ingestArticles(store, [
      { ...bridgeA, id: 'x1', text: body(bridgeA) },
      { ...bridgeB, text: body(bridgeB) },
    ])
    const again = ingestArticles(store, [{ ...bridgeA, id: 'x1' }, bridgeB, bridgeC])
    assert.deepEqual(again.errors, [])
    assert.deepEqual(again.skipped, ['a.txt', 'b.txt'])
    assert.deepEqual(again.added.length, 1)
    assert.equal(store.getDocument('x1')?.text, body(bridgeA))
    store.close()
  })

  it('is incremental: later articles join existing stories, touching only those', () => {
    const all = openStore(join(dir, 'all.db'))
    ingestArticles(all, [bridgeA, bridgeB, bridgeC, harvest])
    const step = openStore(join(dir, 'step.db'))
    ingestArticles(step, [bridgeA, bridgeB, harvest])
    const untouched = step.listStories().find((s) => s.title.startsWith('Cherry'))
    const second = ingestArticles(step, [bridgeC])
    assert.equal(second.added.length, 1)
    assert.deepEqual(membership(step), membership(all), 'same stories as ingesting everything at once')
    const bridgeStory = step.storiesOf(second.added[0])[0]
    assert.ok(bridgeStory)
    assert.equal(step.getStory(bridgeStory)?.documents.length, 3)
    assert.deepEqual(second.stories.updated, [bridgeStory])
    assert.deepEqual(
      step.listStories().find((s) => s.id === untouched?.id),
      untouched,
      'a story the new article did not join is not rebuilt',
    )
    all.close()
    step.close()
  })

  it('stores entities with the stories they appear in', () => {
    const store = openStore(join(dir, 'entities.db'))
    ingestArticles(store, [bridgeA, bridgeB, bridgeC])
    const row = store.db.prepare("SELECT id FROM entities WHERE name LIKE '%Vosk%'").get() as
      | { id: string }
      | undefined
    assert.ok(row, 'the mayor is an entity')
    const page = store.entityPage(row.id)
    assert.equal(page?.stories.length, 1)
    store.close()
  })
})

describe('recompareStories', () => {
  it('rebuilds every stored comparison from the stored documents', () => {
    const store = openStore(join(dir, 'recompare.db'))
    ingestArticles(store, [bridgeA, bridgeB, bridgeC, harvest])
    // By id: recomparing changes each story's update time, which the list order depends on.
    const stories = () =>
      store
        .listStories()
        .map((s) => store.getStory(s.id)!)
        .sort((a, b) => a.id.localeCompare(b.id))
    const before = stories()
    // A stale comparison, as an older version of the analysis might have left it.
    for (const story of before) store.putStory({ ...story, title: 'stale', facts: [] })
    assert.equal(recompareStories(store, { batchSize: 1 }), before.length)
    assert.deepEqual(stories(), before)
    store.close()
  })
})

describe('ingestPaths', () => {
  it('reports an unreadable path in one line and still stores the rest', async () => {
    const store = openStore(join(dir, 'paths.db'))
    const result = await ingestPaths(store, [join(dir, 'missing.txt'), 'examples'])
    assert.equal(result.errors.length, 1)
    assert.match(result.errors[0].source, /missing\.txt$/)
    assert.doesNotMatch(result.errors[0].reason, /\n/)
    assert.ok(result.added.length >= 4)
    store.close()
  })
})

describe('nextBatchSize', () => {
  for (const [size, timing, expected] of [
    [50, { analysisPerDoc: 20, save: 10 }, 50], // saving is cheap: keep the size
    [50, { analysisPerDoc: 20, save: 400 }, 200], // 400 ms save needs 4 s of analysis per batch
    [200, { analysisPerDoc: 20, save: 100 }, 200], // never shrinks
    [50, { analysisPerDoc: 1, save: 10_000 }, 2000], // capped
    [50, { analysisPerDoc: 0, save: 100 }, 50], // nothing measured yet
  ] as const) {
    it(`${size} → ${expected}`, () => assert.equal(nextBatchSize(size, timing), expected))
  }
})

describe('mergeEntity', () => {
  const mention = (document: string, start: number) => ({ document, start, end: start + 3, text: 'Abc' })
  it('replaces the story documents’ mentions and unites aliases', () => {
    const old = {
      id: 'e1',
      type: 'ORG' as const,
      name: 'Abc',
      aliases: ['Abc'],
      mentions: [mention('d1', 0), mention('d2', 5)],
    }
    const fresh = {
      id: 'e1',
      type: 'ORG' as const,
      name: 'ABC Ltd',
      aliases: ['ABC Ltd'],
      mentions: [mention('d2', 9), mention('d3', 1)],
    }
    assert.deepEqual(mergeEntity(old, fresh, new Set(['d2', 'd3'])), {
      id: 'e1',
      type: 'ORG',
      name: 'Abc',
      aliases: ['Abc', 'ABC Ltd'],
      mentions: [mention('d1', 0), mention('d2', 9), mention('d3', 1)],
    })
    assert.equal(mergeEntity(undefined, fresh, new Set()), fresh)
  })
})
