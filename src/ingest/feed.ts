import { createHash } from 'node:crypto'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { parseHTML } from 'linkedom'
import { DecodeError, decodeBuffer } from './decode.ts'
import { blockText, isoDay, oneLine } from './html.ts'
import type { InputError } from './types.ts'

/** Feeds and subscription lists larger than this are refused before parsing. */
export const MAX_FEED_BYTES = 16 * 1024 * 1024

/** One entry of a feed: where the article is, and what the feed says about it. */
export interface FeedItem {
  /** Absolute http(s) URL of the article page. */
  url: string
  title?: string
  /** Publication day (YYYY-MM-DD) as the feed gives it, when it gives one. */
  published?: string
  /** The feed's summary as plain text. */
  summary?: string
  /** The feed's stable id for the item (RSS guid, Atom id, JSON Feed id), else the URL. */
  guid: string
}

/** What {@link readFeed} returns: the usable items and one error per unusable feed or item. */
export interface FeedResult {
  kind?: 'rss' | 'atom' | 'rdf' | 'json'
  /** The feed's own title, when it has one. */
  title?: string
  items: FeedItem[]
  errors: InputError[]
}

/** What {@link readOpml} returns: the feed URLs of a subscription list. */
export interface OpmlResult {
  urls: string[]
  errors: InputError[]
}

/** Options of {@link readFeed} and {@link readOpml}. */
export interface FeedOptions {
  /** The feed's own URL: resolves relative item links. */
  url?: string
  /** The charset the transport declared. */
  charset?: string
  maxBytes?: number
}

// Billion-laughs and external-entity attacks both need <!ENTITY declarations; real feeds never do,
// so they are refused outright. The parser's own expansion limits stay on as a second fence.
const ENTITY_DECLARATION = /<!ENTITY/i

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  processEntities: {
    enabled: true,
    maxEntityCount: 16,
    maxEntitySize: 1024,
    maxExpansionDepth: 2,
    maxTotalExpansions: 1024,
    maxExpandedLength: 65536,
  },
  maxNestedTags: 64,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link' || name === 'outline',
})

type Node = string | number | boolean | null | undefined | Node[] | { [key: string]: Node }
type Obj = { [key: string]: Node }

const isObj = (v: Node): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: Node): Node[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])

/** The text of a node that may be a plain value or an element with attributes (`#text`). */
const textOf = (v: Node): string | undefined => {
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim() || undefined
  if (Array.isArray(v)) return textOf(v[0])
  if (isObj(v)) return textOf(v['#text'])
  return undefined
}

/** Longest summary markup parsed; a feed summary is a teaser, and a hostile one must not cost a big DOM. */
const MAX_SUMMARY_CHARS = 20_000

// Feed titles and summaries are often escaped HTML: the XML parser decoded one level of escaping,
// and what remains is markup with HTML entities, which the HTML parser decodes as a browser would.
const plain = (html: string | undefined): string | undefined => {
  if (!html) return undefined
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim() || undefined
  const { document } = parseHTML(
    `<!doctype html><html><body>${html.slice(0, MAX_SUMMARY_CHARS)}</body></html>`,
  ) as unknown as {
    document: {
      body: Parameters<typeof blockText>[0] & { querySelectorAll(s: string): ArrayLike<{ remove(): void }> }
    }
  }
  for (const el of Array.from(document.body.querySelectorAll('script,style'))) el.remove()
  return blockText(document.body).replace(/\n\n/g, '\n') || undefined
}

