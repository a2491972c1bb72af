import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { compareDocuments } from '../../analyze.ts'
import { type FeedItem, readFeed, readOpml, sniffFeed } from '../../ingest/feed.ts'
import { type CacheEntry, createSession, type FetchOptions } from '../../ingest/fetch.ts'
import type { Article, InputError } from '../../ingest/types.ts'
import { fetchFeed, isUrl, readArticleUrl } from '../../ingest/url.ts'
import { contentId } from '../../model/doc.ts'
import type { Doc } from '../../model/types.ts'
import { analyseDocument } from '../../pipeline/default.ts'
import { ingestArticles } from '../../store/ingest.ts'
import { StoreError } from '../../store/schema.ts'
import { DEFAULT_DB, openStore, type Store } from '../../store/sqlite.ts'
import { EXIT, UsageError } from '../errors.ts'

/**
 * How long an item that no feed lists any more is remembered. Feeds list their latest items only, so
 * an item gone from every feed for this long will not come back; if it does, it is fetched once more
 * and the store (or output directory), idempotent by content, keeps it once.
 */
export const SEEN_RETENTION_DAYS = 90

/** Help text of `parallax watch`. */
export const WATCH_HELP = `Usage: parallax watch FEEDS.opml|FEED_URL… [--every 15m] [--db FILE | --out DIR] [--allow-private] [--once]

Polls RSS, Atom and JSON feeds (given as URLs, feed files or OPML subscription lists), fetches each
new item's page and analyses it. New articles go into the store (default ${DEFAULT_DB}), or with
--out into DIR as one JSON document each plus report.json. What was seen is remembered next to
the output, so an interrupted watch resumes without duplicates or gaps; an item no feed has listed
for ${SEEN_RETENTION_DAYS} days is forgotten, so that memory stays the size of what the feeds list.

Options:
      --every DURATION     time between polls, e.g. 90s, 15m, 1h (default 15m; at least 1m)
      --db FILE            the store to add articles to (default ${DEFAULT_DB})
      --out DIR            write JSON documents, report.json and watch-state.json to DIR instead
      --once               poll once and exit (exit 1 if any feed or item failed)
      --allow-private      permit loopback, private and link-local addresses (local test servers)
      --politeness DURATION  least time between two requests to one host (default 1s)
  -h, --help               show this help`

/** Polls needed before an item that keeps failing is given up (reported, then never retried). */
const MAX_ATTEMPTS = 3
/** New items fetched from one feed per poll; the rest wait for the next poll (the feed is re-read in full). */
const MAX_ITEMS_PER_POLL = 100
/** Local feed and OPML files larger than this are refused by size, before reading. */
const MAX_LIST_BYTES = 16 * 1024 * 1024
const STATE_KEY = 'watch-state'

/** What `watch` remembers between polls and runs. Plain JSON. */
export interface WatchState {
  version: 1
  /** Item keys (feed GUID, else URL) already stored, given up or duplicate, with when. */
  seen: Record<string, string>
  /** Content id → item key: one article under a second GUID or URL is stored once. */
  hashes: Record<string, string>
  /** Failed attempts per item key still being retried. */
  attempts: Record<string, number>
  /** Conditional-request validators per feed URL, saved only once all that feed's new items are stored. */
  validators: Record<string, CacheEntry>
}

const emptyState = (): WatchState => ({ version: 1, seen: {}, hashes: {}, attempts: {}, validators: {} })

/** Where new articles and the state go: the store, or a directory of JSON files. */
interface Sink {
  readonly where: string
  loadState(): WatchState
  saveState(state: WatchState): void
  /**
   * Analyses and keeps articles. Idempotent by content id: an article already kept (a run cut short
   * after keeping it) is skipped, not duplicated. Returns the failures and the sources skipped.
   */
  keep(articles: Article[]): { errors: InputError[]; skipped: string[] }
  close(): void
}

/** Parses `90s`, `15m`, `1h`, `0s` to milliseconds; undefined when malformed. */
export const parseDuration = (text: string): number | undefined => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim())
  if (!m) return undefined
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
  return Math.round(Number(m[1]) * unit)
}

