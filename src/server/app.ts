import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { Store } from '../store/sqlite.ts'
import { ASSETS } from './assets.ts'
import {
  escapeHtml,
  type Links,
  renderDocument,
  renderEntity,
  renderPage,
  renderSearch,
  renderStoryBody,
  renderStoryList,
} from './render.ts'

/** The CSP of every response: only our own script and style files, nothing inline, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

const ASSET_PATHS = { css: '/assets/app.css', js: '/assets/app.js' }

const PAGE_SIZE = 100

const LINKS: Links = {
  story: (id) => `/stories/${encodeURIComponent(id)}`,
  entity: (id) => `/entities/${encodeURIComponent(id)}`,
  document: (id) => `/documents/${encodeURIComponent(id)}`,
}

/** Options of {@link createApp}. */
export interface AppOptions {
  store: Store
  /**
   * Answer only requests addressed to this machine by name (Host 127.0.0.1, localhost or [::1]).
   * Set when bound to loopback: it stops a web page from reaching the API through DNS rebinding.
   */
  loopbackOnly?: boolean
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** The host name of a Host header, without its port. */
export const hostName = (header: string): string => {
  const trimmed = header.trim().toLowerCase()
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1)
  const colon = trimmed.lastIndexOf(':')
  return colon >= 0 ? trimmed.slice(0, colon) : trimmed
}

/**
 * The HTTP app: a JSON API under `/api` and the server-rendered web UI. Every page escapes all
 * data and is served with a strict Content-Security-Policy.
 *
 * @example
 * const app = createApp({ store: openStore('parallax.db') })
 * const res = await app.request('/api/stories')
 */
