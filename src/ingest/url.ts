import { DecodeError, decodeBuffer } from './decode.ts'
import { discoverFeeds, type FeedItem, type FeedResult, readFeed, readOpml, sniffFeed } from './feed.ts'
import { FetchError, type FetchOptions, fetchUrl } from './fetch.ts'
import { oneLine, readHtml } from './html.ts'
import { readTextArticle } from './text.ts'
import type { Article, InputError, ReadResult } from './types.ts'

/** True for an http(s) URL argument (what `analyze` and `watch` fetch instead of reading a file). */
export const isUrl = (input: string): boolean => /^https?:\/\//i.test(input.trim())

/** Options of the URL readers: {@link FetchOptions} plus how many items a feed may give. */
export interface UrlOptions extends FetchOptions {
  /** Most items fetched from one feed, newest first as the feed lists them. Default 50. */
  maxItems?: number
}

/** A fetch failure as an input error: the URL as source, the message without repeating it. */
const fetchFailure = (source: string, error: unknown): InputError => {
  if (!(error instanceof FetchError)) throw error
  const reason = error.message.startsWith(`${source}: `)
    ? error.message.slice(source.length + 2)
    : error.message
  return { source, reason: oneLine(reason) }
}

/** Feed data fills what the page itself did not say (many pages lack a machine-readable date). */
const withItem = (article: Article, item: FeedItem | undefined): Article => {
  if (!item) return article
  const meta = { ...article.meta }
  if (!meta.published && item.published) meta.published = item.published
  if (!meta.title && item.title) meta.title = item.title
  return { ...article, meta }
}

/** A plain-text article served over HTTP: read like a seed-style `.txt`, with the URL as its address. */
const readPlainText = (body: Buffer, source: string, page: { url: string; charset?: string }): ReadResult => {
  let text: string
  try {
    text = decodeBuffer(body, { declared: page.charset, sniffMeta: false }).text
  } catch (error) {
    if (error instanceof DecodeError) return { articles: [], errors: [{ source, reason: error.message }] }
    throw error
  }
  if (text.trim() === '') return { articles: [], errors: [{ source, reason: 'empty page' }] }
  const result = readTextArticle(text, source)
  return {
    articles: result.articles.map((a) => ({ ...a, meta: { ...a.meta, url: a.meta.url ?? page.url } })),
    errors: result.errors,
  }
}

/**
 * Fetches one article page and reads it with {@link readHtml} (a `text/plain` page as a seed-style
 * text article); the source is the URL asked for.
 * Never throws for bad input or network trouble: that is one error naming the URL.
 */
export const readArticleUrl = async (
  url: string,
  options: UrlOptions = {},
  item?: FeedItem,
): Promise<ReadResult> => {
  let page: Awaited<ReturnType<typeof fetchUrl>>
  try {
    page = await fetchUrl(url, { ...options, conditional: false })
  } catch (error) {
    return { articles: [], errors: [fetchFailure(url, error)] }
  }
  const type = page.contentType?.toLowerCase() ?? ''
  if (type && !/html|xml|text\/plain/.test(type)) {
    return {
      articles: [],
      errors: [{ source: url, reason: `not an article page (Content-Type ${type.split(';')[0]})` }],
    }
  }
  const result = type.startsWith('text/plain')
    ? readPlainText(page.body, url, page)
    : readHtml(page.body, url, { url: page.url, charset: page.charset })
  return { articles: result.articles.map((a) => withItem(a, item)), errors: result.errors }
}

/** A fetched feed: its items, or `notModified` when the server said nothing changed since the last fetch. */
export interface FetchedFeed extends FeedResult {
  notModified: boolean
  /** The feed's URL after redirects (its conditional-request validators are kept under it). */
  finalUrl?: string
  /** Feed URLs when the URL was an OPML subscription list instead of a feed. */
  feeds?: string[]
}

/**
 * Fetches a feed (RSS, Atom, JSON Feed) conditionally and reads its items; an OPML list gives its
 * feed URLs in `feeds` instead, and so does an HTML page that advertises feeds (autodiscovery).
 * Never throws for bad input or network trouble.
 */
export const fetchFeed = async (url: string, options: UrlOptions = {}): Promise<FetchedFeed> => {
  let response: Awaited<ReturnType<typeof fetchUrl>>
  try {
    response = await fetchUrl(url, {
      ...options,
      accept:
        'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
    })
  } catch (error) {
    return { notModified: false, items: [], errors: [fetchFailure(url, error)] }
  }
  if (response.notModified) return { notModified: true, finalUrl: response.url, items: [], errors: [] }
  const kind = sniffFeed(response.body.subarray(0, 4096).toString('latin1'))
  if (kind === 'opml') {
    const list = readOpml(response.body, url, { url: response.url, charset: response.charset })
    return { notModified: false, finalUrl: response.url, items: [], errors: list.errors, feeds: list.urls }
  }
  if (!kind && /<html|<!doctype html/i.test(response.body.subarray(0, 4096).toString('latin1'))) {
    // A site's page rather than its feed: follow the feeds the page advertises, as feed readers do.
    const feeds = discoverFeeds(response.body.toString('latin1'), response.url)
    if (feeds.length > 0) return { notModified: false, finalUrl: response.url, items: [], errors: [], feeds }
    return {
      notModified: false,
      items: [],
      errors: [{ source: url, reason: 'an HTML page that links to no RSS, Atom or JSON feed' }],
    }
  }
  return {
    notModified: false,
    finalUrl: response.url,
    ...readFeed(response.body, url, { url: response.url, charset: response.charset }),
  }
}

