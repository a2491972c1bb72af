import type { Article } from '../ingest/types.ts'
import { makeDoc } from '../model/doc.ts'
import type { Doc } from '../model/types.ts'
import { dates } from '../stages/dates.ts'
import { entities } from '../stages/entities.ts'
import { events } from '../stages/events.ts'
import { framing } from '../stages/framing.ts'
import { quantities } from '../stages/quantities.ts'
import { quotes } from '../stages/quotes.ts'
import { record } from '../stages/record.ts'
import { segment } from '../stages/segment.ts'
import { tokenize } from '../stages/tokenize.ts'
import { createPipeline, type Pipeline } from './stage.ts'

let pipeline: Pipeline | undefined

/** The default per-document pipeline, built once (its stages load their resources lazily). */
export const defaultPipeline = (): Pipeline => {
  pipeline ??= createPipeline([
    tokenize(),
    segment(),
    entities(),
    dates(),
    quantities(),
    record(),
    events(),
    quotes(),
    framing(),
  ])
  return pipeline
}

/** Makes a doc from an article and runs every per-document stage on it. */
export const analyseDocument = (article: Article, run: Pipeline = defaultPipeline()): Doc => {
  const doc = makeDoc({ text: article.text, meta: article.meta, id: article.id })
  for (const reason of article.warnings ?? [])
    doc.messages.push({ reason, rule: 'ingest/metadata', severity: 'warning' })
  return run(doc)
}
