import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { contentId } from '../model/doc.ts'
import type { Doc, DocMeta, Entity, Fact, Span, Story } from '../model/types.ts'
import { migrate, StoreError } from './schema.ts'

/** What the story list shows for one story. */
export interface StorySummary {
  id: string
  title: string
  dateRange?: { start: string; end: string }
  documents: number
  independent: number
  conflicts: number
  updatedAt: string
}

/** A document as the lists show it, without its text and layers. */
export interface DocumentSummary {
  id: string
  title?: string
  outlet?: string
  published?: string
  url?: string
  source: string
}

/** One full-text hit. `snippet` is plain text; `highlights` are the matched spans inside it. */
export interface SearchHit {
  kind: 'document' | 'fact'
  /** The document id, or the story id for a fact. */
  id: string
  story?: string
  fact?: string
  title: string
  snippet: string
  highlights: Span[]
}

/** A stored entity with the stories it appears in. */
export interface EntityPage {
  entity: Entity
  stories: StorySummary[]
}

/** The Parallax store: one SQLite file holding documents with their layers, stories and entities. */
export interface Store {
  readonly path: string
  readonly db: Database.Database
  /** True when a document with this id or this exact text is already stored. */
  hasDocument(id: string, text: string): boolean
  putDocument(doc: Doc): void
  /** Rewrites a stored document's layers (e.g. after entity resolution linked its mentions). */
  updateLayers(doc: Doc): void
  getDocument(id: string): Doc | undefined
  getDocuments(ids: readonly string[]): Doc[]
  listDocuments(): DocumentSummary[]
  /** Summaries of the given documents, in the order given (unknown ids are left out). */
  documentSummaries(ids: readonly string[]): DocumentSummary[]
  /** Writes a story with its comparison, replacing the stored one and its membership. */
  putStory(story: Story): void
  getStory(id: string): Story | undefined
  /** Removes a story, its membership and its facts (a story merged into another: see `AddResult.merged`). */
  deleteStory(id: string): void
  listStories(options?: { limit?: number; offset?: number }): StorySummary[]
  /** The story ids a document belongs to. */
  storiesOf(documentId: string): string[]
  /** Summaries of the given stories (unknown ids are left out), newest first. */
  storySummaries(ids: readonly string[]): StorySummary[]
  putEntity(entity: Entity): void
  deleteEntity(id: string): void
  /** Ids of the entities with mentions in any of these documents. */
  entitiesOf(documentIds: readonly string[]): string[]
  getEntity(id: string): Entity | undefined
  getEntities(ids: readonly string[]): Entity[]
  entityPage(id: string): EntityPage | undefined
  search(query: string, options?: { limit?: number }): SearchHit[]
  getState<T>(key: string): T | undefined
  setState(key: string, value: unknown): void
  /** Runs `fn` in one write transaction: all of it is stored or none of it. */
  transaction<T>(fn: () => T): T
  close(): void
}

/** Default store file, relative to the working directory. */
export const DEFAULT_DB = './parallax.db'

// Tokens are not stored: they are the bulk of a document's layers and the tokenizer rebuilds
// them exactly from the text when a corpus step needs them.
const LAYER_KEYS = [
  'sentences',
  'mentions',
  'dates',
  'quantities',
  'record',
  'quotes',
  'events',
  'framing',
] as const

// Control characters no article contains mark the matched terms inside FTS snippets, so the
// snippet can be returned as plain text plus offsets and escaped by whoever displays it.
const HIT_OPEN = '\u0002'
const HIT_CLOSE = '\u0003'

/**
 * Opens (creating if needed) a store file and brings its schema up to date.
 * Throws {@link StoreError} with a one-line message naming the file when it cannot be used.
 *
 * @example
 * const store = openStore('./parallax.db')
 * store.listStories()
 */
export const openStore = (path: string = DEFAULT_DB, { create = true }: { create?: boolean } = {}): Store => {
  if (!create && path !== ':memory:' && !existsSync(path)) {
    throw new StoreError(
      `${path}: no Parallax database here yet (add articles with: parallax ingest --db ${path} PATHS)`,
    )
  }
  let db: Database.Database
  try {
    db = new Database(path)
    // WAL keeps readers (the server) working during an ingest, and a killed writer leaves only
    // whole committed transactions behind.
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new StoreError(`${path}: cannot be used as a Parallax database (${reason})`)
  }
  return createStore(path, db)
}

