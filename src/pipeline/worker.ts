import { parentPort } from 'node:worker_threads'
import type { Article } from '../ingest/types.ts'
import { analyseDocument } from './default.ts'

/** Runs the default per-document pipeline on batches of articles sent by {@link analyseInWorkers}. */
parentPort?.on('message', (message: { batch: number; articles: Article[] }) => {
  try {
    parentPort?.postMessage({ batch: message.batch, docs: message.articles.map((a) => analyseDocument(a)) })
  } catch (error) {
    parentPort?.postMessage({ batch: message.batch, error: (error as Error).stack ?? String(error) })
  }
})
