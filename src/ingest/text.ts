import type { Article, ReadResult } from './types.ts'

/** The optional first line of a seed-style article: ` date YYYY-MM-DD URL`. */
const DATE_LINE = /^\s*date\s+(\d{4}-\d{2}-\d{2})(?:\s+(\S+))?\s*$/

/**
 * A Wayback Machine capture's path: `/web/<timestamp><flags>/<original URL>`. Archived articles are
 * common in research corpora; their publisher is the original URL's host, not the archive's.
 */
const WAYBACK_HOSTS = new Set(['web.archive.org', 'wayback.archive.org'])
const WAYBACK_PATH = /^\/web\/\d+[a-z_]*\/(.+)$/

/** The URL an archive capture stands for, or the URL itself. */
const unarchived = (url: URL): URL => {
  if (!WAYBACK_HOSTS.has(url.hostname)) return url
  const original = WAYBACK_PATH.exec(url.pathname + url.search)?.[1]
  if (!original) return url
  try {
    return new URL(/^https?:\/\//i.test(original) ? original : `http://${original}`)
  } catch {
    return url
  }
}

/**
 * The outlet of a URL: its host without `www.` (the publisher's site); for a Wayback Machine capture,
 * the host of the page it archived.
 */
export const outletFromUrl = (url: string | undefined): string | undefined => {
  if (!url) return undefined
  try {
    return unarchived(new URL(url)).hostname.replace(/^www\./, '') || undefined
  } catch {
    return undefined
  }
}

/** True when `value` is a real calendar date in YYYY-MM-DD form. */
export const isIsoDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

/** Whitespace collapsed and case folded, for comparing a title with the start of a body. */
const fold = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * The article text with its title leading, as in seed-style .txt articles: `title`, a blank line and
 * `body`, unless the body already opens with the title (whitespace and case aside); the title alone when
 * the body is empty. Every stage then reads the headline, which carries the event's figures, places and
 * names, as the article's first sentence, whatever format the article came in.
 *
 * @example
 * leadWithTitle('Two hurt in Quarnby fire', 'Fire crews said …') // 'Two hurt in Quarnby fire\n\nFire crews said …'
 */
export const leadWithTitle = (title: string | undefined, body: string): string => {
  const head = title?.trim()
  if (!head) return body
  if (body.trim() === '') return head
  return fold(body.slice(0, head.length * 2 + 20)).startsWith(fold(head)) ? body : `${head}\n\n${body}`
}

/**
 * Reads one seed-style article: an optional first line ` date YYYY-MM-DD URL`, then the title, a
 * blank line and the body. `text` is everything after the date line (title included), so offsets
 * index the article as a reader sees it.
 */
export const readTextArticle = (content: string, source: string): ReadResult => {
  let text = content.replace(/^\uFEFF/, '')
  let published: string | undefined
  let url: string | undefined
  const firstBreak = text.indexOf('\n')
  const firstLine = firstBreak === -1 ? text : text.slice(0, firstBreak)
  const m = DATE_LINE.exec(firstLine)
  const warnings: string[] = []
  if (m) {
    if (isIsoDate(m[1])) published = m[1]
    else warnings.push(`date line has an impossible date ${m[1]}: publication date left unknown`)
    url = m[2]
    text = firstBreak === -1 ? '' : text.slice(firstBreak + 1)
  }
  if (text.trim() === '')
    return { articles: [], errors: [{ source, reason: 'empty article (no text after the date line)' }] }
  const title = text.trimStart().split(/\r?\n/, 1)[0].trim()
  const article: Article = {
    text,
    meta: { source, url, outlet: outletFromUrl(url), published, title: title || undefined },
    warnings: warnings.length > 0 ? warnings : undefined,
  }
  return { articles: [article], errors: [] }
}
