import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import type { DocMeta } from '../model/types.ts'
import { DecodeError, decodeBuffer } from './decode.ts'
import { leadWithTitle, outletFromUrl } from './text.ts'
import type { Article, ReadResult } from './types.ts'

/** Pages larger than this are refused before parsing: no news article is this big. */
export const MAX_HTML_BYTES = 16 * 1024 * 1024
/** Deeper element nesting than this is refused before parsing: the DOM and Readability slow down sharply with depth. */
export const MAX_HTML_DEPTH = 400

/** Options of {@link readHtml}. */
export interface HtmlOptions {
  /** The page's own URL when it was fetched; resolves relative canonical links and gives a fallback outlet. */
  url?: string
  /** The charset the transport declared (HTTP `Content-Type`), which beats the page's own `<meta charset>`. */
  charset?: string
  maxBytes?: number
  maxDepth?: number
}

// Minimal structural views of the linkedom DOM: the project compiles without the DOM lib.
interface DomNode {
  nodeType: number
  nodeName: string
  nodeValue: string | null
  childNodes: ArrayLike<DomNode>
}
interface DomElement extends DomNode {
  tagName: string
  textContent: string | null
  getAttribute(name: string): string | null
  parentElement: DomElement | null
  querySelectorAll(selector: string): ArrayLike<DomElement>
  querySelector(selector: string): DomElement | null
  remove(): void
}
interface DomDocument {
  documentElement: DomElement
  title: string
  querySelectorAll(selector: string): ArrayLike<DomElement>
  querySelector(selector: string): DomElement | null
}

const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'
    .split(' ')
    .map((t) => t.toUpperCase()),
)
// Elements the HTML parser closes implicitly; counting them would make ordinary tag soup look deep.
const IMPLIED_END = new Set(
  'p li dt dd tr td th option rt rp tbody thead tfoot colgroup'.split(' ').map((t) => t.toUpperCase()),
)

/** Maximum element nesting depth, from a scan of the tags alone (no DOM is built). */
export const scanDepth = (html: string): number => {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>|<!--/g
  const endScript = /<\/script/gi
  const endStyle = /<\/style/gi
  let depth = 0
  let max = 0
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    // Comments and raw-text elements are skipped by searching for their end once: a regex with a
    // lazy body would rescan to the end of the page for every unclosed one.
    if (!m[2]) {
      const close = html.indexOf('-->', tag.lastIndex)
      if (close < 0) break
      tag.lastIndex = close + 3
      continue
    }
    const name = m[2].toUpperCase()
    if (!m[1] && (name === 'SCRIPT' || name === 'STYLE')) {
      const end = name === 'SCRIPT' ? endScript : endStyle
      end.lastIndex = tag.lastIndex
      if (!end.exec(html)) break
      tag.lastIndex = end.lastIndex
      continue
    }
    if (VOID.has(name) || IMPLIED_END.has(name) || m[3] === '/') continue
    if (m[1]) depth = Math.max(0, depth - 1)
    else if (++depth > max) max = depth
  }
  return max
}

// Class or id tokens of page furniture that is not the article: consent banners, sharing bars,
// "read more" boxes, comment threads, newsletter sign-ups. Readability keeps some of these when
// they sit inside the article container, so they go before it runs.
const FURNITURE =
  /^(cookie|cookies|consent|gdpr|cmp|newsletter|subscribe|subscription|paywall|related(-[\w-]+)?|read-?more|more-?stories|recommended|recommendations|outbrain|taboola|comments?(-[\w-]+)?|disqus|share(-[\w-]+)?|sharing|social(-[\w-]+)?|promo|advert|advertisement|ad|ads|ad-?slot|sponsored|banner-?ad|popup|modal|breadcrumbs?|tags|byline-?social|site-?header|site-?footer|nav|navbar|menu)$/i
