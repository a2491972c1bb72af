import { groupStories } from './corpus/cluster.ts'
import { compareStory } from './corpus/compare.ts'
import { linkEntities } from './corpus/link.ts'
import { joinWithinStories, resolveEntities } from './corpus/resolve.ts'
import { storyRecord } from './corpus/story-record.ts'
import { type ReadOptions, readInputs } from './ingest/read.ts'
import type { Article } from './ingest/types.ts'
import { contentId } from './model/doc.ts'
import type { Doc, InputProblem, Report, Story } from './model/types.ts'
import { analyseDocument } from './pipeline/default.ts'
import { analyseInWorkers, PARALLEL_THRESHOLD } from './pipeline/parallel.ts'
import type { Pipeline } from './pipeline/stage.ts'
import { REPORT_VERSION } from './version.ts'

export interface AnalyzeOptions extends ReadOptions {
  /** Called after each document is analysed (for a progress line). */
  onProgress?: (done: number, total: number) => void
  /** A custom per-document pipeline (defaults to every stage). */
  pipeline?: Pipeline
  /** Worker threads for the per-document stages; 0 keeps everything in this thread. */
  workers?: number
}

/**
 * Drops exact duplicates (same id: the content hash, or the id the input gave) so one text read
 * twice is one document; each later copy becomes a problem naming its source.
 */
const dedupe = (articles: readonly Article[]): { kept: Article[]; problems: InputProblem[] } => {
  const seen = new Map<string, string>()
  const kept: Article[] = []
  const problems: InputProblem[] = []
  for (const article of articles) {
    const id = article.id ?? contentId(article.text)
    const first = seen.get(id)
    if (first !== undefined) {
      problems.push({
        source: article.meta.source,
        reason: `duplicate of ${first} (same id ${id}); read once`,
      })
      continue
    }
    seen.set(id, article.meta.source)
    kept.push(article)
  }
  return { kept, problems }
}

/** The corpus steps over analysed documents: entity resolution, story grouping, a comparison per story. */
export const compareDocuments = (documents: Doc[], errors: InputProblem[] = []): Report => {
  const resolved = resolveEntities(documents)
  linkEntities(documents)
  const byId = new Map(documents.map((d) => [d.id, d]))
  const groups = groupStories(documents).map((s) => ({
    ...s,
    docs: s.documents.map((id) => byId.get(id)).filter((d): d is Doc => d !== undefined),
  }))
  const entities = joinWithinStories(
    resolved,
    groups.map((s) => s.docs),
  )
  const entityById = new Map(entities.map((e) => [e.id, e]))
  const stories: Story[] = groups.map(({ docs: storyDocs, ...s }) => {
    // Only the entities the story's reports name: the comparison indexes what it is given.
    const named = new Set(storyDocs.flatMap((d) => (d.mentions ?? []).map((m) => m.entity)))
    const storyEntities = [...named].flatMap((id) =>
      id !== undefined && entityById.has(id) ? [entityById.get(id)!] : [],
    )
    const { title, dateRange, earlierFigures, ...comparison } = compareStory(storyDocs, storyEntities)
    const record = storyRecord(storyDocs, earlierFigures)
    return {
      id: s.id,
      documents: s.documents,
      independent: s.independent,
      title,
      ...(dateRange ? { dateRange } : {}),
      ...(record ? { record } : {}),
      ...comparison,
    }
  })
  // Stories told by the most reports first (where there is most to compare), then the newest.
  stories.sort(
    (a, b) =>
      b.documents.length - a.documents.length ||
      (b.dateRange?.end ?? '').localeCompare(a.dateRange?.end ?? '') ||
      a.id.localeCompare(b.id),
  )
  return { version: REPORT_VERSION, documents, entities, stories, errors }
}

/**
 * Analyses articles already read, in this thread: per-document stages, then entity resolution
 * across documents, story grouping and a comparison within each story.
 */
export const analyzeArticles = (articles: readonly Article[], options: AnalyzeOptions = {}): Report => {
  const { kept, problems } = dedupe(articles)
  return compareDocuments(analyseEach(kept, options), problems)
}

const analyseEach = (articles: readonly Article[], options: AnalyzeOptions): Doc[] =>
  articles.map((article, i) => {
    const doc = analyseDocument(article, options.pipeline)
    options.onProgress?.(i + 1, articles.length)
    return doc
  })

/**
 * The main job: reads files, directories (`.txt`, `.jsonl`) or `-`, analyses every article, groups
 * the reports of each event into stories and compares them. Many articles are analysed in worker
 * threads (one per core) unless `workers: 0` or a custom pipeline is given.
 *
 * @example
 * const report = await analyze(['articles/'])
 * for (const story of report.stories) console.log(story.title, story.facts.length)
 */
export const analyze = async (paths: readonly string[], options: AnalyzeOptions = {}): Promise<Report> => {
  const { articles, errors } = await readInputs(paths, options)
  const { kept, problems } = dedupe(articles)
  const parallel = !options.pipeline && options.workers !== 0 && kept.length >= PARALLEL_THRESHOLD
  const documents = parallel
    ? await analyseInWorkers(kept, { workers: options.workers, onProgress: options.onProgress })
    : analyseEach(kept, options)
  return compareDocuments(documents, [...errors, ...problems])
}
