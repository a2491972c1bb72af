import { arrivalOrder, createStoryIndex, type StoryIndex, storyIndexFromJSON } from '../corpus/cluster.ts'
import { compareStory } from '../corpus/compare.ts'
import { joinWithinStories, resolveEntities } from '../corpus/resolve.ts'
import { storyRecord } from '../corpus/story-record.ts'
import { type ReadOptions, readInputs } from '../ingest/read.ts'
import type { Article, InputError } from '../ingest/types.ts'
import { contentId } from '../model/doc.ts'
import type { Doc, Entity } from '../model/types.ts'
import { analyseDocument } from '../pipeline/default.ts'
import type { Pipeline } from '../pipeline/stage.ts'
import type { Store } from './sqlite.ts'

/** Key under which the story index snapshot is kept in the store's `state` table. */
export const STORY_INDEX_KEY = 'story-index'
/** Bumped with every snapshot, so a writer can tell that another one moved the index on. */
export const STORY_INDEX_REVISION_KEY = 'story-index-revision'

const FIRST_BATCH = 50
const MAX_BATCH = 2000
// Saving the snapshot may take at most this share of a batch's analysis time.
const SAVE_SHARE = 0.1

/** The next adaptive batch size: large enough that the last snapshot save is a small share of it. */
export const nextBatchSize = (size: number, timing: { analysisPerDoc: number; save: number }): number => {
  if (timing.analysisPerDoc <= 0) return size
  const wanted = Math.ceil(timing.save / SAVE_SHARE / timing.analysisPerDoc)
  return Math.min(MAX_BATCH, Math.max(size, wanted))
}

const loadIndex = (store: Store): StoryIndex => {
  const saved = store.getState<Parameters<typeof storyIndexFromJSON>[0]>(STORY_INDEX_KEY)
  return saved ? storyIndexFromJSON(saved) : createStoryIndex()
}

/** Options of {@link ingestArticles}. */
export interface IngestOptions {
  /**
   * Articles analysed and committed per transaction: a crash loses at most one batch. When not
   * given, batches start at 50 and grow so that saving the story index snapshot stays a small
   * share of the time (the snapshot grows with the corpus).
   */
  batchSize?: number
  /** A custom per-document pipeline (defaults to every stage). */
  pipeline?: Pipeline
  /** Called after each committed batch. */
  onProgress?: (done: number, total: number) => void
}

/** What an ingest did. */
export interface IngestResult {
  /** Ids of the documents added. */
  added: string[]
  /** Sources of articles already in the store (same id or same text), or repeated in this run. */
  skipped: string[]
  /** Stories created or updated. */
  stories: { updated: string[]; created: string[] }
  /** Inputs that could not be read or analysed, one line each. */
  errors: InputError[]
}

/**
 * The body of an article whose title leads its text ("Title\n\nBody"), or undefined. Earlier versions
 * stored JSONL articles without their title in the text; read again now, the same article is that stored
 * body with the title before it: already stored, not a new report nor a clash of ids.
 */
const bodyOf = (article: Article): string | undefined => {
  const title = article.meta.title?.trim()
  const head = title ? `${title}\n\n` : undefined
  return head && article.text.startsWith(head) ? article.text.slice(head.length) : undefined
}

/**
 * Adds articles to the store incrementally: articles already stored (by id or content hash) are
 * skipped; each new one is analysed once, joins a story through the saved online story index,
 * and only the stories it touched are compared again. Each batch (documents, story index
 * snapshot, the touched stories and their entities) is one transaction, so a crash or kill
 * leaves the store as it was after the last whole batch, and a re-run carries on from there.
 *
 * @example
 * const store = openStore('parallax.db')
 * const { articles } = await readInputs(['today/'])
 * const result = ingestArticles(store, articles)
 * result.added.length
 */
