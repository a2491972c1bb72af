import { parentPort, workerData } from 'node:worker_threads'
import type { Doc } from '../model/types.ts'
import type { FeaturiseOptions } from './grouping-features.ts'
import { prepareArticle } from './prepared-article.ts'

// The body of a prepare-ahead worker: each batch of docs comes back as prepared articles, in order.
// Each batch brings the furniture the index learnt since the last one.
const options = (workerData ?? {}) as FeaturiseOptions
const furniture = new Set<number>()
const isFurniture = (hash: number): boolean => furniture.has(hash)
type Batch = { batch: number; docs: Doc[]; furniture: number[] }
parentPort?.on('message', ({ batch, docs, furniture: learnt }: Batch) => {
  for (const hash of learnt) furniture.add(hash)
  try {
    parentPort?.postMessage({ batch, prepared: docs.map((doc) => prepareArticle(doc, options, isFurniture)) })
  } catch (e) {
    parentPort?.postMessage({ batch, error: e instanceof Error ? e.message : String(e) })
  }
})