/** Writes JSON so a crash leaves either the old file or the new one, never half of one. */
export const writeJsonAtomic = (path: string, value: unknown): void => {
  const tmp = `${path}.${process.pid}.tmp`
  const fd = openSync(tmp, 'w')
  try {
    writeSync(fd, JSON.stringify(value))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
}

const isState = (value: unknown): value is WatchState => {
  const v = value as WatchState
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    [v.seen, v.hashes, v.attempts, v.validators].every((x) => typeof x === 'object' && x !== null)
  )
}

class StateError extends Error {
  override name = 'StateError'
}

const storeSink = (store: Store): Sink => ({
  where: store.path,
  loadState: () => {
    const saved = store.getState<unknown>(STATE_KEY)
    if (saved === undefined) return emptyState()
    if (!isState(saved))
      throw new StateError(`${store.path}: the saved watch state is not one this version can read`)
    return saved
  },
  saveState: (state) => store.setState(STATE_KEY, state),
  keep: (articles) => {
    if (articles.length === 0) return { errors: [], skipped: [] }
    const result = ingestArticles(store, articles)
    return { errors: result.errors, skipped: result.skipped }
  },
  close: () => store.close(),
})

const dirSink = (dir: string): Sink => {
  const docsDir = join(dir, 'docs')
  const statePath = join(dir, 'watch-state.json')
  mkdirSync(docsDir, { recursive: true })
  const readDocs = (): Doc[] =>
    readdirSync(docsDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(docsDir, f), 'utf8')) as Doc)
  return {
    where: dir,
    loadState: () => {
      let text: string
      try {
        text = readFileSync(statePath, 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState()
        throw new StateError(`${statePath}: ${(error as Error).message}`)
      }
      let saved: unknown
      try {
        saved = JSON.parse(text)
      } catch {
        // Never overwrite a state file we cannot read: it may be the only record of what was seen.
        throw new StateError(`${statePath}: not valid JSON; fix or remove it to start afresh`)
      }
      if (!isState(saved)) throw new StateError(`${statePath}: not a watch state this version can read`)
      return saved
    },
    saveState: (state) => writeJsonAtomic(statePath, state),
    keep: (articles) => {
      const errors: InputError[] = []
      const skipped: string[] = []
      let added = 0
      for (const article of articles) {
        if (existsSync(join(docsDir, `${article.id ?? contentId(article.text)}.json`))) {
          skipped.push(article.meta.source)
          continue
        }
        let doc: Doc
        try {
          doc = analyseDocument(article)
        } catch (error) {
          errors.push({
            source: article.meta.source,
            reason: `analysis failed (${(error as Error).message.split('\n')[0]})`,
          })
          continue
        }
        writeJsonAtomic(join(docsDir, `${doc.id}.json`), doc)
        added++
      }
      if (added > 0) writeJsonAtomic(join(dir, 'report.json'), compareDocuments(readDocs()))
      return { errors, skipped }
    },
    close: () => {},
  }
}

/**
 * Forgets items seen more than `retentionDays` before `now` that no feed listed in this poll, with
 * their content hashes, so the state of a long-running watch stays the size of what its feeds list.
 * Returns how many items were forgotten.
 */
export const pruneState = (
  state: WatchState,
  listed: ReadonlySet<string>,
  now: Date,
  retentionDays = SEEN_RETENTION_DAYS,
): number => {
  const cutoff = now.getTime() - retentionDays * 86_400_000
  const forgotten = new Set<string>()
  for (const [key, when] of Object.entries(state.seen)) {
    const at = Date.parse(when)
    if (!listed.has(key) && (Number.isNaN(at) || at < cutoff)) forgotten.add(key)
  }
  for (const key of forgotten) delete state.seen[key]
  for (const [hash, key] of Object.entries(state.hashes)) if (forgotten.has(key)) delete state.hashes[hash]
  return forgotten.size
}

interface PollContext {
  sink: Sink
  state: WatchState
  /** Item keys (GUID and URL) the feeds list in the current poll: never forgotten. */
  listed: Set<string>
  fetchOptions: FetchOptions
  stopping: () => boolean
  log: (line: string) => void
}

interface PollResult {
  added: number
  errors: InputError[]
}

/**
 * Fetches and keeps the new items of one feed. The feed's validators are saved only when every new
 * item was kept (or given up), so a later `304 Not Modified` can never hide an item not yet stored.
 */
