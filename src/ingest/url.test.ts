import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import iconv from 'iconv-lite'
import { startServer } from '../../test/fixtures/ingest/server.ts'
import { createSession, type FetchOptions } from './fetch.ts'
import { fetchFeed, isUrl, isWebFile, readArticleUrl, readFeedFile, readUrl, readWebFile } from './url.ts'

const article = (title: string, head: string, paras: string[]): string =>
  `<html><head><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${paras
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`

const BRIDGE = article(
  'Harlow bridge closes',
  '<meta property="article:published_time" content="2031-04-15">',
  [
    'The Harlow bridge closed on Tuesday after inspectors found cracks in two of its piers, the county said.',
    'About 12,000 drivers use the bridge each day and the detour adds twenty minutes, officials said.',
  ],
)
const FERRY = article('Ferry landing reopens', '', [
  'The Pellham ferry landing reopened on Wednesday after six weeks of repairs, the harbour office said.',
  'Around 900 passengers a day use the landing, which now has a new ramp and lighting, officials said.',
])
const CYRILLIC = article('Мост закрыт', '<meta charset="windows-1251">', [
  'Мост Харлоу закрыли во вторник после того, как инспекторы обнаружили трещины в двух опорах.',
])

describe('readUrl against a local server', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  const options = (): FetchOptions => ({
    allowPrivate: true,
    politenessMs: 0,
    session: createSession(),
    timeoutMs: 5000,
  })

  before(async () => {
    server = await startServer({
      '/bridge': { body: BRIDGE },
      '/ferry': { body: FERRY },
      '/cyrillic': { headers: { 'content-type': 'text/html' }, body: iconv.encode(CYRILLIC, 'windows-1251') },
      '/plain': {
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Ferry landing reopens\n\nThe Pellham ferry landing reopened on Wednesday.\n',
      },
      '/image.png': { headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    })
    const rss = `<?xml version="1.0"?><rss><channel><title>Made-up Ledger</title>
      <item><title>Harlow bridge closes</title><link>${server.url}/bridge</link><guid>b1</guid></item>
      <item><title>Ferry landing reopens</title><link>${server.url}/ferry</link><pubDate>Wed, 16 Apr 2031 08:00:00 GMT</pubDate></item>
      <item><title>Gone</title><link>${server.url}/missing</link></item></channel></rss>`
    server.routes['/feed.rss'] = { headers: { 'content-type': 'application/rss+xml' }, body: rss }
    server.routes['/subs.opml'] = {
      headers: { 'content-type': 'text/x-opml' },
      body: `<opml version="2.0"><body><outline text="L" xmlUrl="${server.url}/feed.rss"/></body></opml>`,
    }
  })
  after(() => server.close())

  it('reads an article page with the URL as its source', async () => {
    const result = await readUrl(`${server.url}/bridge`, options())
    assert.deepEqual(result.errors, [])
    assert.equal(result.articles[0].meta.source, `${server.url}/bridge`)
    assert.equal(result.articles[0].meta.published, '2031-04-15')
    assert.match(result.articles[0].text, /^Harlow bridge closes\n\nThe Harlow bridge closed/)
  })

  it('decodes a page by its meta charset when the server declares none', async () => {
    const result = await readUrl(`${server.url}/cyrillic`, options())
    assert.match(result.articles[0].text, /Мост Харлоу закрыли во вторник/)
  })

  it('reads a feed item by item, with the feed filling a missing date, and names the failures', async () => {
    const result = await readUrl(`${server.url}/feed.rss`, options())
    assert.deepEqual(
      result.articles.map((a) => [a.meta.source, a.meta.published]),
      [
        [`${server.url}/bridge`, '2031-04-15'],
        [`${server.url}/ferry`, '2031-04-16'],
      ],
    )
    assert.deepEqual(result.errors, [{ source: `${server.url}/missing`, reason: 'HTTP 404' }])
  })

  it('reads an OPML list feed by feed', async () => {
    const result = await readUrl(`${server.url}/subs.opml`, options())
    assert.equal(result.articles.length, 2)
  })

  it('reads a local feed file and a local OPML list by fetching their items', async () => {
    const feedBytes = Buffer.from(
      `<rss><channel><item><link>${server.url}/ferry</link><pubDate>16 Apr 2031</pubDate></item></channel></rss>`,
    )
    const fromFeed = await readFeedFile(feedBytes, 'local.rss', options())
    assert.deepEqual(
      fromFeed.articles.map((a) => [a.meta.source, a.meta.published]),
      [[`${server.url}/ferry`, '2031-04-16']],
    )
    const opml = Buffer.from(`<opml><body><outline xmlUrl="${server.url}/feed.rss"/></body></opml>`)
    const fromList = await readFeedFile(opml, 'local.opml', options())
    assert.equal(fromList.articles.length, 2)
    assert.equal(fromList.errors.length, 1)
  })

  it('reads local files by content, then extension', async () => {
    const page = await readWebFile(Buffer.from(BRIDGE), 'saved.htm', options())
    assert.equal(page.articles[0].meta.title, 'Harlow bridge closes')
    const jsonFeed = Buffer.from(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        items: [{ id: 'x', url: `${server.url}/ferry` }],
      }),
    )
    assert.equal((await readWebFile(jsonFeed, 'feed.json', options())).articles.length, 1)
    const notFeed = await readWebFile(Buffer.from('<html><p>x</p></html>'), 'feed.rss', options())
    assert.match(notFeed.errors[0].reason, /not an RSS, Atom or JSON feed \(root element <html>\)/)
  })

  it('honours maxItems', async () => {
    const result = await readUrl(`${server.url}/feed.rss`, { ...options(), maxItems: 1 })
    assert.equal(result.articles.length, 1)
  })

  it('turns network trouble into one error naming the URL', async () => {
    const blocked = await readUrl(`${server.url}/bridge`, { ...options(), allowPrivate: false })
    assert.equal(blocked.errors[0].source, `${server.url}/bridge`)
    assert.match(blocked.errors[0].reason, /^refused 127\.0\.0\.1: .*loopback/)
    const refused = await readUrl('http://127.0.0.1:1/x', { ...options(), robots: false })
    assert.match(refused.errors[0].reason, /ECONNREFUSED/)
  })

  it('reads a plain-text page as a text article', async () => {
    const result = await readArticleUrl(`${server.url}/plain`, options())
    assert.equal(
      result.articles[0].text,
      'Ferry landing reopens\n\nThe Pellham ferry landing reopened on Wednesday.\n',
    )
    assert.equal(result.articles[0].meta.url, `${server.url}/plain`)
  })

  it('refuses a page that is not HTML', async () => {
    const result = await readArticleUrl(`${server.url}/image.png`, options())
    assert.deepEqual(result.errors, [
      { source: `${server.url}/image.png`, reason: 'not an article page (Content-Type image/png)' },
    ])
  })

  it('follows the feeds an HTML page advertises', async () => {
    server.routes['/home'] = {
      body: '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.rss"></head><body></body></html>',
    }
    const home = await fetchFeed(`${server.url}/home`, options())
    assert.deepEqual(home.feeds, [`${server.url}/feed.rss`])
    const bare = await fetchFeed(`${server.url}/bridge`, options())
    assert.deepEqual(bare.errors, [
      { source: `${server.url}/bridge`, reason: 'an HTML page that links to no RSS, Atom or JSON feed' },
    ])
  })

  it('fetches a feed with OPML lists giving their feeds', async () => {
    const feed = await fetchFeed(`${server.url}/feed.rss`, options())
    assert.equal(feed.items.length, 3)
    const list = await fetchFeed(`${server.url}/subs.opml`, options())
    assert.deepEqual(list.feeds, [`${server.url}/feed.rss`])
  })
})

describe('isWebFile', () => {
  const cases: [string, boolean][] = [
    ['a/saved.HTML', true],
    ['x.htm', true],
    ['feeds.opml', true],
    ['world.rss', true],
    ['notes.txt', false],
    ['data.jsonl', false],
    ['html', false],
  ]
  for (const [path, expected] of cases) it(path, () => assert.equal(isWebFile(path), expected))
})

describe('isUrl', () => {
  const cases: [string, boolean][] = [
    ['https://news.example/a', true],
    ['HTTP://news.example', true],
    ['news.example/a', false],
    ['./https:/x.txt', false],
    ['file:///etc/passwd', false],
  ]
  for (const [input, expected] of cases) it(input, () => assert.equal(isUrl(input), expected))
})