const absolute = (href: string | undefined, base: string | undefined): string | undefined => {
  if (!href) return undefined
  try {
    const url = new URL(href.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

const atomLink = (links: Node): string | undefined => {
  const all = list(links).filter(isObj)
  const alternate = all.find((l) => !l['@_rel'] || l['@_rel'] === 'alternate') ?? all[0]
  return alternate ? textOf(alternate['@_href']) : textOf(list(links)[0])
}

const hashGuid = (parts: (string | undefined)[]): string =>
  `sha256:${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml)$/i

/**
 * Feed autodiscovery: the feeds an HTML page advertises with `<link rel="alternate" type="application/rss+xml" href>`
 * (or Atom, JSON Feed), as absolute http(s) URLs in page order. Looks only at the first 256 KB, where heads are.
 */
export const discoverFeeds = (html: string, pageUrl?: string): string[] => {
  const urls: string[] = []
  for (const [tag] of html.slice(0, 256 * 1024).matchAll(/<link\b[^>]*>/gi)) {
    const attrs: Record<string, string> = {}
    for (const m of tag.matchAll(/([a-zA-Z][\w:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attrs[m[1].toLowerCase()] = (m[2] ?? m[3] ?? m[4] ?? '').replace(/&amp;/g, '&').trim()
    }
    if (!/(^|\s)alternate(\s|$)/i.test(attrs.rel ?? '') || !FEED_TYPES.test(attrs.type ?? '')) continue
    const url = absolute(attrs.href, pageUrl)
    if (url && !urls.includes(url)) urls.push(url)
  }
  return urls
}

/** What kind of feed or list the text is, by its first element or JSON shape; undefined when none. */
export const sniffFeed = (text: string): 'rss' | 'atom' | 'rdf' | 'json' | 'opml' | undefined => {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '')
  if (/^\s*\{/.test(head))
    return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head) ? 'json' : undefined
  const root = /<(?!\?|!)([a-zA-Z][\w:.-]*)/.exec(head.replace(/<!--[\s\S]*?-->/g, ''))?.[1]?.toLowerCase()
  if (root === 'rss') return 'rss'
  if (root === 'feed') return 'atom'
  if (root === 'rdf:rdf') return 'rdf'
  if (root === 'opml') return 'opml'
  return undefined
}

const decodeInput = (
  input: Uint8Array | string,
  maxBytes: number,
  charset: string | undefined,
): { text: string } | { reason: string } => {
  const size = typeof input === 'string' ? input.length : input.byteLength
  if (size > maxBytes) return { reason: `too large (${size} bytes; the limit is ${maxBytes})` }
  if (typeof input === 'string') return { text: input }
  try {
    return { text: decodeBuffer(input, { declared: charset }).text }
  } catch (error) {
    if (error instanceof DecodeError) return { reason: error.message }
    throw error
  }
}

const parseXml = (text: string): { doc: Obj } | { reason: string } => {
  if (ENTITY_DECLARATION.test(text)) return { reason: 'declares XML entities (<!ENTITY>); refused as unsafe' }
  let doc: Node
  try {
    doc = parser.parse(text) as Node
  } catch (error) {
    return { reason: `malformed XML (${(error as Error).message.split('\n')[0]})` }
  }
  return isObj(doc) ? { doc } : { reason: 'malformed XML' }
}

/** A located one-line description of the first XML well-formedness error, or undefined when well formed. */
const xmlProblem = (text: string): string | undefined => {
  const check = XMLValidator.validate(text)
  if (check === true) return undefined
  const { code, msg, line } = check.err
  // The validator reports unclosed elements as a JSON-ish list; name them instead.
  const open = code === 'InvalidXml' ? /^Invalid '\[(.*)\]' found/s.exec(msg)?.[1] : undefined
  if (open) {
    const names = [...open.matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`)
    return `malformed XML: ${names.slice(-4).join(' ')} never closed (truncated?)`
  }
  return `malformed XML at line ${line}: ${msg.split('\n')[0]}`
}

/** Why text that parsed to no feed is not one: what its root is, else a located XML error. */
const explain = (text: string, what: string): string => {
  const root = /<(?!\?|!)([a-zA-Z][\w:.-]*)/.exec(text.replace(/<!--[\s\S]*?-->/g, ''))?.[1]
  const known = root && /^(rss|feed|rdf:rdf|opml)$/i.test(root)
  if (root && !known) return `not ${what} (root element <${root}>)`
  return xmlProblem(text) ?? (root ? `not ${what} (root element <${root}>)` : `not ${what} (no XML elements)`)
}