/**
 * Reads a feed or an OPML list already in hand (a local file, or bytes fetched from `base.url`):
 * each item's page is fetched and read, at most `maxItems` per feed, with the feed's date and title
 * filling gaps in each page's metadata; an OPML list's feeds are fetched first. Never throws for
 * bad input or network trouble: each unusable feed, item or page is one error naming it.
 *
 * @example
 * const { articles, errors } = await readFeedFile(readFileSync('world.rss'), 'world.rss', {})
 */
export const readFeedFile = async (
  bytes: Uint8Array,
  source: string,
  options: UrlOptions = {},
  base: { url?: string; charset?: string } = {},
): Promise<ReadResult> => {
  const feeds: FeedResult[] = []
  const errors: InputError[] = []
  if (sniffFeed(Buffer.from(bytes.subarray(0, 4096)).toString('latin1')) === 'opml') {
    const list = readOpml(bytes, source, base)
    errors.push(...list.errors)
    for (const feedUrl of list.urls) {
      const feed = await fetchFeed(feedUrl, { ...options, conditional: false })
      feeds.push(feed)
      // A list entry that is a site's page: its advertised feeds, one level deep (no list of lists).
      for (const found of feed.feeds ?? []) {
        const advertised = await fetchFeed(found, { ...options, conditional: false })
        feeds.push(advertised)
      }
    }
  } else {
    feeds.push(readFeed(bytes, source, base))
  }
  const articles: Article[] = []
  for (const feed of feeds) {
    errors.push(...feed.errors)
    for (const item of feed.items.slice(0, options.maxItems ?? 50)) {
      const result = await readArticleUrl(item.url, options, item)
      articles.push(...result.articles)
      errors.push(...result.errors)
    }
  }
  return { articles, errors }
}

/**
 * Reads whatever a URL holds: an article page gives one article; a feed or an OPML list is read
 * with {@link readFeedFile}. Never throws for bad input or network trouble: each unusable URL is
 * one error naming it, and the rest are read.
 *
 * @example
 * const { articles, errors } = await readUrl('https://news.example/feed.rss', { timeoutMs: 15_000 })
 */
export const readUrl = async (url: string, options: UrlOptions = {}): Promise<ReadResult> => {
  let response: Awaited<ReturnType<typeof fetchUrl>>
  try {
    response = await fetchUrl(url, { ...options, conditional: false })
  } catch (error) {
    return { articles: [], errors: [fetchFailure(url, error)] }
  }
  const base = { url: response.url, charset: response.charset }
  if (sniffFeed(response.body.subarray(0, 4096).toString('latin1'))) {
    return readFeedFile(response.body, url, options, base)
  }
  return readHtml(response.body, url, base)
}

const PAGE_EXTENSIONS = ['.html', '.htm', '.xhtml']
const FEED_EXTENSIONS = ['.rss', '.atom', '.xml', '.opml', '.rdf']

/** True for a file this module reads: a saved page (`.html`, `.htm`, `.xhtml`) or a feed or list (`.rss`, `.atom`, `.xml`, `.opml`, `.rdf`). */
export const isWebFile = (path: string): boolean => {
  const ext = /\.[^./\\]+$/.exec(path.toLowerCase())?.[0] ?? ''
  return PAGE_EXTENSIONS.includes(ext) || FEED_EXTENSIONS.includes(ext)
}

/**
 * Reads a local page, feed or OPML file already in memory: a saved page with {@link readHtml}, a
 * feed or list with {@link readFeedFile} (which fetches the items' pages), chosen by the content
 * itself when it is a feed, else by the extension. A `.json` file that is a JSON Feed is read as a
 * feed too. Never throws for bad input.
 *
 * @example
 * const result = await readWebFile(readFileSync('saved.html'), 'saved.html', { allowPrivate: false })
 */
export const readWebFile = async (
  bytes: Uint8Array,
  path: string,
  options: UrlOptions = {},
): Promise<ReadResult> => {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1')
  if (sniffFeed(head)) return readFeedFile(bytes, path, options)
  const ext = /\.[^./\\]+$/.exec(path.toLowerCase())?.[0] ?? ''
  if (FEED_EXTENSIONS.includes(ext)) {
    const feed = readFeed(bytes, path)
    return { articles: [], errors: feed.errors }
  }
  return readHtml(bytes, path)
}
