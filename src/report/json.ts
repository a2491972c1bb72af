import type { Doc, Report } from '../model/types.ts'

/**
 * Flattens every `{ span: { start, end }, ... }` into `{ start, end, ... }`, recursively, as the
 * JSON contract (DESIGN §4) puts offsets on the object itself.
 */
const flattenSpans = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(flattenSpans)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  const record = value as Record<string, unknown>
  const span = record.span as { start?: unknown; end?: unknown } | undefined
  if (span && typeof span === 'object' && typeof span.start === 'number' && typeof span.end === 'number') {
    out.start = span.start
    out.end = span.end
  }
  for (const [key, inner] of Object.entries(record)) {
    if (key === 'span' && 'start' in out) continue
    out[key] = flattenSpans(inner)
  }
  return out
}

export interface JsonReportOptions {
  /** Include the token layer (large; off by default). */
  tokens?: boolean
}

const jsonDocument = (doc: Doc, options: JsonReportOptions): Record<string, unknown> => ({
  id: doc.id,
  source: doc.meta.source,
  outlet: doc.meta.outlet ?? null,
  url: doc.meta.url ?? null,
  published: doc.meta.published ?? null,
  title: doc.meta.title ?? null,
  text: doc.text,
  sentences: doc.sentences ?? [],
  mentions: flattenSpans(doc.mentions ?? []),
  dates: flattenSpans(doc.dates ?? []),
  quantities: flattenSpans(doc.quantities ?? []),
  ...(doc.record ? { record: flattenSpans(doc.record) } : {}),
  events: flattenSpans(doc.events ?? []),
  quotes: flattenSpans(doc.quotes ?? []),
  framing: flattenSpans(doc.framing ?? { labels: [], loaded: [], hedges: [] }),
  messages: flattenSpans(doc.messages),
  ...(options.tokens ? { tokens: flattenSpans(doc.tokens ?? []) } : {}),
})

/** The report as the versioned JSON contract (docs/report.schema.json). */
export const toJsonReport = (report: Report, options: JsonReportOptions = {}): Record<string, unknown> => ({
  version: report.version,
  documents: report.documents.map((d) => jsonDocument(d, options)),
  entities: report.entities,
  stories: report.stories,
  errors: report.errors,
})

/** The JSON report as text, pretty-printed. */
export const renderJson = (report: Report, options: JsonReportOptions = {}): string =>
  `${JSON.stringify(toJsonReport(report, options), null, 2)}\n`
