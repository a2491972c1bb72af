import { isoDay } from './html.ts'
import { leadWithTitle, outletFromUrl } from './text.ts'
import type { Article, InputError, ReadResult } from './types.ts'

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined

/**
 * The field names exports use for each part of an article, most specific first: our own names, then
 * those of common news APIs, crawlers and datasets (schema.org `articleBody` / `headline` /
 * `datePublished`, NewsAPI `content` / `publishedAt` / `source.name`, `dct` for a document creation
 * time, RSS-style `link` / `pubDate`).
 */
const FIELDS = {
  text: ['text', 'content', 'body', 'articleBody', 'article', 'maintext', 'full_text', 'fulltext', 'story'],
  title: ['title', 'headline'],
  published: [
    'published',
    'date',
    'datePublished',
    'publishedAt',
    'published_at',
    'publish_date',
    'pubDate',
    'dct',
    'date_publish',
  ],
  url: ['url', 'uri', 'link', 'canonical_url'],
  outlet: ['outlet', 'publisher', 'source', 'site_name', 'source_domain', 'domain'],
  id: ['id', 'guid', 'uuid', '_id'],
} as const

type Field = keyof typeof FIELDS

/** The first of a part's field names the record has (present and not null), with its value. */
const pick = (
  record: Record<string, unknown>,
  field: Field,
): { name: string; value: unknown } | undefined => {
  for (const name of FIELDS[field]) {
    const value = record[name]
    if (value !== undefined && value !== null) return { name, value }
  }
  return undefined
}

/** A text field as a string: a string, or an array of paragraphs joined by blank lines. */
const textValue = (value: unknown): string | undefined => {
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    return parts.length > 0 && parts.length === value.length ? parts.join('\n\n') : undefined
  }
  return optionalString(value)
}

/** A name given as a string or as an object with a `name` (`"source": {"name": "Reuters"}`). */
const nameValue = (value: unknown): string | undefined =>
  optionalString(value) ??
  (typeof value === 'object' && value !== null
    ? optionalString((value as { name?: unknown }).name)
    : undefined)

/**
 * A publication day from an ISO date or timestamp, an RFC 822 date ("Tue, 10 Jun 2003 04:00:00 GMT"),
 * a written date ("January 25, 2014") or a Unix time in seconds or milliseconds; undefined when unusable.
 */
const publishedDate = (value: unknown): string | undefined => {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const ms = value > 1e11 ? value : value * 1000
    return isoDay(new Date(ms).toISOString())
  }
  const s = optionalString(value)
  // Date.parse reads almost anything ("1" is 2001): a written date must at least show a year.
  if (!s || !/\d{4}/.test(s)) return undefined
  return isoDay(s)
}

type Parsed = { article: Article } | { error: string }

/** One article object (a JSONL line or an element of a JSON array) as an article, or why not. */
const toArticle = (value: unknown, where: string): Parsed => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: `expected a JSON object, not ${Array.isArray(value) ? 'an array' : typeof value}` }
  }
  const record = value as Record<string, unknown>
  const body = pick(record, 'text')
  const given = body ? textValue(body.value) : undefined
  const title = optionalString(pick(record, 'title')?.value)
  const empty = given === undefined || given.trim() === ''
  // A headline whose body field is there but empty (an export that kept only the title) is still a
  // report of the event; with no body field at all, the export names its text some other way: say so.
  if (empty && (title === undefined || !body)) {
    const keys = Object.keys(record).slice(0, 12)
    return {
      error: body
        ? `empty or unreadable "${body.name}" (expected text, or an array of paragraphs)`
        : `no article text: expected one of ${FIELDS.text.map((f) => `"${f}"`).join(', ')}; found ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'no fields'}`,
    }
  }
  const url = optionalString(pick(record, 'url')?.value)
  const date = pick(record, 'published')
  const published = date ? publishedDate(date.value) : undefined
  const warnings: string[] = []
  if (date && published === undefined)
    warnings.push(`unusable "${date.name}" ${JSON.stringify(date.value)}: publication date left unknown`)
  if (empty && body) warnings.push(`empty "${body.name}": only the title is read`)
  const text = leadWithTitle(title, empty ? '' : given)
  const id = pick(record, 'id')?.value
  return {
    article: {
      id: optionalString(id) ?? (typeof id === 'number' ? String(id) : undefined),
      text,
      meta: {
        source: where,
        url,
        outlet: nameValue(pick(record, 'outlet')?.value) ?? outletFromUrl(url),
        published,
        title,
      },
      warnings: warnings.length > 0 ? warnings : undefined,
    },
  }
}

/**
 * Reads JSONL: one article per line, its text required (`text`, or another usual name: see
 * {@link FIELDS}); `id`, `title`, `url`, `published`, `outlet` (or their usual names) optional. A bad line is one error naming `file:line`; the other lines are still read.
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
