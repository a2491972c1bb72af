import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { madeUpReport } from '../../test/browser/fixtures/made-up.ts'
import { currentVersion, MIGRATIONS, migrate, SCHEMA_VERSION, StoreError } from './schema.ts'
import { openStore, toMatchQuery } from './sqlite.ts'

const dir = mkdtempSync(join(tmpdir(), 'parallax-store-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const filled = (name: string) => {
  const store = openStore(join(dir, name))
  const report = madeUpReport()
  store.transaction(() => {
    for (const doc of report.documents) store.putDocument(doc)
    for (const story of report.stories) store.putStory(story)
    for (const entity of report.entities) store.putEntity(entity)
  })
  return { store, report }
}

describe('schema migrations', () => {
  it('brings a fresh database to the newest version and records each step', () => {
    const db = new Database(':memory:')
    assert.equal(migrate(db), SCHEMA_VERSION)
    const rows = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number
    }[]
    assert.deepEqual(
      rows.map((r) => r.version),
      MIGRATIONS.map((m) => m.version),
    )
    // Running again is a no-op, not a failure.
    assert.equal(migrate(db), SCHEMA_VERSION)
  })

  it('applies only the pending migrations', () => {
    const db = new Database(':memory:')
    const extra = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'test column', sql: 'ALTER TABLE stories ADD COLUMN note TEXT' },
    ]
    migrate(db)
    assert.equal(migrate(db, extra), SCHEMA_VERSION + 1)
    assert.ok(
      (db.prepare('PRAGMA table_info(stories)').all() as { name: string }[]).some((c) => c.name === 'note'),
    )
  })

  it('upgrades a version 1 store in place, keeping its data, and lists stories through the index', () => {
    const path = join(dir, 'v1.db')
    const old = new Database(path)
    migrate(old, MIGRATIONS.slice(0, 1))
    old
      .prepare('INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('old-story', 'Stored before the upgrade', null, null, 0, 0, 0, '{}', '2030-01-01T00:00:00Z')
    old.close()
    const { store: upgraded } = filled('v1.db')
    assert.equal(currentVersion(upgraded.db), SCHEMA_VERSION)
    assert.deepEqual(
      upgraded.listStories().map((s) => s.id),
      ['story-velmora-fire', 'story-velmora-ferry', 'old-story'],
    )
    const plan = upgraded.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT id FROM stories ORDER BY coalesce(date_end, '') DESC, updated_at DESC, id LIMIT 10",
      )
      .all() as { detail: string }[]
    assert.match(plan.map((p) => p.detail).join(' '), /USING (COVERING )?INDEX stories_recent/)
    upgraded.close()
  })

  it('refuses a database from a newer build', () => {
    const db = new Database(':memory:')
    migrate(db)
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(SCHEMA_VERSION + 5, 'future', 'now')
    assert.throws(() => migrate(db), StoreError)
    assert.equal(currentVersion(db), SCHEMA_VERSION + 5)
  })
})

describe('openStore', () => {
  it('names the file in a one-line error when it is not a database', () => {
    const path = join(dir, 'not-a-db.db')
    writeFileSync(path, 'this is a text file, not SQLite '.repeat(100))
    assert.throws(
      () => openStore(path),
      (error: Error) =>
        error instanceof StoreError && error.message.includes(path) && !error.message.includes('\n'),
    )
  })

  it('round-trips documents with their layers, stories and entities', () => {
    const { store, report } = filled('roundtrip.db')
    const doc = report.documents[0]
    assert.deepEqual(store.getDocument(doc.id), doc)
    assert.deepEqual(store.getStory(report.stories[0].id), report.stories[0])
    assert.deepEqual(
      store.getEntity('org-tarvik-holdings'),
      report.entities.find((e) => e.id === 'org-tarvik-holdings'),
    )
    assert.equal(store.hasDocument('other-id', doc.text), true, 'same text is recognised by content hash')
    assert.equal(store.hasDocument('other-id', `${doc.text} `), false)
    assert.deepEqual(store.storiesOf(doc.id), ['story-velmora-fire'])
    store.close()
  })

  it('lists stories newest first with counts', () => {
    const { store } = filled('list.db')
    const list = store.listStories()
    assert.deepEqual(
      list.map((s) => [s.id, s.documents, s.independent, s.conflicts]),
      [
        ['story-velmora-fire', 3, 3, 1],
        ['story-velmora-ferry', 1, 1, 0],
      ],
    )
    assert.deepEqual(list[0].dateRange, { start: '2031-03-05', end: '2031-03-06' })
    store.close()
  })

  it('replaces a story and its membership when it is stored again', () => {
    const { store, report } = filled('replace.db')
    const story = { ...report.stories[0], documents: report.stories[0].documents.slice(0, 2), facts: [] }
    store.putStory(story)
    assert.equal(store.listStories()[0].documents, 2)
    assert.deepEqual(store.storiesOf(report.stories[0].documents[2]), [])
    assert.deepEqual(
      store.search('injured').filter((h) => h.kind === 'fact'),
      [],
    )
    store.close()
  })

  it('deletes a story with its membership and facts (a story merged into another)', () => {
    const { store, report } = filled('delete.db')
    const [story] = report.stories
    store.deleteStory(story.id)
    assert.equal(store.getStory(story.id), undefined)
    assert.ok(store.listStories().every((s) => s.id !== story.id))
    assert.deepEqual(store.storiesOf(story.documents[0]), [])
    assert.ok(store.search('injured').every((h) => h.kind !== 'fact' || h.story !== story.id))
    store.close()
  })

  it('finds the stories an entity appears in', () => {
    const { store } = filled('entity.db')
    assert.deepEqual(
      store.entityPage('gpe-velmora')?.stories.map((s) => s.id),
      ['story-velmora-fire', 'story-velmora-ferry'],
    )
    assert.deepEqual(
      store.entityPage('org-dockworkers-union')?.stories.map((s) => s.id),
      ['story-velmora-fire'],
    )
    assert.equal(store.entityPage('nobody'), undefined)
    store.close()
  })
})

describe('search', () => {
  it('finds articles and facts, marking the matched words', () => {
    const { store } = filled('search.db')
    const hits = store.search('ferry')
    assert.equal(hits[0].kind, 'document')
    assert.equal(hits[0].title, 'Ferry timetable to change in April')
    const marked = hits[0].highlights.map((h) => hits[0].snippet.slice(h.start, h.end).toLowerCase())
    assert.ok(marked.includes('ferry'))
    const facts = store.search('injured').filter((h) => h.kind === 'fact')
    assert.deepEqual(
      facts.map((h) => [h.story, h.fact]),
      [['story-velmora-fire', 'quantity:injured']],
    )
    store.close()
  })

  it('treats FTS syntax in the query as text instead of failing', () => {
    const { store } = filled('syntax.db')
    for (const query of ['"unbalanced', 'NEAR(', 'a OR', '*', 'ferry -', ''])
      assert.doesNotThrow(() => store.search(query))
    assert.equal(store.search('ferry)').length > 0, true)
    store.close()
  })

  for (const [input, expected] of [
    ['grain warehouse', '"grain" "warehouse"'],
    ['"quoted" OR x', '"quoted" "OR" "x"'],
    ['***', ''],
    ['Ostrånd', '"Ostrånd"'],
  ] as const) {
    it(`quotes every word: ${input}`, () => assert.equal(toMatchQuery(input), expected))
  }
})