interface RawItem {
  link?: string
  title?: string
  date?: string
  summary?: string
  id?: string
}

const rssItem = (item: Obj): RawItem => {
  const links = list(item.link)
  // RSS <link> is text; an atom:link inside RSS (namespace prefix removed) is an element with href.
  const link = links.map(textOf).find(Boolean) ?? atomLink(item.link)
  return {
    link:
      link ?? (isObj(item.guid) && item.guid['@_isPermaLink'] !== 'false' ? textOf(item.guid) : undefined),
    title: textOf(item.title),
    date: textOf(item.pubDate) ?? textOf(item.date) ?? textOf(item.issued),
    summary: textOf(item.description) ?? textOf(item.encoded),
    id: textOf(item.guid),
  }
}

const atomEntry = (entry: Obj): RawItem => ({
  link: atomLink(entry.link),
  title: textOf(entry.title),
  date: textOf(entry.published) ?? textOf(entry.updated) ?? textOf(entry.issued),
  summary: textOf(entry.summary) ?? textOf(entry.content),
  id: textOf(entry.id),
})

const jsonItem = (item: Node): RawItem => {
  if (!isObj(item)) return {}
  const str = (v: Node): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined)
  return {
    link: str(item.url) ?? str(item.external_url),
    title: str(item.title),
    date: str(item.date_published) ?? str(item.date_modified),
    summary: str(item.summary) ?? str(item.content_text) ?? str(item.content_html),
    id: typeof item.id === 'number' ? String(item.id) : str(item.id),
  }
}

const toItems = (
  raw: RawItem[],
  source: string,
  base: string | undefined,
): Pick<FeedResult, 'items' | 'errors'> => {
  const items: FeedItem[] = []
  const errors: InputError[] = []
  const seen = new Set<string>()
  raw.forEach((r, i) => {
    const url = absolute(r.link, base)
    if (!url) {
      errors.push({
        source: `${source}#item${i + 1}`,
        reason: r.link ? `item link is not an http(s) URL` : 'item has no link',
      })
      return
    }
    const title = plain(r.title)
    const published = isoDay(r.date)
    const guid = r.id ?? url ?? hashGuid([title, published])
    // A feed listing the same item twice would otherwise fetch and analyse it twice.
    if (seen.has(guid)) return
    seen.add(guid)
    const item: FeedItem = { url, guid }
    if (title) item.title = title
    if (published) item.published = published
    const summary = plain(r.summary)
    if (summary) item.summary = summary
    items.push(item)
  })
  return { items, errors }
}

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed document into its items. Refuses entity
 * declarations (billion laughs, external entities), inputs over `maxBytes` and nesting deeper
 * than 64 elements. Never throws: an unusable feed is one error naming `source`; an item without
 * a usable link is one error naming `source#itemN`; the other items are kept.
 *
 * @example
 * const { items, errors } = readFeed(readFileSync('world.rss'), 'world.rss')
 */
