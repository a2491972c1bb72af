import { isIsoDate, outletFromUrl } from './text.ts'
import type { Article, InputError, ReadResult } from './types.ts'

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

/** Accepts YYYY-MM-DD or a full ISO timestamp; returns the date part, or undefined when unusable. */
const publishedDate = (value: unknown): string | undefined => {
  const s = optionalString(value)
  if (!s) return undefined
  const day = s.slice(0, 10)
  return isIsoDate(day) ? day : undefined
}

/**
 * Reads JSONL: one article per line, `text` required; `id`, `title`, `url`, `published`, `outlet`
 * optional. A bad line is one error naming `file:line`; the other lines are still read.
 */
export const readJsonl = (content: string, source: string): ReadResult => {
  const articles: Article[] = []
  const errors: InputError[] = []
  const lines = content.replace(/^\uFEFF/, '').split('\n')
  lines.forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    const where = `${source}:${index + 1}`
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      errors.push({ source: where, reason: `malformed JSON (${(error as Error).message})` })
      return
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({
        source: where,
        reason: 'expected a JSON object, not ' + (Array.isArray(value) ? 'an array' : typeof value),
      })
      return
    }
    const record = value as Record<string, unknown>
    if (typeof record.text !== 'string' || record.text.trim() === '') {
      errors.push({ source: where, reason: 'missing or empty "text"' })
      return
    }
    const url = optionalString(record.url)
    const warnings =
      record.published !== undefined &&
      record.published !== null &&
      publishedDate(record.published) === undefined
        ? [`unusable "published" ${JSON.stringify(record.published)}: publication date left unknown`]
        : undefined
    articles.push({
      id: optionalString(record.id) ?? (typeof record.id === 'number' ? String(record.id) : undefined),
      text: record.text,
      meta: {
        source: where,
        url,
        outlet: optionalString(record.outlet) ?? outletFromUrl(url),
        published: publishedDate(record.published),
        title: optionalString(record.title),
      },
      warnings,
    })
  })
  return { articles, errors }
}