const processItems = async (
  feed: string,
  items: FeedItem[],
  context: PollContext,
  validatorKeys: string[],
): Promise<PollResult> => {
  const { state, sink } = context
  for (const item of items) {
    context.listed.add(item.guid)
    context.listed.add(item.url)
  }
  const fresh = items.filter((item) => !state.seen[item.guid] && !state.seen[item.url])
  const batch = fresh.slice(0, MAX_ITEMS_PER_POLL)
  const errors: InputError[] = []
  const kept: { article: Article; item: FeedItem; hash: string }[] = []
  let complete = fresh.length === batch.length
  const now = new Date().toISOString()
  const fail = (item: FeedItem, problems: InputError[]): void => {
    // A fetch cut short because we are stopping says nothing about the item: no attempt is counted.
    if (context.stopping()) {
      complete = false
      return
    }
    const attempts = (state.attempts[item.guid] ?? 0) + 1
    if (attempts >= MAX_ATTEMPTS) {
      delete state.attempts[item.guid]
      state.seen[item.guid] = now
      errors.push(
        ...problems.map((p) => ({ ...p, reason: `${p.reason}; given up after ${attempts} attempts` })),
      )
    } else {
      state.attempts[item.guid] = attempts
      errors.push(...problems.map((p) => ({ ...p, reason: `${p.reason}; will retry` })))
      complete = false
    }
  }
  for (const item of batch) {
    if (context.stopping()) {
      complete = false
      break
    }
    const result = await readArticleUrl(item.url, context.fetchOptions, item)
    const article = result.articles[0]
    if (!article) {
      fail(item, result.errors)
      continue
    }
    const hash = contentId(article.text)
    if (state.hashes[hash] || kept.some((k) => k.hash === hash)) {
      state.seen[item.guid] = now
      continue
    }
    kept.push({ article, item, hash })
  }
  const outcome = sink.keep(kept.map((k) => k.article))
  const failed = new Map(outcome.errors.map((e) => [e.source, e]))
  const skipped = new Set(outcome.skipped)
  let added = 0
  for (const { article, item, hash } of kept) {
    const error = failed.get(article.meta.source)
    if (error) {
      fail(item, [error])
      continue
    }
    state.seen[item.guid] = now
    state.hashes[hash] = item.guid
    delete state.attempts[item.guid]
    if (!skipped.has(article.meta.source)) added++
  }
  if (complete) {
    for (const key of validatorKeys) {
      const entry = context.fetchOptions.session?.validators[key]
      if (entry) state.validators[key] = entry
    }
  }
  sink.saveState(state)
  context.log(
    `${feed}: ${added} new, ${items.length - fresh.length} already seen${complete ? '' : ', more next poll'}`,
  )
  return { added, errors }
}

/** Reads a local OPML or feed file, refused by size before reading. */
const readLocal = (path: string): { urls: string[]; items: FeedItem[]; errors: InputError[] } => {
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) return { urls: [], items: [], errors: [{ source: path, reason: 'not a file' }] }
    size = stat.size
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {
      urls: [],
      items: [],
      errors: [{ source: path, reason: code === 'ENOENT' ? 'no such file' : String(code) }],
    }
  }
  if (size > MAX_LIST_BYTES) {
    return {
      urls: [],
      items: [],
      errors: [{ source: path, reason: `file too large (${size} bytes; the limit is ${MAX_LIST_BYTES})` }],
    }
  }
  const bytes = readFileSync(path)
  if (sniffFeed(bytes.subarray(0, 4096).toString('latin1')) === 'opml') {
    const list = readOpml(bytes, path)
    return { urls: list.urls, items: [], errors: list.errors }
  }
  const feed = readFeed(bytes, path)
  return { urls: [], items: feed.items, errors: feed.errors }
}