// Words that mark furniture even as one part of a compound class ("cookie-consent", "gdpr_wall").
const FURNITURE_PART = /^(cookie|cookies|consent|gdpr|newsletter|paywall|outbrain|taboola|disqus)$/i
const FURNITURE_SELECTOR =
  'script,style,noscript,template,iframe,form,nav,footer,aside,dialog,button,svg,[role=navigation],[role=dialog],[role=complementary],[role=banner],[role=contentinfo],[aria-modal=true],[hidden]'
// Bylines and timestamps go to `meta`; left in the body they would read as the first sentence.
const BYLINE =
  /^(byline|byline-?\w*|author|authors|author-?\w*|article-?author|timestamp|dateline-?time|published|updated|pubdate|article-?meta|article-?date|post-?meta|post-?date)$/i
const TEASER =
  /^\s*(read more|read also|also read|related|see also|more on this|recommended|you may also like)\b/i

const removeFurniture = (doc: DomDocument): void => {
  for (const el of Array.from(doc.querySelectorAll(FURNITURE_SELECTOR))) el.remove()
  for (const el of Array.from(doc.querySelectorAll('[class],[id]'))) {
    const tokens = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/[\s_]+/)
    if (tokens.some((t) => FURNITURE.test(t) || t.split('-').some((part) => FURNITURE_PART.test(part))))
      el.remove()
    else if ((el.textContent ?? '').length < 200 && tokens.some((t) => BYLINE.test(t))) el.remove()
  }
  for (const el of Array.from(doc.querySelectorAll('[rel=author],[itemprop=author],time'))) {
    // A <time> inside a sentence is part of the text; one standing alone is the page's timestamp.
    if (
      el.tagName !== 'TIME' ||
      !/^(P|LI|BLOCKQUOTE|TD|SPAN|A|EM|STRONG|B|I)$/.test(el.parentElement?.tagName ?? '')
    ) {
      if ((el.textContent ?? '').length < 200) el.remove()
    }
  }
  for (const el of Array.from(doc.querySelectorAll('p,div,li,section'))) {
    const text = el.textContent ?? ''
    if (text.length < 300 && TEASER.test(text)) el.remove()
  }
}

const attr = (doc: DomDocument, selector: string, name = 'content'): string | undefined => {
  const value = doc.querySelector(selector)?.getAttribute(name)?.trim()
  return value ? value : undefined
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** All JSON-LD objects on the page, flattening arrays and `@graph`. Unparsable blocks are skipped. */
const jsonLdObjects = (doc: DomDocument): Record<string, Json>[] => {
  const out: Record<string, Json>[] = []
  const visit = (value: Json, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1)
      return
    }
    out.push(value)
    if (value['@graph']) visit(value['@graph'], depth + 1)
  }
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? '') as Json, 0)
    } catch {
      // A broken JSON-LD block is common on real pages; the other metadata sources still apply.
    }
  }
  return out
}

const isArticleType = (o: Record<string, Json>): boolean => {
  const type = o['@type']
  const types = Array.isArray(type) ? type : [type]
  return types.some((t) => typeof t === 'string' && /Article|Posting|Report|Blog/i.test(t))
}

const jsonString = (value: Json | undefined): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined
  if (Array.isArray(value)) {
    const names = value.map(jsonString).filter((v): v is string => !!v)
    return names.length ? names.join(', ') : undefined
  }
  if (value && typeof value === 'object') return jsonString(value.name)
  return undefined
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/

/** An error reason on one line: input quoted into a reason may carry line breaks. */
export const oneLine = (reason: string): string => reason.replace(/\s*[\r\n]+\s*/g, ' ')

