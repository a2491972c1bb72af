import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { Article } from '../ingest/types.ts'
import type { Doc } from '../model/types.ts'

export interface ParallelOptions {
  /** Worker threads to use (default: one per core, at most 8). */
  workers?: number
  /** Articles sent to a worker at a time. */
  batchSize?: number
  onProgress?: (done: number, total: number) => void
}

/** Below this many articles, starting workers (each loads the models) costs more than it saves. */
export const PARALLEL_THRESHOLD = 400

/** The number of workers to use by default on this machine. */
export const defaultWorkers = (): number => Math.min(8, Math.max(1, availableParallelism()))

/**
 * Runs the default per-document pipeline over articles in worker threads (the stages are pure, so
 * documents are independent) and returns the docs in input order.
 */
export const analyseInWorkers = async (
  articles: readonly Article[],
  { workers = defaultWorkers(), batchSize = 25, onProgress }: ParallelOptions = {},
): Promise<Doc[]> => {
  const batches: Article[][] = []
  for (let i = 0; i < articles.length; i += batchSize) batches.push(articles.slice(i, i + batchSize))
  const results: Doc[][] = new Array(batches.length)
  let next = 0
  let done = 0
  const pool = Array.from(
    { length: Math.min(workers, batches.length) },
    () => new Worker(new URL('./worker-entry.js', import.meta.url)),
  )
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve()
              const batch = next++
              worker.postMessage({ batch, articles: batches[batch] })
            }
            worker.on('message', (m: { batch: number; docs?: Doc[]; error?: string }) => {
              if (m.error || !m.docs) return reject(new Error(`analysis failed in a worker: ${m.error}`))
              results[m.batch] = m.docs
              done += m.docs.length
              onProgress?.(done, articles.length)
              send()
            })
            worker.on('error', reject)
            send()
          }),
      ),
    )
  } finally {
    await Promise.all(pool.map((w) => w.terminate()))
  }
  return results.flat()
}
