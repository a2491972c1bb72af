import { Worker } from 'node:worker_threads'
import type { Doc } from '../model/types.ts'
import { arrivalOrder, createStoryIndex, type StoryGroup, type StoryIndexOptions } from './cluster.ts'
import type { FeaturiseOptions } from './grouping-features.ts'
import type { PreparedArticle } from './prepared-article.ts'

export interface PrepareAheadOptions {
  /** The feature options of the index the articles go to (its `features` setting). */
  features?: FeaturiseOptions
  /** Worker threads (default 1: on a small machine the other core groups). */
  workers?: number
  /** Articles sent to a worker at a time. */
  batchSize?: number
  /** Batches each worker may have queued ahead of the consumer: bounds memory on an endless stream. */
  ahead?: number
  /**
   * The index's `furniture`: sentences it learnt as page furniture, told to the workers with each batch
   * so that the articles they prepare leave them out too (and the index need not featurise them again).
   */
  furniture?: (from: number) => number[]
}

interface Pending {
  resolve: (prepared: PreparedArticle[]) => void
  reject: (error: Error) => void
}

/**
 * Yields each doc of `docs`, in order, with its {@link PreparedArticle} made in worker threads while the
 * consumer groups the ones before it: featurising is pure and about a third of an add, so a second core
 * takes it off the grouping thread. Give each pair to `index.add(doc, prepared)`. Docs are read from
 * `docs` only as far ahead as `ahead` batches per worker.
 *
 * @example
 * for await (const { doc, prepared } of prepareAhead(stream)) index.add(doc, prepared)
 */
export async function* prepareAhead(
  docs: Iterable<Doc>,
  { features = {}, workers = 1, batchSize = 64, ahead = 4, furniture = () => [] }: PrepareAheadOptions = {},
): AsyncGenerator<{ doc: Doc; prepared: PreparedArticle }> {
  const pool = Array.from({ length: Math.max(1, workers) }, () => {
    const worker = new Worker(new URL('./prepare-worker-entry.js', import.meta.url), { workerData: features })
    const pending = new Map<number, Pending>()
    const fail = (error: Error): void => {
      for (const p of pending.values()) p.reject(error)
      pending.clear()
    }
    worker.on('message', (m: { batch: number; prepared?: PreparedArticle[]; error?: string }) => {
      const p = pending.get(m.batch)
      pending.delete(m.batch)
      if (m.prepared) p?.resolve(m.prepared)
      else p?.reject(new Error(`featurising failed in a worker: ${m.error}`))
    })
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`a featurising worker stopped (exit code ${code})`)))
    return { worker, pending, told: 0 }
  })
  const source = docs[Symbol.iterator]()
  const queue: { docs: Doc[]; prepared: Promise<PreparedArticle[]> }[] = []
  let sent = 0
  let exhausted = false
  const send = (): void => {
    const batch: Doc[] = []
    while (batch.length < batchSize) {
      const next = source.next()
      if (next.done) {
        exhausted = true
        break
      }
      batch.push(next.value)
    }
    if (batch.length === 0) return
    const id = sent++
    const thread = pool[id % pool.length]
    const { worker, pending } = thread
    const learnt = furniture(thread.told)
    thread.told += learnt.length
    const prepared = new Promise<PreparedArticle[]>((resolve, reject) => pending.set(id, { resolve, reject }))
    // A rejection is read when its batch's turn comes; until then it must not count as unhandled.
    prepared.catch(() => {})
    worker.postMessage({ batch: id, docs: batch, furniture: learnt })
    queue.push({ docs: batch, prepared })
  }
  try {
    while (!exhausted && queue.length < ahead * pool.length) send()
    while (queue.length > 0) {
      const head = queue.shift()
      if (!head) break
      const prepared = await head.prepared
      if (!exhausted) send()
      for (let i = 0; i < head.docs.length; i++) yield { doc: head.docs[i], prepared: prepared[i] }
    }
  } finally {
    await Promise.all(pool.map(({ worker }) => worker.terminate()))
  }
}

/**
 * {@link groupStories} with featurising in a worker thread: the same stories, sooner for a large
 * collection on a machine with a core to spare. The articles are featurised twice in the worker, once
 * to prime the idf statistics and once to group, so that the grouping thread only counts and groups.
 *
 * @example
 * const stories = await groupStoriesAhead(docs)
 */
export const groupStoriesAhead = async (
  docs: readonly Doc[],
  options: StoryIndexOptions = {},
  { workers, batchSize }: Pick<PrepareAheadOptions, 'workers' | 'batchSize'> = {},
): Promise<StoryGroup[]> => {
  const index = createStoryIndex(options)
  const features = options.features ?? {}
  for await (const { doc, prepared } of prepareAhead(docs, { features, workers, batchSize }))
    index.primePrepared(doc, prepared)
  const ordered = [...docs].sort(arrivalOrder)
  const furniture = index.furniture
  for await (const { doc, prepared } of prepareAhead(ordered, { features, workers, batchSize, furniture }))
    index.add(doc, prepared)
  return index.stories()
}