export const readFeed = (
  input: Uint8Array | string,
  source: string,
  options: FeedOptions = {},
): FeedResult => {
  const fail = (reason: string): FeedResult => ({ items: [], errors: [{ source, reason: oneLine(reason) }] })
  const decoded = decodeInput(input, options.maxBytes ?? MAX_FEED_BYTES, options.charset)
  if ('reason' in decoded) return fail(decoded.reason)
  const text = decoded.text
  if (text.trim() === '') return fail('empty feed')
  const kind = sniffFeed(text)
  if (kind === 'json') {
    let feed: Node
    try {
      feed = JSON.parse(text) as Node
    } catch (error) {
      return fail(`malformed JSON Feed (${(error as Error).message.replace(/\s+/g, ' ').slice(0, 160)})`)
    }
    if (!isObj(feed) || !Array.isArray(feed.items)) return fail('not a JSON Feed (no "items" array)')
    const base = absolute(textOf(feed.home_page_url), options.url) ?? options.url
    return { kind, title: textOf(feed.title), ...toItems(feed.items.map(jsonItem), source, base) }
  }
  if (kind === 'opml') return fail('is an OPML subscription list, not a feed')
  const parsed = parseXml(text)
  if ('reason' in parsed) return fail(parsed.reason)
  const result = feedFromXml(parsed.doc, source, options.url)
  if (!result) return fail(explain(text, 'an RSS, Atom or JSON feed'))
  // The lenient parser reads a truncated or broken feed as far as it goes; the items it found are
  // kept, and the damage is still reported against the feed.
  const problem = xmlProblem(text)
  if (problem) result.errors.unshift({ source, reason: oneLine(problem) })
  return result
}

const feedFromXml = (doc: Obj, source: string, base: string | undefined): FeedResult | undefined => {
  if (isObj(doc.rss)) {
    const channel = list(doc.rss.channel).find(isObj)
    if (!channel) return { kind: 'rss', items: [], errors: [{ source, reason: 'RSS without a <channel>' }] }
    const raw = list(channel.item).filter(isObj).map(rssItem)
    return { kind: 'rss', title: plain(textOf(channel.title)), ...toItems(raw, source, base) }
  }
  if (isObj(doc.feed)) {
    const raw = list(doc.feed.entry).filter(isObj).map(atomEntry)
    return { kind: 'atom', title: plain(textOf(doc.feed.title)), ...toItems(raw, source, base) }
  }
  if (isObj(doc.RDF)) {
    const raw = list(doc.RDF.item).filter(isObj).map(rssItem)
    const channel = list(doc.RDF.channel).find(isObj)
    return { kind: 'rdf', title: plain(textOf(channel?.title)), ...toItems(raw, source, base) }
  }
  return undefined
}

/**
 * Reads an OPML subscription list into its feed URLs (every `outline` with an `xmlUrl`, at any
 * depth of folders), deduplicated in order. Never throws: an unusable list is one error naming
 * `source`; an outline whose `xmlUrl` is not an http(s) URL is one error.
 *
 * @example
 * const { urls } = readOpml(readFileSync('feeds.opml'), 'feeds.opml')
 */
export const readOpml = (
  input: Uint8Array | string,
  source: string,
  options: FeedOptions = {},
): OpmlResult => {
  const fail = (reason: string): OpmlResult => ({ urls: [], errors: [{ source, reason: oneLine(reason) }] })
  const decoded = decodeInput(input, options.maxBytes ?? MAX_FEED_BYTES, options.charset)
  if ('reason' in decoded) return fail(decoded.reason)
  if (decoded.text.trim() === '') return fail('empty subscription list')
  const parsed = parseXml(decoded.text)
  if ('reason' in parsed) return fail(parsed.reason)
  const opml = parsed.doc.opml
  if (!isObj(opml)) return fail(explain(decoded.text, 'an OPML subscription list'))
  const urls: string[] = []
  const errors: InputError[] = []
  // Iterative walk: folders of folders must not cost stack depth.
  const stack: Node[] = list(isObj(opml.body) ? opml.body.outline : undefined).reverse()
  while (stack.length > 0) {
    const outline = stack.pop()
    if (!isObj(outline)) continue
    const raw = textOf(outline['@_xmlUrl']) ?? textOf(outline['@_xmlurl'])
    if (raw) {
      const url = absolute(raw, options.url)
      if (!url)
        errors.push({ source, reason: oneLine(`outline "${raw.slice(0, 80)}" is not an http(s) URL`) })
      else if (!urls.includes(url)) urls.push(url)
    }
    stack.push(...list(outline.outline).reverse())
  }
  if (urls.length === 0 && errors.length === 0)
    errors.push({ source, reason: 'subscription list holds no feeds' })
  return { urls, errors }
}
