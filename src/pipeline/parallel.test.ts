import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Article } from '../ingest/types.ts'
import { analyseDocument } from './default.ts'
import { analyseInWorkers } from './parallel.ts'

test('documents analysed in worker threads equal those analysed in process, in input order', async () => {
  const articles: Article[] = Array.from({ length: 7 }, (_, i) => ({
    text: `Made-up report ${i}\n\nOn Monday ${i + 2} people were injured in Ostra, officials said.`,
    meta: { source: `made-up-${i}.txt`, published: '2025-03-13' },
  }))
  const inWorkers = await analyseInWorkers(articles, { workers: 2, batchSize: 2 })
  assert.deepEqual(
    inWorkers,
    articles.map((a) => analyseDocument(a)),
  )
})