const createStore = (path: string, db: Database.Database): Store => {
  const statements = {
    hasDocument: db.prepare('SELECT 1 FROM documents WHERE id = ? OR content_hash = ? LIMIT 1'),
    insertDocument: db.prepare(`INSERT INTO documents
      (id, content_hash, source, outlet, url, published, title, text, meta, layers, messages, added_at)
      VALUES (@id, @contentHash, @source, @outlet, @url, @published, @title, @text, @meta, @layers, @messages, @addedAt)`),
    getDocument: db.prepare('SELECT id, text, meta, layers, messages FROM documents WHERE id = ?'),
    updateLayers: db.prepare('UPDATE documents SET layers = ? WHERE id = ?'),
    listDocuments: db.prepare('SELECT id, source, outlet, url, published, title FROM documents ORDER BY seq'),
    documentSummary: db.prepare(
      'SELECT id, source, outlet, url, published, title FROM documents WHERE id = ?',
    ),
    upsertStory: db.prepare(`INSERT INTO stories
      (id, title, date_start, date_end, doc_count, independent, conflict_count, data, updated_at)
      VALUES (@id, @title, @dateStart, @dateEnd, @docCount, @independent, @conflicts, @data, @updatedAt)
      ON CONFLICT(id) DO UPDATE SET title = excluded.title, date_start = excluded.date_start,
        date_end = excluded.date_end, doc_count = excluded.doc_count, independent = excluded.independent,
        conflict_count = excluded.conflict_count, data = excluded.data, updated_at = excluded.updated_at`),
    clearStoryDocuments: db.prepare('DELETE FROM story_documents WHERE story_id = ?'),
    addStoryDocument: db.prepare(
      'INSERT OR IGNORE INTO story_documents (story_id, document_id) VALUES (?, ?)',
    ),
    clearStoryFacts: db.prepare('DELETE FROM facts_fts WHERE story_id = ?'),
    addStoryFact: db.prepare('INSERT INTO facts_fts (story_id, fact_key, about, text) VALUES (?, ?, ?, ?)'),
    getStory: db.prepare('SELECT data FROM stories WHERE id = ?'),
    deleteStory: db.prepare('DELETE FROM stories WHERE id = ?'),
    listStories:
      db.prepare(`SELECT id, title, date_start, date_end, doc_count, independent, conflict_count, updated_at
      FROM stories ORDER BY coalesce(date_end, '') DESC, updated_at DESC, id LIMIT ? OFFSET ?`),
    storySummary:
      db.prepare(`SELECT id, title, date_start, date_end, doc_count, independent, conflict_count, updated_at
      FROM stories WHERE id = ?`),
    storiesOf: db.prepare('SELECT story_id FROM story_documents WHERE document_id = ? ORDER BY story_id'),
    upsertEntity: db.prepare(`INSERT INTO entities (id, type, name, data) VALUES (@id, @type, @name, @data)
      ON CONFLICT(id) DO UPDATE SET type = excluded.type, name = excluded.name, data = excluded.data`),
    clearEntityDocuments: db.prepare('DELETE FROM entity_documents WHERE entity_id = ?'),
    // Selecting through documents skips evidence from documents the store does not hold, which
    // would otherwise break the foreign key.
    addEntityDocument: db.prepare(
      'INSERT OR IGNORE INTO entity_documents (entity_id, document_id) SELECT ?, id FROM documents WHERE id = ?',
    ),
    getEntity: db.prepare('SELECT data FROM entities WHERE id = ?'),
    deleteEntity: db.prepare('DELETE FROM entities WHERE id = ?'),
    entitiesOfDocument: db.prepare('SELECT entity_id FROM entity_documents WHERE document_id = ?'),
    entityStories:
      db.prepare(`SELECT DISTINCT s.id, s.title, s.date_start, s.date_end, s.doc_count, s.independent,
        s.conflict_count, s.updated_at
      FROM entity_documents ed JOIN story_documents sd ON sd.document_id = ed.document_id
      JOIN stories s ON s.id = sd.story_id WHERE ed.entity_id = ?
      ORDER BY coalesce(s.date_end, '') DESC, s.updated_at DESC`),
    searchDocuments: db.prepare(`SELECT d.id, coalesce(d.title, d.source) AS title,
        snippet(documents_fts, -1, '${HIT_OPEN}', '${HIT_CLOSE}', '…', 16) AS snippet
      FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
      WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`),
    searchFacts: db.prepare(`SELECT f.story_id, f.fact_key, f.about, s.title AS story_title,
        snippet(facts_fts, 3, '${HIT_OPEN}', '${HIT_CLOSE}', '…', 16) AS snippet
      FROM facts_fts f JOIN stories s ON s.id = f.story_id
      WHERE facts_fts MATCH ? ORDER BY rank LIMIT ?`),
    getState: db.prepare('SELECT value FROM state WHERE key = ?'),
    setState: db.prepare(
      'INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ),
  }

  const rowToDoc = (row: {
    id: string
    text: string
    meta: string
    layers: string
    messages: string
  }): Doc => ({
    id: row.id,
    text: row.text,
    meta: JSON.parse(row.meta) as DocMeta,
    messages: JSON.parse(row.messages),
    ...JSON.parse(row.layers),
  })

  const rowToSummary = (row: {
    id: string
    title: string
    date_start: string | null
    date_end: string | null
    doc_count: number
    independent: number
    conflict_count: number
    updated_at: string
  }): StorySummary => ({
    id: row.id,
    title: row.title,
    ...(row.date_start && row.date_end ? { dateRange: { start: row.date_start, end: row.date_end } } : {}),
    documents: row.doc_count,
    independent: row.independent,
    conflicts: row.conflict_count,
    updatedAt: row.updated_at,
  })

  const store: Store = {
    path,
    db,
    hasDocument: (id, text) => statements.hasDocument.get(id, contentId(text)) !== undefined,
    putDocument(doc) {
      statements.insertDocument.run({
        id: doc.id,
        contentHash: contentId(doc.text),
        source: doc.meta.source,
        outlet: doc.meta.outlet ?? null,
        url: doc.meta.url ?? null,
        published: doc.meta.published ?? null,
        title: doc.meta.title ?? null,
        text: doc.text,
        meta: JSON.stringify(doc.meta),
        layers: layersJson(doc),
        messages: JSON.stringify(doc.messages),
        addedAt: new Date().toISOString(),
      })
    },
    updateLayers(doc) {
      statements.updateLayers.run(layersJson(doc), doc.id)
    },
    getDocument(id) {
      const row = statements.getDocument.get(id) as Parameters<typeof rowToDoc>[0] | undefined
      return row ? rowToDoc(row) : undefined
    },
    getDocuments: (ids) =>
      ids.map((id) => store.getDocument(id)).filter((doc): doc is Doc => doc !== undefined),
    listDocuments: () =>
      (statements.listDocuments.all() as Record<string, string | null>[]).map(rowToDocumentSummary),
    documentSummaries: (ids) =>
      ids
        .map((id) => statements.documentSummary.get(id) as Record<string, string | null> | undefined)
        .filter((row): row is Record<string, string | null> => row !== undefined)
        .map(rowToDocumentSummary),
    putStory(story) {
      statements.upsertStory.run({
        id: story.id,
        title: story.title,
        dateStart: story.dateRange?.start ?? null,
        dateEnd: story.dateRange?.end ?? null,
        docCount: story.documents.length,
        independent: story.independent,
        conflicts: story.facts.filter((fact) => fact.status === 'conflict').length,
        data: JSON.stringify(story),
        updatedAt: new Date().toISOString(),
      })
      statements.clearStoryDocuments.run(story.id)
      for (const document of story.documents) statements.addStoryDocument.run(story.id, document)
      statements.clearStoryFacts.run(story.id)
      for (const fact of story.facts)
        statements.addStoryFact.run(story.id, fact.key, fact.about, factText(fact))
    },
    getStory(id) {
      const row = statements.getStory.get(id) as { data: string } | undefined
      return row ? (JSON.parse(row.data) as Story) : undefined
    },
    deleteStory(id) {
      statements.clearStoryFacts.run(id)
      statements.clearStoryDocuments.run(id)
      statements.deleteStory.run(id)
    },
    listStories: ({ limit = 200, offset = 0 } = {}) =>
      (statements.listStories.all(limit, offset) as Parameters<typeof rowToSummary>[0][]).map(rowToSummary),
    storySummaries: (ids) =>
      ids
        .map((id) => statements.storySummary.get(id) as Parameters<typeof rowToSummary>[0] | undefined)
        .filter((row): row is Parameters<typeof rowToSummary>[0] => row !== undefined)
        .map(rowToSummary)
        .sort((a, b) => (b.dateRange?.end ?? '').localeCompare(a.dateRange?.end ?? '')),
    storiesOf: (documentId) =>
      (statements.storiesOf.all(documentId) as { story_id: string }[]).map((row) => row.story_id),
    putEntity(entity) {
      statements.upsertEntity.run({
        id: entity.id,
        type: entity.type,
        name: entity.name,
        data: JSON.stringify(entity),
      })
      statements.clearEntityDocuments.run(entity.id)
      for (const document of new Set(entity.mentions.map((m) => m.document))) {
        statements.addEntityDocument.run(entity.id, document)
      }
    },
    deleteEntity(id) {
      statements.deleteEntity.run(id)
    },
    entitiesOf(documentIds) {
      const ids = new Set<string>()
      for (const document of documentIds) {
        for (const row of statements.entitiesOfDocument.all(document) as { entity_id: string }[])
          ids.add(row.entity_id)
      }
      return [...ids].sort()
    },
    getEntity(id) {
      const row = statements.getEntity.get(id) as { data: string } | undefined
      return row ? (JSON.parse(row.data) as Entity) : undefined
    },
    getEntities: (ids) => ids.map((id) => store.getEntity(id)).filter((e): e is Entity => e !== undefined),
    entityPage(id) {
      const entity = store.getEntity(id)
      if (!entity) return undefined
      const rows = statements.entityStories.all(id) as Parameters<typeof rowToSummary>[0][]
      return { entity, stories: rows.map(rowToSummary) }
    },
    search(query, { limit = 20 } = {}) {
      const match = toMatchQuery(query)
      if (!match) return []
      const documents = (
        statements.searchDocuments.all(match, limit) as { id: string; title: string; snippet: string }[]
      ).map(
        (row): SearchHit => ({
          kind: 'document',
          id: row.id,
          title: row.title,
          ...splitSnippet(row.snippet),
        }),
      )
      const facts = (
        statements.searchFacts.all(match, limit) as {
          story_id: string
          fact_key: string
          about: string
          story_title: string
          snippet: string
        }[]
      ).map(
        (row): SearchHit => ({
          kind: 'fact',
          id: row.story_id,
          story: row.story_id,
          fact: row.fact_key,
          title: `${row.story_title}: ${row.about}`,
          ...splitSnippet(row.snippet),
        }),
      )
      return [...documents, ...facts]
    },
    getState<T>(key: string) {
      const row = statements.getState.get(key) as { value: string } | undefined
      return row ? (JSON.parse(row.value) as T) : undefined
    },
    setState(key, value) {
      statements.setState.run(key, JSON.stringify(value))
    },
    // IMMEDIATE takes the write lock up front, so two writers queue (busy_timeout) instead of one
    // failing when it upgrades from reading to writing.
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    close() {
      if (db.open) db.close()
    },
  }
  return store
}

const rowToDocumentSummary = (row: Record<string, string | null>): DocumentSummary => {
  const summary: DocumentSummary = { id: row.id as string, source: row.source as string }
  for (const key of ['title', 'outlet', 'published', 'url'] as const) if (row[key]) summary[key] = row[key]
  return summary
}

const layersJson = (doc: Doc): string => {
  const layers: Record<string, unknown> = {}
  for (const key of LAYER_KEYS) if (doc[key] !== undefined) layers[key] = doc[key]
  return JSON.stringify(layers)
}

/** The searchable text of a fact: what it is about, each source's value and its evidence. */
const factText = (fact: Fact): string =>
  fact.values
    .map((value) => {
      const shown =
        typeof value.value === 'object' ? (value.value.best ?? value.value.low ?? '') : value.value
      return [value.outlet ?? '', String(shown), ...value.evidence.map((e) => e.text)].join(' ')
    })
    .join('\n')

/**
 * Turns what a person typed into an FTS5 query: every word is quoted, so punctuation and FTS
 * operators in the input are searched as text instead of failing as syntax. All words must match.
 */
export const toMatchQuery = (query: string): string =>
  (query.match(/[\p{L}\p{N}_]+/gu) ?? []).map((word) => `"${word}"`).join(' ')

const splitSnippet = (marked: string): { snippet: string; highlights: Span[] } => {
  let snippet = ''
  const highlights: Span[] = []
  let open = -1
  for (const char of marked) {
    if (char === HIT_OPEN) open = snippet.length
    else if (char === HIT_CLOSE) {
      if (open >= 0) highlights.push({ start: open, end: snippet.length })
      open = -1
    } else snippet += char
  }
  return { snippet, highlights }
}