/** YYYY-MM-DD from a date string as the publisher wrote it (no time-zone shift), when it is a real date. */
export const isoDay = (value: string | undefined): string | undefined => {
  if (!value) return undefined
  const text = value.trim()
  let m = ISO_DAY.exec(text)
  // RFC 822 (RSS pubDate): take the day as written, before any time-zone shift.
  const rfc = m ? null : /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})\b/.exec(text)
  const month = rfc ? MONTHS.indexOf(rfc[2].toLowerCase()) + 1 : 0
  if (rfc && month > 0)
    m = ISO_DAY.exec(`${rfc[3]}-${String(month).padStart(2, '0')}-${rfc[1].padStart(2, '0')}`)
  if (!m) {
    // RFC 822 dates and other forms Date parses; UTC is the honest reading when the page gives no zone.
    const parsed = Date.parse(text)
    if (Number.isNaN(parsed)) return undefined
    m = ISO_DAY.exec(new Date(parsed).toISOString())
    if (!m) return undefined
  }
  const [, y, mo, d] = m
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)))
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined
  if (Number(y) < 1800 || Number(y) > 2200) return undefined
  return `${y}-${mo}-${d}`
}

/** The publication day encoded in a news URL path (`/2024/02/07/`, `/2024-02-07-`, `/20240207/`). */
export const dateFromUrl = (url: string | undefined): string | undefined => {
  if (!url) return undefined
  let path: string
  try {
    path = new URL(url).pathname
  } catch {
    return undefined
  }
  const m =
    /\/((?:19|20)\d{2})\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])(?:\/|$)/.exec(path) ??
    /(?:^|[/_-])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(path) ??
    /\/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\/|$)/.exec(path)
  return m ? isoDay(`${m[1]}-${m[2]}-${m[3]}`) : undefined
}