export const ingestArticles = (
  store: Store,
  articles: readonly Article[],
  { batchSize, pipeline, onProgress }: IngestOptions = {},
): IngestResult => {
  const result: IngestResult = { added: [], skipped: [], stories: { updated: [], created: [] }, errors: [] }
  const seen = new Set<string>()
  const fresh: Article[] = []
  for (const article of articles) {
    const id = article.id ?? contentId(article.text)
    const hash = contentId(article.text)
    // Stored already: the same text, or (stored by an earlier version) the same body without its title.
    const body = bodyOf(article)
    let known = seen.has(id) || seen.has(`#${hash}`) || store.hasDocument(hash, article.text)
    const stored = known || article.id === undefined ? undefined : store.getDocument(article.id)
    if (!known && body !== undefined)
      known = stored ? stored.text === body : store.hasDocument(contentId(body), body)
    if (known) {
      result.skipped.push(article.meta.source)
      continue
    }
    if (stored) {
      // Same id, other text: keep what is stored rather than silently replacing it.
      result.errors.push({
        source: article.meta.source,
        reason: `id "${article.id}" is already stored with different text; not replaced`,
      })
      continue
    }
    seen.add(id)
    seen.add(`#${hash}`)
    fresh.push(article)
  }
  if (fresh.length === 0) return result

  let index: StoryIndex = loadIndex(store)
  let revision = store.getState<number>(STORY_INDEX_REVISION_KEY) ?? 0
  const created = new Set<string>()
  const updated = new Set<string>()
  let done = 0
  const timing = { analysisPerDoc: 0, save: 0 }

  let size = batchSize ?? FIRST_BATCH
  for (let from = 0; from < fresh.length; from += size) {
    if (from > 0 && batchSize === undefined) size = nextBatchSize(size, timing)
    const docs: Doc[] = []
    const analysisStart = performance.now()
    for (const article of fresh.slice(from, from + size)) {
      try {
        docs.push(analyseDocument(article, pipeline))
      } catch (error) {
        // One article the analysis cannot handle must not stop the others.
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
        result.errors.push({ source: article.meta.source, reason: `could not be analysed: ${reason}` })
      }
    }
    // The batch grouping is order-dependent; publication order makes an ingest of the same
    // articles in several runs give the same stories as one run.
    docs.sort(arrivalOrder)
    timing.analysisPerDoc = (performance.now() - analysisStart) / Math.max(1, docs.length)
    let stored: Doc[] = []
    try {
      store.transaction(() => {
        // Another ingest may have written since this one started: continue from its index and
        // skip what it stored, so neither loses the other's work.
        const current = store.getState<number>(STORY_INDEX_REVISION_KEY) ?? 0
        if (current !== revision) index = loadIndex(store)
        stored = docs.filter((doc) => !store.hasDocument(doc.id, doc.text))
        const touched = new Map<string, boolean>()
        // Stories the index merged into another (see `AddResult.merged`): they no longer exist.
        const merged = new Set<string>()
        for (const doc of stored) {
          store.putDocument(doc)
          const added = index.add(doc)
          touched.set(added.story, (touched.get(added.story) ?? false) || added.isNew)
          for (const id of added.merged ?? []) {
            merged.add(id)
            touched.delete(id)
          }
        }
        for (const storyId of merged) {
          store.deleteStory(storyId)
          created.delete(storyId)
          updated.delete(storyId)
        }
        const groups = new Map(index.stories().map((s) => [s.id, s]))
        for (const [storyId, isNew] of touched) {
          const group = groups.get(storyId)
          if (!group)
            throw new Error(`Expected the story index to hold story ${storyId}, not to have lost it`)
          updateStory(store, group)
          if (isNew && !updated.has(storyId)) created.add(storyId)
          else if (!created.has(storyId)) updated.add(storyId)
        }
        const saveStart = performance.now()
        store.setState(STORY_INDEX_KEY, index.toJSON())
        timing.save = performance.now() - saveStart
        store.setState(STORY_INDEX_REVISION_KEY, current + 1)
        revision = current + 1
      })
    } catch (error) {
      // The transaction rolled back; the in-memory index saw documents the store did not keep.
      index = loadIndex(store)
      throw error
    }
    const storedIds = new Set(stored.map((d) => d.id))
    for (const doc of docs) if (!storedIds.has(doc.id)) result.skipped.push(doc.meta.source)
    result.added.push(...stored.map((d) => d.id))
    done += docs.length
    onProgress?.(done, fresh.length)
  }
  result.stories = { created: [...created], updated: [...updated] }
  return result
}