/** One poll over every source: feed URLs (an OPML URL expands to its feeds), OPML files, feed files. */
const poll = async (sources: string[], context: PollContext): Promise<PollResult> => {
  const errors: InputError[] = []
  let added = 0
  const queue: string[] = []
  for (const source of sources) {
    if (isUrl(source)) queue.push(source)
    else {
      const local = readLocal(source)
      errors.push(...local.errors)
      queue.push(...local.urls)
      if (local.items.length > 0) {
        const result = await processItems(source, local.items, context, [])
        added += result.added
        errors.push(...result.errors)
      }
    }
  }
  const visited = new Set<string>()
  while (queue.length > 0 && !context.stopping()) {
    const url = queue.shift()!
    if (visited.has(url)) continue
    visited.add(url)
    const feed = await fetchFeed(url, context.fetchOptions)
    if (context.stopping()) break
    errors.push(...feed.errors)
    if (feed.feeds) queue.push(...feed.feeds)
    if (feed.notModified) {
      context.log(`${url}: not modified`)
      continue
    }
    if (feed.items.length === 0) continue
    const result = await processItems(url, feed.items, context, [
      url,
      ...(feed.finalUrl ? [feed.finalUrl] : []),
    ])
    added += result.added
    errors.push(...result.errors)
  }
  // Only after a whole poll: a poll cut short has not seen every feed's list.
  if (!context.stopping() && pruneState(context.state, context.listed, new Date()) > 0)
    context.sink.saveState(context.state)
  context.listed.clear()
  return { added, errors }
}

const openSink = (values: { db?: string; out?: string }): Sink => {
  if (values.out) return dirSink(values.out)
  return storeSink(openStore(values.db ?? DEFAULT_DB))
}

/**
 * `parallax watch`: polls feeds every `--every` and keeps each new item's article. With `--once`,
 * exit 0 when everything was read, 1 when some feed or item failed (the rest are still kept);
 * 2 for a usage mistake. Without `--once` it runs until SIGINT or SIGTERM, finishing the item in
 * hand (fetches in flight are aborted and retried next run) and saving its state first.
 */
export const run = async (args: string[]): Promise<number> => {
  let parsed: ReturnType<typeof parseArguments>
  try {
    parsed = parseArguments(args)
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError((error as Error).message)
    throw error
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(`${WATCH_HELP}\n`)
    return EXIT.ok
  }
  if (positionals.length === 0)
    throw new UsageError('Expected at least one feed URL, feed file or OPML list to watch')
  if (values.db && values.out) throw new UsageError('Expected either --db or --out, not both')
  const every = parseDuration(values.every)
  if (every === undefined)
    throw new UsageError(`Expected --every as a duration like 15m or 1h, not "${values.every}"`)
  if (every < 60_000 && !values.once)
    throw new UsageError(`Expected --every of at least 1m, not "${values.every}": feeds are polled politely`)
  const politeness = parseDuration(values.politeness)
  if (politeness === undefined)
    throw new UsageError(`Expected --politeness as a duration like 1s, not "${values.politeness}"`)

  let sink: Sink
  let state: WatchState
  try {
    sink = openSink(values)
  } catch (error) {
    if (!(error instanceof StoreError)) throw error
    process.stderr.write(`parallax: ${error.message}\n`)
    return EXIT.badInput
  }
  try {
    try {
      state = sink.loadState()
    } catch (error) {
      if (!(error instanceof StateError)) throw error
      process.stderr.write(`parallax: ${error.message}\n`)
      return EXIT.badInput
    }
    let stop = false
    let wake: () => void = () => {}
    const abort = new AbortController()
    const onSignal = (): void => {
      stop = true
      abort.abort()
      wake()
    }
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
    try {
      const context: PollContext = {
        sink,
        state,
        listed: new Set(),
        stopping: () => stop,
        fetchOptions: {
          allowPrivate: values['allow-private'],
          politenessMs: politeness,
          session: createSession({ ...state.validators }),
          signal: abort.signal,
        },
        log: (line) => process.stderr.write(`parallax watch: ${line}\n`),
      }
      for (;;) {
        const result = await poll(positionals, context)
        for (const e of result.errors) process.stderr.write(`parallax: ${e.source}: ${e.reason}\n`)
        process.stderr.write(
          `parallax watch: ${result.added} new ${result.added === 1 ? 'article' : 'articles'} (${sink.where})\n`,
        )
        if (values.once || stop) return result.errors.length > 0 ? EXIT.badInput : EXIT.ok
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, every)
          wake = () => {
            clearTimeout(timer)
            resolve()
          }
        })
        if (stop) return EXIT.ok
        // A fresh session each poll: robots.txt is re-read, validators carry over.
        context.fetchOptions.session = createSession({ ...state.validators })
      }
    } finally {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    }
  } finally {
    sink.close()
  }
}

const parseArguments = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      every: { type: 'string', default: '15m' },
      db: { type: 'string' },
      out: { type: 'string' },
      once: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
      politeness: { type: 'string', default: '1s' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