const absoluteUrl = (href: string | undefined, base: string | undefined): string | undefined => {
  if (!href) return undefined
  try {
    const url = new URL(href, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

// Where pages put the author's name in the body, most specific first. Read before the byline
// elements are removed from the text.
const BYLINE_SELECTORS = [
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '[rel="author"]',
  '.vcard .fn',
  '.author-name',
  '.byline',
]

const bylineInPage = (doc: DomDocument): string | undefined => {
  for (const selector of BYLINE_SELECTORS) {
    const text = collapse(doc.querySelector(selector)?.textContent ?? '').replace(/^by\s+/i, '')
    if (text.length >= 3 && text.length <= 100) return text
  }
  return undefined
}

/** The JSON-LD `articleBody` of the page's article, as paragraphs, when it has a substantial one. */
const jsonLdBody = (doc: DomDocument): string | undefined => {
  const body = jsonString(jsonLdObjects(doc).find(isArticleType)?.articleBody)
  if (!body || body.length < 200) return undefined
  return body
    .split(/\s*\n\s*/)
    .map(collapse)
    .filter(Boolean)
    .join('\n\n')
}

/** Page metadata Readability does not give: publication date, canonical URL, outlet. */
export const extractMetadata = (doc: DomDocument, pageUrl?: string): Omit<DocMeta, 'source'> => {
  const ld = jsonLdObjects(doc)
  const article = ld.find(isArticleType)
  const canonical =
    absoluteUrl(attr(doc, 'link[rel="canonical"]', 'href'), pageUrl) ??
    absoluteUrl(attr(doc, 'meta[property="og:url"]'), pageUrl) ??
    absoluteUrl(jsonString(article?.url), pageUrl) ??
    pageUrl
  const timeEl =
    doc.querySelector('article time[datetime]') ??
    doc.querySelector('time[pubdate]') ??
    doc.querySelector('time[datetime]')
  const published =
    isoDay(jsonString(article?.datePublished)) ??
    isoDay(attr(doc, 'meta[property="article:published_time"]')) ??
    isoDay(attr(doc, 'meta[itemprop="datePublished"]')) ??
    isoDay(attr(doc, '[itemprop="datePublished"]', 'datetime')) ??
    isoDay(
      attr(doc, 'meta[name="date"]') ??
        attr(doc, 'meta[name="pubdate"]') ??
        attr(doc, 'meta[name="publishdate"]') ??
        attr(doc, 'meta[name="DC.date.issued"]') ??
        attr(doc, 'meta[name="dcterms.date"]') ??
        attr(doc, 'meta[name="parsely-pub-date"]'),
    ) ??
    isoDay(timeEl?.getAttribute('datetime') ?? undefined) ??
    dateFromUrl(canonical) ??
    dateFromUrl(pageUrl)
  const publisher = article?.publisher
  const outlet =
    attr(doc, 'meta[property="og:site_name"]') ??
    (publisher && typeof publisher === 'object' && !Array.isArray(publisher)
      ? jsonString(publisher.name)
      : undefined) ??
    attr(doc, 'meta[name="application-name"]') ??
    outletFromUrl(canonical)
  const authorMeta = attr(doc, 'meta[name="author"]') ?? attr(doc, 'meta[property="article:author"]')
  const byline =
    jsonString(article?.author) ??
    (authorMeta && !/^https?:/i.test(authorMeta) ? authorMeta : undefined) ??
    bylineInPage(doc)
  const title =
    jsonString(article?.headline) ??
    attr(doc, 'meta[property="og:title"]') ??
    attr(doc, 'meta[name="twitter:title"]')
  const language = doc.documentElement?.getAttribute('lang')?.trim() || undefined
  const meta: Omit<DocMeta, 'source'> = {}
  if (canonical) meta.url = canonical
  if (outlet) meta.outlet = outlet
  if (published) meta.published = published
  if (title) meta.title = collapse(title)
  if (byline) meta.byline = collapse(byline)
  if (language) meta.language = language
  return meta
}

const BLOCK = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DIV DL DT FIGCAPTION FIGURE H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN OL P PRE SECTION TABLE TD TH TR UL'.split(
    ' ',
  ),
)

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()

/**
 * Plain text of an element: one paragraph per block element, separated by a blank line, with
 * whitespace inside each paragraph collapsed as a browser renders it. Iterative, so deep trees
 * cannot overflow the stack.
 */
export const blockText = (root: DomNode): string => {
  const paragraphs: string[] = []
  let current = ''
  const flush = (): void => {
    const line = collapse(current)
    if (line) paragraphs.push(line)
    current = ''
  }
  const stack: (DomNode | 'end')[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node === 'end') {
      flush()
      continue
    }
    if (node.nodeType === 3) {
      current += node.nodeValue ?? ''
      continue
    }
    if (node.nodeType !== 1) continue
    if (node.nodeName === 'BR') {
      current += ' '
      continue
    }
    const block = BLOCK.has(node.nodeName)
    if (block) {
      flush()
      stack.push('end')
    }
    const children = node.childNodes
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i])
  }
  flush()
  return paragraphs.join('\n\n')
}

/**
 * Strips the outlet from a `<title>` ("Bridge closes | Valley Ledger" → "Bridge closes"). Only a part
 * that names the outlet goes: other separators belong to the headline ("Bridge closes - and why").
 */
export const cleanTitle = (title: string, outlet: string | undefined, url?: string): string => {
  const parts = title.split(/\s+[|–—·•»-]\s+/)
  if (parts.length < 2) return title
  const host = outletFromUrl(url)?.split('.')[0]
  const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
  const names = [outlet, host].filter((n): n is string => !!n).map(squash)
  const kept = parts.filter((p) => !names.some((n) => n && (squash(p) === n || squash(p) === `the${n}`)))
  return kept.length > 0 && kept.length < parts.length ? kept.join(' - ') : title
}

/**
 * Reads a saved or fetched article page: the main text by Mozilla Readability (on a linkedom DOM,
 * after removing navigation, consent banners, comments and "read more" boxes), and title, byline,
 * publication date, canonical URL, outlet and language from the page's metadata.
 * The article's text is the title, a blank line, then the body paragraphs separated by blank lines.
 * Never throws: an unusable page is one error naming `source`.
 *
 * @example
 * const { articles, errors } = readHtml(readFileSync('saved.html'), 'saved.html')
 */
