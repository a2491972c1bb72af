import { lookup as dnsLookup } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import zlib from 'node:zlib'
import ipaddr from 'ipaddr.js'
import robotsParserModule from 'robots-parser'
import { PACKAGE_VERSION } from '../version.ts'
import { charsetFromContentType } from './decode.ts'

/** The project page named in the User-Agent, so site owners can find who is fetching. */
export const PROJECT_URL = 'https://github.com/parallax-news/parallax'
/** Sent with every request: the tool, its version and where to read about it. */
export const USER_AGENT = `Parallax/${PACKAGE_VERSION} (+${PROJECT_URL})`

/** Why a fetch failed, as a short code callers can branch on; the message is one line for the user. */
export type FetchErrorCode =
  | 'bad-url'
  | 'blocked-address'
  | 'dns'
  | 'robots'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'network'
  | 'aborted'

/** A fetch that could not complete. `message` is one line naming the URL and the problem. */
export class FetchError extends Error {
  override name = 'FetchError'
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}

/** Validators a server gave for a URL, sent back as `If-None-Match` / `If-Modified-Since`. */
export interface CacheEntry {
  etag?: string
  lastModified?: string
}

/**
 * State shared across fetches: robots.txt per origin, the last request time per host, and the
 * conditional-request validators per URL. `validators` is plain JSON so `watch` can persist it.
 */
export interface FetchSession {
  robots: Map<string, Promise<RobotsRules>>
  lastRequest: Map<string, number>
  validators: Record<string, CacheEntry>
}

interface RobotsRules {
  isAllowed(url: string, ua?: string): boolean | undefined
  getCrawlDelay(ua?: string): number | undefined
  /** Why robots.txt could not be read, when that is why everything is disallowed. */
  unreachable?: string
}

/** A fresh session; pass saved `validators` to make conditional requests across runs. */
export const createSession = (validators: Record<string, CacheEntry> = {}): FetchSession => ({
  robots: new Map(),
  lastRequest: new Map(),
  validators,
})

/** Options of {@link fetchUrl}: the guard, the politeness and the limits. */
export interface FetchOptions {
  /** Permit loopback, private, link-local and other non-unicast addresses (tests, intranets). */
  allowPrivate?: boolean
  /** Whole-request deadline (connect, headers and body), per hop. Default 20 s. */
  timeoutMs?: number
  /** Largest body accepted, after decompression. Default 16 MB. */
  maxBytes?: number
  /** Default 5. */
  maxRedirects?: number
  /** Obey robots.txt. Default true. */
  robots?: boolean
  /** Least time between two requests to one host. Default 1000 ms; robots.txt Crawl-delay can raise it (to 30 s at most). */
  politenessMs?: number
  /** Send `If-None-Match` / `If-Modified-Since` from the session's validators. Default true. */
  conditional?: boolean
  /** `Accept` header. */
  accept?: string
  session?: FetchSession
  /** Aborts the fetch in flight (watch stopping on SIGINT / SIGTERM). */
  signal?: AbortSignal
  /** Addresses permitted beyond public unicast (an operator's allow-list; tests permit only 127.0.0.1). */
  allowAddress?: (address: string) => boolean
  /** Replaces the DNS resolver (tests make a public-looking name resolve to a chosen address). */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>
}

/** A completed fetch. On `304 Not Modified`, `notModified` is true and `body` is empty. */
export interface FetchResult {
  /** The URL after redirects. */
  url: string
  status: number
  notModified: boolean
  contentType?: string
  /** The charset the server declared, for {@link decodeBuffer}. */
  charset?: string
  body: Buffer
  headers: Record<string, string | string[] | undefined>
}

// robots-parser is CommonJS whose typings declare an ES default export; at run time the default
// import is the function itself. Accept either shape.
const robotsParser = ((robotsParserModule as unknown as { default?: unknown }).default ??
  robotsParserModule) as (url: string, contents: string) => RobotsRules

const defaultSession = createSession()

const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{1,1024}$/

const systemResolve = (host: string): Promise<{ address: string; family: number }[]> =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  )

/** The ipaddr.js range of an address ('unicast' for public addresses), IPv4-mapped IPv6 unwrapped. */
export const addressRange = (address: string): string => {
  try {
    return ipaddr.process(address).range()
  } catch {
    return 'invalid'
  }
}

/**
 * Resolves a host and checks every address it resolves to: all must be public unicast unless
 * `allowPrivate`. Checking all (not just the first) stops a name that mixes a public and a private
 * address from slipping through when the connection picks the other one.
 */
