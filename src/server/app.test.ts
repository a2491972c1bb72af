import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { hostileReport, madeUpReport } from '../../test/browser/fixtures/made-up.ts'
import type { Report } from '../model/types.ts'
import { openStore, type Store } from '../store/sqlite.ts'
import { CONTENT_SECURITY_POLICY, createApp, startServer } from './app.ts'

const dir = mkdtempSync(join(tmpdir(), 'parallax-app-'))
const stores: Store[] = []
after(() => {
  for (const s of stores) s.close()
  rmSync(dir, { recursive: true, force: true })
})

const storeWith = (name: string, ...reports: Report[]): Store => {
  const store = openStore(join(dir, name))
  stores.push(store)
  store.transaction(() => {
    for (const report of reports) {
      for (const doc of report.documents) store.putDocument(doc)
      for (const story of report.stories) store.putStory(story)
      for (const entity of report.entities) store.putEntity(entity)
    }
  })
  return store
}

const count = (html: string, needle: string) => html.split(needle).length - 1

describe('JSON API', () => {
  const app = createApp({ store: storeWith('api.db', madeUpReport()) })

  it('lists stories newest first', async () => {
    const res = await app.request('/api/stories')
    assert.equal(res.status, 200)
    const body = (await res.json()) as { stories: { id: string; conflicts: number }[] }
    assert.deepEqual(
      body.stories.map((s) => [s.id, s.conflicts]),
      [
        ['story-velmora-fire', 1],
        ['story-velmora-ferry', 0],
      ],
    )
  })

  it('returns a story with its comparison and its documents', async () => {
    const body = (await (await app.request('/api/stories/story-velmora-fire')).json()) as {
      story: { facts: { status: string }[] }
      documents: { meta: { outlet: string } }[]
    }
    assert.deepEqual(
      body.story.facts.map((f) => f.status),
      ['conflict', 'agree', 'compatible', 'unique'],
    )
    assert.deepEqual(
      body.documents.map((d) => d.meta.outlet),
      ['The Harbour Ledger', 'Coastline Daily', 'Northwind Post'],
    )
  })

  it('returns documents, entities and search hits, and 404 for unknown ids', async () => {
    const report = madeUpReport()
    const doc = (await (await app.request(`/api/documents/${report.documents[3].id}`)).json()) as {
      stories: string[]
    }
    assert.deepEqual(doc.stories, ['story-velmora-ferry'])
    const entity = (await (await app.request('/api/entities/person-ilsa-brandt')).json()) as {
      stories: { id: string }[]
    }
    assert.deepEqual(
      entity.stories.map((s) => s.id),
      ['story-velmora-fire'],
    )
    const search = (await (await app.request('/api/search?q=ferry')).json()) as { hits: { kind: string }[] }
    assert.ok(search.hits.length > 0)
    for (const path of ['/api/stories/nope', '/api/documents/nope', '/api/entities/nope', '/api/nothing']) {
      assert.equal((await app.request(path)).status, 404, path)
    }
  })
})