export const readHtml = (
  input: Uint8Array | string,
  source: string,
  options: HtmlOptions = {},
): ReadResult => {
  const fail = (reason: string): ReadResult => ({
    articles: [],
    errors: [{ source, reason: oneLine(reason) }],
  })
  const maxBytes = options.maxBytes ?? MAX_HTML_BYTES
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > maxBytes) return fail(`page too large (${size} bytes; the limit is ${maxBytes})`)
  let html: string
  let warnings: string[] = []
  if (typeof input === 'string') html = input
  else {
    try {
      const decoded = decodeBuffer(input, { declared: options.charset })
      html = decoded.text
      warnings = decoded.warnings
    } catch (error) {
      if (error instanceof DecodeError) return fail(error.message)
      throw error
    }
  }
  if (html.trim() === '') return fail('empty page')
  if (!/<[a-zA-Z!]/.test(html)) return fail('not HTML (no tags found)')
  const maxDepth = options.maxDepth ?? MAX_HTML_DEPTH
  const depth = scanDepth(html)
  if (depth > maxDepth) return fail(`HTML nested ${depth} elements deep (the limit is ${maxDepth}); refused`)
  try {
    return readParsed(html, source, options, warnings)
  } catch (error) {
    // linkedom and Readability are third-party code over hostile input: whatever they throw is
    // this page's problem, reported against it, and the run goes on.
    return fail(`could not parse HTML (${(error as Error).message.split('\n')[0]})`)
  }
}

/** Shortest paragraph that counts as article text when the furniture rules are set aside. */
const MIN_PARAGRAPH = 80

/** Readability's main content, as a DOM node, and what else it found. */
const extractMain = (document: DomDocument) =>
  new Readability(document as never, {
    serializer: (node) => node,
    maxElemsToParse: 200_000,
    // Metadata comes from extractMetadata; skipping Readability's JSON-LD pass avoids reading it twice.
    disableJSONLD: true,
  }).parse()

const readParsed = (html: string, source: string, options: HtmlOptions, warnings: string[]): ReadResult => {
  const { document } = parseHTML(html) as unknown as { document: DomDocument }
  const meta = extractMetadata(document, options.url)
  const rawTitle = collapse(document.title ?? '')
  const ldBody = jsonLdBody(document)
  removeFurniture(document)
  let parsed = extractMain(document)
  let body = parsed?.content ? blockText(parsed.content as unknown as DomNode) : ''
  if (collapse(body) === '') {
    // The furniture rules are guesses from class names; when they leave nothing, the article was
    // inside something they matched. Readability alone on the untouched page is the better answer.
    // It must hold a real paragraph, or it is the menus and banners the rules rightly removed.
    const retry = extractMain((parseHTML(html) as unknown as { document: DomDocument }).document)
    const text = retry?.content ? blockText(retry.content as unknown as DomNode) : ''
    if (text.split('\n\n').some((paragraph) => paragraph.length >= MIN_PARAGRAPH)) {
      parsed = retry
      body = text
    }
  }
  // Pages rendered by script often carry the full text only in their JSON-LD: better than nothing,
  // and said so, since it is the publisher's copy rather than what the page shows.
  if (ldBody && ldBody.length > collapse(body).length * 2) {
    body = ldBody
    warnings.push('main text taken from the page’s JSON-LD articleBody')
  }
  if (collapse(body) === '')
    return { articles: [], errors: [{ source, reason: 'no article text found in the page' }] }
  const title = meta.title ?? cleanTitle(collapse(parsed?.title ?? '') || rawTitle, meta.outlet, meta.url)
  if (!meta.byline && parsed?.byline) meta.byline = collapse(parsed.byline)
  if (title) meta.title = title
  // The title leads the text, as in seed-style .txt articles, unless the body already opens with it.
  const text = leadWithTitle(title, body)
  const article: Article = { text, meta: { source, ...meta } }
  if (warnings.length > 0) article.warnings = warnings
  return { articles: [article], errors: [] }
}