export const resolveChecked = async (
  host: string,
  {
    allowPrivate = false,
    allowAddress,
    resolve = systemResolve,
  }: Pick<FetchOptions, 'allowPrivate' | 'allowAddress' | 'resolve'> = {},
): Promise<{ address: string; family: number }> => {
  const bare = host.replace(/^\[|\]$/g, '')
  let addresses: { address: string; family: number }[]
  if (ipaddr.isValid(bare)) addresses = [{ address: bare, family: bare.includes(':') ? 6 : 4 }]
  else {
    try {
      addresses = await resolve(bare)
    } catch (error) {
      throw new FetchError(
        'dns',
        `cannot resolve ${bare} (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})`,
      )
    }
  }
  if (addresses.length === 0) throw new FetchError('dns', `cannot resolve ${bare} (no addresses)`)
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const range = addressRange(address)
      if (range !== 'unicast' && !allowAddress?.(address)) {
        throw new FetchError(
          'blocked-address',
          `refused ${bare}: it resolves to ${address} (${range}), not a public address; pass --allow-private to permit it`,
        )
      }
    }
  }
  return addresses[0]
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

const parseUrl = (raw: string): URL => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new FetchError('bad-url', `not a URL: ${raw.slice(0, 200)}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad-url', `refused ${raw.slice(0, 200)}: only http and https URLs are fetched`)
  }
  if (url.username || url.password)
    throw new FetchError('bad-url', `refused ${url.host}: URLs with credentials are not fetched`)
  url.hash = ''
  return url
}

interface Hop {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** One HTTP request, connected to the address `resolveChecked` approved, with deadline and size cap. */
const requestOnce = async (
  url: URL,
  headers: Record<string, string>,
  options: FetchOptions,
): Promise<Hop> => {
  const { timeoutMs = 20_000, maxBytes = 16 * 1024 * 1024 } = options
  const checked = await resolveChecked(url.hostname, options)
  // The socket connects to the checked address itself: a second DNS answer (rebinding) cannot
  // swap in a private address between the check and the connection.
  const pinned: LookupFunction = (_host, opts, callback) => {
    if ((opts as { all?: boolean }).all) callback(null, [checked])
    else callback(null, checked.address, checked.family)
  }
  const client = url.protocol === 'https:' ? https : http
  return new Promise<Hop>((resolve, reject) => {
    let settled = false
    const finish = (error: Error | null, hop?: Hop): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (error) reject(error)
      else resolve(hop!)
    }
    const req = client.request(url, { method: 'GET', headers, lookup: pinned, agent: false }, (res) => {
      const length = Number(res.headers['content-length'])
      if (Number.isFinite(length) && length > maxBytes) {
        res.destroy()
        req.destroy()
        finish(
          new FetchError(
            'too-large',
            `${url.href}: body of ${length} bytes is over the ${maxBytes}-byte limit`,
          ),
        )
        return
      }
      const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase()
      const decoder =
        encoding === 'gzip' || encoding === 'x-gzip'
          ? zlib.createGunzip()
          : encoding === 'deflate'
            ? zlib.createInflate()
            : encoding === 'br'
              ? zlib.createBrotliDecompress()
              : undefined
      const stream = decoder ? res.pipe(decoder) : res
      const chunks: Buffer[] = []
      let size = 0
      // The cap applies to decompressed bytes: a small gzip body can inflate to gigabytes.
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) {
          res.destroy()
          req.destroy()
          decoder?.destroy()
          finish(new FetchError('too-large', `${url.href}: body is over the ${maxBytes}-byte limit`))
          return
        }
        chunks.push(chunk)
      })
      stream.on('end', () =>
        finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      stream.on('error', (error) => finish(new FetchError('network', `${url.href}: ${error.message}`)))
      res.on('error', (error) => finish(new FetchError('network', `${url.href}: ${error.message}`)))
    })
    const timer = setTimeout(() => {
      req.destroy()
      finish(new FetchError('timeout', `${url.href}: no complete response within ${timeoutMs} ms`))
    }, timeoutMs)
    req.on('error', (error: NodeJS.ErrnoException) => {
      finish(new FetchError('network', `${url.href}: ${networkReason(error)}`))
    })
    const abort = (): void => {
      req.destroy()
      finish(new FetchError('aborted', `${url.href}: stopped`))
    }
    if (options.signal?.aborted) abort()
    else options.signal?.addEventListener('abort', abort, { once: true })
    req.on('close', () => options.signal?.removeEventListener('abort', abort))
    req.end()
  })
}

const waitForHost = async (host: string, session: FetchSession, delayMs: number): Promise<void> => {
  const last = session.lastRequest.get(host)
  const now = Date.now()
  // Reserve the slot before sleeping so concurrent fetches to one host queue up instead of all waking together.
  const slot = last === undefined ? now : Math.max(now, last + delayMs)
  session.lastRequest.set(host, slot)
  if (slot > now) await sleep(slot - now)
}

/** A connection error in words: TLS failures say it is the certificate; others give their code (ECONNREFUSED). */
const networkReason = (error: NodeJS.ErrnoException): string => {
  const code = error.code ?? ''
  if (/CERT|SSL|TLS|SIGNATURE|VERIFY/i.test(code) || /certificate/i.test(error.message))
    return `TLS certificate not accepted: ${error.message}${code ? ` (${code})` : ''}`
  return code || error.message
}

const ALLOW_ALL: RobotsRules = { isAllowed: () => true, getCrawlDelay: () => undefined }
const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, getCrawlDelay: () => undefined }

/** robots.txt of an origin, fetched once per session. RFC 9309: 4xx means no rules; 5xx or unreachable means stay out. */
const robotsFor = (origin: string, options: FetchOptions, session: FetchSession): Promise<RobotsRules> => {
  const cached = session.robots.get(origin)
  if (cached) return cached
  const robotsUrl = `${origin}/robots.txt`
  const pending = (async (): Promise<RobotsRules> => {
    let hop: Hop
    try {
      await waitForHost(new URL(origin).host, session, options.politenessMs ?? 1000)
      hop = await requestOnce(
        new URL(robotsUrl),
        { 'user-agent': USER_AGENT, accept: 'text/plain' },
        { ...options, maxBytes: 512 * 1024 },
      )
    } catch (error) {
      if (error instanceof FetchError && error.code === 'blocked-address') throw error
      // Unreachable: stay out (RFC 9309), and say why rather than blame rules nobody could read.
      const reason = (error as Error).message.replace(`${robotsUrl}: `, '')
      return { ...DISALLOW_ALL, unreachable: reason }
    }
    if (hop.status >= 200 && hop.status < 300) return robotsParser(robotsUrl, hop.body.toString('utf8'))
    if (hop.status >= 300 && hop.status < 500) return ALLOW_ALL
    return DISALLOW_ALL
  })()
  session.robots.set(origin, pending)
  return pending
}

/**
 * Fetches a URL as a polite, guarded client: http(s) only; every hop's host resolved and every
 * address checked (loopback, private, link-local, metadata and other non-public ranges refused
 * unless `allowPrivate`), the connection pinned to the checked address; robots.txt obeyed; one
 * request per host per `politenessMs` (or the site's Crawl-delay); a deadline and a size cap on
 * each hop (decompressed); at most `maxRedirects` redirects; `If-None-Match` / `If-Modified-Since`
 * from the session's validators. Sends `User-Agent: Parallax/<version> (+project URL)`.
 *
 * @throws {FetchError} with a one-line message naming the URL when the fetch cannot complete or the
 * final status is not 2xx or 304.
 * @example
 * const page = await fetchUrl('https://example.org/news/1', { timeoutMs: 10_000 })
 */
export const fetchUrl = async (raw: string, options: FetchOptions = {}): Promise<FetchResult> => {
  const { maxRedirects = 5, robots = true, politenessMs = 1000, conditional = true } = options
  const session = options.session ?? defaultSession
  let url = parseUrl(raw)
  for (let hops = 0; ; hops++) {
    if (robots) {
      const rules = await robotsFor(url.origin, options, session)
      if (rules.isAllowed(url.href, USER_AGENT) === false) {
        if (rules.unreachable !== undefined)
          throw new FetchError(
            'robots',
            `${url.href}: ${url.origin}/robots.txt could not be read (${rules.unreachable}), so the site is left alone`,
          )
        throw new FetchError('robots', `${url.href}: disallowed by ${url.origin}/robots.txt`)
      }
      const crawlDelay = Math.min(30, rules.getCrawlDelay(USER_AGENT) ?? 0) * 1000
      await waitForHost(url.host, session, Math.max(politenessMs, crawlDelay))
    } else {
      await waitForHost(url.host, session, politenessMs)
    }
    const headers: Record<string, string> = {
      'user-agent': USER_AGENT,
      accept: options.accept ?? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'accept-encoding': 'gzip, deflate, br',
    }
    const validators = conditional ? session.validators[url.href] : undefined
    // Validators come from servers and from a state file: only values Node accepts in a header are sent back.
    if (validators?.etag && HEADER_VALUE.test(validators.etag)) headers['if-none-match'] = validators.etag
    if (validators?.lastModified && HEADER_VALUE.test(validators.lastModified)) {
      headers['if-modified-since'] = validators.lastModified
    }
    const hop = await requestOnce(url, headers, options)
    if (hop.status >= 300 && hop.status < 400 && hop.status !== 304) {
      const location = hop.headers.location
      if (!location)
        throw new FetchError(
          'http-status',
          `${url.href}: redirect (${hop.status}) without a Location`,
          hop.status,
        )
      if (hops >= maxRedirects) {
        throw new FetchError('too-many-redirects', `${raw}: more than ${maxRedirects} redirects`, hop.status)
      }
      // The next hop goes through every check again: scheme, address, robots, politeness.
      url = parseUrl(new URL(location, url).href)
      continue
    }
    const contentType =
      typeof hop.headers['content-type'] === 'string' ? hop.headers['content-type'] : undefined
    const result: FetchResult = {
      url: url.href,
      status: hop.status,
      notModified: hop.status === 304,
      contentType,
      charset: charsetFromContentType(contentType),
      body: hop.status === 304 ? Buffer.alloc(0) : hop.body,
      headers: hop.headers,
    }
    if (hop.status === 304) return result
    if (hop.status < 200 || hop.status >= 300) {
      throw new FetchError('http-status', `${url.href}: HTTP ${hop.status}`, hop.status)
    }
    const etag = hop.headers.etag
    const lastModified = hop.headers['last-modified']
    if (etag || lastModified) {
      session.validators[url.href] = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) }
    }
    return result
  }
}