describe('web UI', () => {
  const app = createApp({ store: storeWith('ui.db', madeUpReport(), hostileReport()) })

  it('serves every page with a strict CSP and no inline script', async () => {
    for (const path of [
      '/',
      '/stories/story-velmora-fire',
      '/entities/gpe-velmora',
      '/search?q=fire',
      '/nope',
    ]) {
      const res = await app.request(path)
      assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, path)
      const html = await res.text()
      assert.equal(count(html, '<script'), 1, `${path}: only the one script file`)
      assert.match(html, /<script src="\/assets\/app\.js" defer><\/script>/)
      assert.doesNotMatch(html, / style="/, `${path}: no inline style attribute`)
    }
  })

  it('renders the story page: columns, conflict highlight, labels, reconciled numbers, voices, timeline', async () => {
    const html = await (await app.request('/stories/story-velmora-fire')).text()
    assert.equal(count(html, '<article class="column"'), 3)
    assert.ok(count(html, 'class="ev ev-conflict') >= 3, 'conflict evidence marked in each report')
    assert.match(html, /<table class="labels">/)
    assert.match(html, /<q>the embattled Tarvik Holdings<\/q>/)
    assert.match(html, /<span class="rk">low<\/span> 9 <span class="src">\(Northwind Post\)<\/span>/)
    assert.match(html, /<svg class="voices-chart"/)
    assert.match(html, /<time datetime="2031-03-04">/)
    assert.match(
      html,
      /<span class="who">Northwind Post:<\/span> Nine people were hurt in a warehouse fire in Velmora on <strong>March 4<\/strong>, the fire brigade said\.<\/li>/,
    )
    assert.match(html, /class="[^"]*loaded-outlet[^"]*"[^>]*>embattled/)
    assert.match(html, /class="[^"]*loaded-quoted[^"]*"[^>]*>reckless/)
    assert.match(
      html,
      /<th scope="row"><a href="\/entities\/person-ilsa-brandt">Ilsa Brandt<\/a><\/th><td>PERSON<\/td><td class="num">2 of 3<\/td>/,
    )
    assert.match(
      html,
      /<th scope="row"><a href="\/entities\/org-tarvik-holdings">Tarvik Holdings<\/a><\/th>/,
      'labels link to stored entities',
    )
  })

  it('search links articles to their page and facts to their story', async () => {
    const html = await (await app.request('/search?q=injured')).text()
    assert.match(html, /<span class="kind">fact<\/span> <a href="\/stories\/story-velmora-fire#facts">/)
    assert.match(html, /<span class="kind">article<\/span> <a href="\/documents\/[0-9a-f]{16}">/)
    assert.match(html, /<mark>injured<\/mark>/)
  })

  it('lists stories and shows an entity with its names and stories', async () => {
    const list = await (await app.request('/')).text()
    assert.ok(
      list.indexOf('Hostile') < list.indexOf('Fire at a Velmora') &&
        list.indexOf('Fire at') < list.indexOf('Ferry'),
    )
    const entity = await (await app.request('/entities/person-odo-renn')).text()
    assert.match(entity, /<li>the brigade chief<\/li>/)
    const mayor = await (await app.request('/entities/person-ilsa-brandt')).text()
    assert.match(mayor, /<h2>Names each report uses<\/h2>/)
    assert.equal(count(mayor, '<q>Ilsa Brandt</q>'), 2, 'one row per report naming her')
    assert.match(mayor, /<a href="\/documents\/[0-9a-f]{16}">Northwind Post<\/a>/)
    assert.match(entity, /href="\/stories\/story-velmora-fire"/)
    const ferry = madeUpReport().documents[3]
    const doc = await (await app.request(`/documents/${ferry.id}`)).text()
    assert.match(
      doc,
      /Stories: <a href="\/stories\/story-velmora-ferry">Ferry timetable to change in April<\/a>/,
    )
  })

  it('shows hostile article markup as text', async () => {
    for (const path of [
      '/',
      '/stories/story-hostile',
      '/search?q=script',
      `/search?q=${encodeURIComponent('<script>x</script>')}`,
    ]) {
      const html = await (await app.request(path)).text()
      assert.doesNotMatch(html, /<script>|<img|<svg onload|<b onclick|onerror="/i, path)
    }
    const story = await (await app.request('/stories/story-hostile')).text()
    assert.match(story, /Hostile &lt;script&gt;window.__xss=2&lt;\/script&gt; headline/)
  })
})

describe('story list paging', () => {
  it('shows 100 stories a page with a link to older ones', async () => {
    const store = storeWith('paging.db')
    const empty = { labels: [], loaded: [], voices: [], hedges: [] }
    store.transaction(() => {
      for (let i = 0; i < 130; i++) {
        const day = `2030-01-${String(1 + (i % 28)).padStart(2, '0')}`
        store.putStory({
          id: `s${i}`,
          documents: [],
          independent: 0,
          title: `Story ${i}`,
          dateRange: { start: day, end: day },
          facts: [],
          framing: empty,
        })
      }
    })
    const app = createApp({ store })
    const first = await (await app.request('/')).text()
    assert.equal(count(first, '<tr><th scope="row">'), 100)
    assert.match(first, /<a href="\/\?offset=100">Older stories<\/a>/)
    const second = await (await app.request('/?offset=100')).text()
    assert.equal(count(second, '<tr><th scope="row">'), 30)
    assert.doesNotMatch(second, /Older stories/)
  })
})

describe('loopback only', () => {
  const app = createApp({ store: storeWith('loopback.db', madeUpReport()), loopbackOnly: true })
  for (const [host, status] of [
    ['127.0.0.1:4173', 200],
    ['localhost:8080', 200],
    ['[::1]:4173', 200],
    ['LOCALHOST', 200],
    ['evil.example:4173', 403],
    ['127.0.0.1.evil.example', 403],
    ['', 403],
  ] as const) {
    it(`Host "${host}" → ${status}`, async () => {
      const res = await app.request('/api/stories', { headers: host ? { host } : {} })
      assert.equal(res.status, status)
    })
  }
})

describe('startServer', () => {
  it('binds to 127.0.0.1 by default and answers over HTTP', async () => {
    const server = await startServer({ store: storeWith('http.db', madeUpReport()), port: 0 })
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const res = await fetch(`${server.url}/assets/app.css`)
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type') ?? '', /text\/css/)
    } finally {
      await server.close()
    }
  })
})
