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

type Parsed = { article: Article } | { error: string }

/** One article object (a JSONL line or an element of a JSON array) as an article, or why not. */
const toArticle = (value: unknown, where: string): Parsed => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `expected a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}` }
  }
  const record = value as Record<string, unknown>
  if (typeof record.text !== 'string' || record.text.trim() === '')
    return { error: 'missing or empty "text"' }
  const url = optionalString(record.url)
  const warnings =
    record.published !== undefined &&
    record.published !== null &&
    publishedDate(record.published) === undefined
      ? [`unusable "published" ${JSON.stringify(record.published)}: publication date left unknown`]
      : undefined
  return {
    article: {
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
    },
  }
}

/**
 * Reads JSONL: one article per line, `text` required; `id`, `title`, `url`, `published`, `outlet`
 * optional. A bad line is one error naming `file:line`; the other lines are still read.
 */
export const readJsonl = (content: string, source: string): ReadResult => {
  const articles: Article[] = []
  const errors: InputError[] = []
  content
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, index) => {
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
      const parsed = toArticle(value, where)
      if ('error' in parsed) errors.push({ source: where, reason: parsed.error })
      else articles.push(parsed.article)
    })
  return { articles, errors }
}

/**
 * Reads a JSON export: an array of article objects (as in JSONL), or an object whose `articles`
 * (or `items`) is such an array. Each bad element is one error naming `file#index`.
 */
export const readJsonArticles = (content: string, source: string): ReadResult => {
  let value: unknown
  try {
    value = JSON.parse(content.replace(/^\uFEFF/, ''))
  } catch (error) {
    return { articles: [], errors: [{ source, reason: `malformed JSON (${(error as Error).message})` }] }
  }
  const record = value as Record<string, unknown> | null
  const list = Array.isArray(value) ? value : (record?.articles ?? record?.items)
  if (!Array.isArray(list)) {
    return {
      articles: [],
      errors: [{ source, reason: 'expected an array of articles or { "articles": [...] }' }],
    }
  }
  const articles: Article[] = []
  const errors: InputError[] = []
  list.forEach((item, index) => {
    const parsed = toArticle(item, `${source}#${index}`)
    if ('error' in parsed) errors.push({ source: `${source}#${index}`, reason: parsed.error })
    else articles.push(parsed.article)
  })
  return { articles, errors }
}