export const createApp = ({ store, loopbackOnly = false }: AppOptions): Hono => {
  const app = new Hono()

  if (loopbackOnly) {
    app.use('*', async (c, next) => {
      if (!LOOPBACK_NAMES.has(hostName(c.req.header('host') ?? ''))) {
        return c.text('This server answers only requests addressed to 127.0.0.1 or localhost.', 403)
      }
      await next()
    })
  }

  app.use('*', async (c, next) => {
    await next()
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('X-Frame-Options', 'DENY')
  })

  const page = (title: string, body: string, query?: string) =>
    renderPage({ title, body, assets: ASSET_PATHS, query })
  const notFound = (what: string) => page('Not found', `<h1>Not found</h1><p>${escapeHtml(what)}</p>`)

  app.get(ASSET_PATHS.css, (c) => c.body(ASSETS.css, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  // Browsers ask for an icon on every page; answer without one rather than with a logged 404.
  app.get('/favicon.ico', (c) => c.body(null, 204))
  app.get(ASSET_PATHS.js, (c) => c.body(ASSETS.js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))

  // JSON API.
  app.get('/api/stories', (c) => {
    const limit = clampInt(c.req.query('limit'), 200, 1, 1000)
    const offset = clampInt(c.req.query('offset'), 0, 0, Number.MAX_SAFE_INTEGER)
    return c.json({ stories: store.listStories({ limit, offset }) })
  })
  app.get('/api/stories/:id', (c) => {
    const story = store.getStory(c.req.param('id'))
    if (!story) return c.json({ error: 'no such story' }, 404)
    return c.json({ story, documents: store.getDocuments(story.documents) })
  })
  app.get('/api/documents/:id', (c) => {
    const doc = store.getDocument(c.req.param('id'))
    if (!doc) return c.json({ error: 'no such document' }, 404)
    return c.json({ document: doc, stories: store.storiesOf(doc.id) })
  })
  app.get('/api/entities/:id', (c) => {
    const entity = store.entityPage(c.req.param('id'))
    if (!entity) return c.json({ error: 'no such entity' }, 404)
    return c.json(entity)
  })
  app.get('/api/search', (c) => {
    const query = c.req.query('q') ?? ''
    const limit = clampInt(c.req.query('limit'), 20, 1, 200)
    return c.json({ query, hits: store.search(query, { limit }) })
  })
  app.all('/api/*', (c) => c.json({ error: 'no such endpoint' }, 404))

  // Web UI.
  app.get('/', (c) => {
    const offset = clampInt(c.req.query('offset'), 0, 0, Number.MAX_SAFE_INTEGER)
    // One extra row tells whether an "older stories" link is needed.
    const stories = store.listStories({ limit: PAGE_SIZE + 1, offset })
    const more = stories.length > PAGE_SIZE ? `/?offset=${offset + PAGE_SIZE}` : undefined
    return c.html(page('Stories', renderStoryList(stories.slice(0, PAGE_SIZE), LINKS, more)))
  })
  app.get('/stories/:id', (c) => {
    const story = store.getStory(c.req.param('id'))
    if (!story) return c.html(notFound('There is no story with this id.'), 404)
    const documents = store.getDocuments(story.documents)
    const ids = new Set<string>()
    for (const doc of documents) for (const m of doc.mentions ?? []) if (m.entity) ids.add(m.entity)
    for (const row of story.framing.labels) ids.add(row.entity)
    const entities = store.getEntities([...ids])
    const known = new Set(entities.map((e) => e.id))
    // Link only to entity pages that exist.
    const links: Links = { ...LINKS, entity: (id) => (known.has(id) ? LINKS.entity?.(id) : undefined) }
    return c.html(page(story.title, renderStoryBody({ story, documents, entities, links })))
  })
  app.get('/entities/:id', (c) => {
    const found = store.entityPage(c.req.param('id'))
    if (!found) return c.html(notFound('There is no entity with this id.'), 404)
    // Bounded: an entity named in thousands of articles still gets a page that loads quickly.
    const ids = [...new Set(found.entity.mentions.map((m) => m.document))].slice(0, 500)
    const documents = store.documentSummaries(ids)
    return c.html(page(found.entity.name, renderEntity(found.entity, found.stories, LINKS, documents)))
  })
  app.get('/documents/:id', (c) => {
    const doc = store.getDocument(c.req.param('id'))
    if (!doc) return c.html(notFound('There is no document with this id.'), 404)
    const stories = store.storySummaries(store.storiesOf(doc.id))
    return c.html(page(doc.meta.title ?? doc.id, renderDocument(doc, stories, LINKS)))
  })
  app.get('/search', (c) => {
    const query = c.req.query('q') ?? ''
    return c.html(
      page(`Search: ${query}`, renderSearch(query, store.search(query, { limit: 50 }), LINKS), query),
    )
  })
  app.notFound((c) => c.html(notFound('There is no page at this address.'), 404))
  app.onError((error, c) => {
    process.stderr.write(`parallax serve: ${c.req.method} ${c.req.path}: ${error.message}\n`)
    return c.req.path.startsWith('/api/')
      ? c.json({ error: 'internal error' }, 500)
      : c.html(page('Error', '<h1>Something went wrong</h1><p>The error was logged by the server.</p>'), 500)
  })
  return app
}

const clampInt = (text: string | undefined, fallback: number, min: number, max: number): number => {
  const n = Number.parseInt(text ?? '', 10)
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback
}

/** A running server. */
export interface RunningServer {
  url: string
  port: number
  close(): Promise<void>
}

/** Options of {@link startServer}. Binds to loopback unless told otherwise. */
export interface ServeOptions extends AppOptions {
  port?: number
  hostname?: string
}

/**
 * Starts the HTTP server; resolves once it is listening. Port 0 picks a free port.
 *
 * @example
 * const server = await startServer({ store, port: 0 })
 * console.log(server.url)
 */
export const startServer = ({
  store,
  port = 4173,
  hostname = '127.0.0.1',
}: ServeOptions): Promise<RunningServer> =>
  new Promise((resolve, reject) => {
    const app = createApp({ store, loopbackOnly: LOOPBACK_NAMES.has(hostname.toLowerCase()) })
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            // Keep-alive connections from a browser would otherwise hold the close open.
            if ('closeAllConnections' in server)
              (server as { closeAllConnections(): void }).closeAllConnections()
          }),
      })
    })
    server.once('error', reject)
  })