/**
 * Recomputes one story from its stored documents: entities are resolved within the story, the
 * comparison is rebuilt, and entities the story's documents no longer support lose those mentions.
 */
const updateStory = (store: Store, group: { id: string; documents: string[]; independent: number }): void => {
  const docs = store.getDocuments(group.documents)
  const entities = joinWithinStories(resolveEntities(docs), [docs])
  const { title, dateRange, earlierFigures, ...comparison } = compareStory(docs, entities)
  const record = storyRecord(docs, earlierFigures)
  store.putStory({
    id: group.id,
    documents: group.documents,
    independent: group.independent,
    title,
    ...(dateRange ? { dateRange } : {}),
    ...(record ? { record } : {}),
    ...comparison,
  })
  // resolveEntities set mention.entity on the docs: keep those links with the stored layers.
  for (const doc of docs) store.updateLayers(doc)
  const docIds = new Set(group.documents)
  const fresh = new Map(entities.map((e) => [e.id, e]))
  for (const id of store.entitiesOf(group.documents)) {
    if (fresh.has(id)) continue
    const old = store.getEntity(id)
    if (!old) continue
    const mentions = old.mentions.filter((m) => !docIds.has(m.document))
    if (mentions.length === 0) store.deleteEntity(id)
    else store.putEntity({ ...old, mentions })
  }
  for (const entity of entities) store.putEntity(mergeEntity(store.getEntity(entity.id), entity, docIds))
}

/** The stored entity with this story's mentions replaced by the fresh ones and aliases united. */
export const mergeEntity = (
  old: Entity | undefined,
  fresh: Entity,
  storyDocs: ReadonlySet<string>,
): Entity => {
  if (!old) return fresh
  return {
    ...fresh,
    name: old.name,
    aliases: [...new Set([...old.aliases, ...fresh.aliases])],
    mentions: [...old.mentions.filter((m) => !storyDocs.has(m.document)), ...fresh.mentions],
  }
}

/**
 * Compares every stored story again from its stored documents (after an upgrade of the
 * comparison or entity resolution), a batch of stories per transaction. Documents are not
 * re-analysed and story membership does not change.
 *
 * @example
 * recompareStories(openStore('parallax.db')) // → number of stories compared
 */
export const recompareStories = (
  store: Store,
  {
    batchSize = 100,
    onProgress,
  }: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): number => {
  const ids = store.listStories({ limit: Number.MAX_SAFE_INTEGER }).map((s) => s.id)
  for (let from = 0; from < ids.length; from += batchSize) {
    store.transaction(() => {
      for (const id of ids.slice(from, from + batchSize)) {
        const story = store.getStory(id)
        if (story) updateStory(store, story)
      }
    })
    onProgress?.(Math.min(ids.length, from + batchSize), ids.length)
  }
  return ids.length
}

/**
 * Reads paths (files, directories, `-`) and ingests every readable article; unreadable inputs
 * are reported in `errors` and the rest are still stored.
 */
export const ingestPaths = async (
  store: Store,
  paths: readonly string[],
  options: IngestOptions & ReadOptions = {},
): Promise<IngestResult> => {
  const { articles, errors } = await readInputs(paths, options)
  const result = ingestArticles(store, articles, options)
  result.errors = [...errors, ...result.errors]
  return result
}
