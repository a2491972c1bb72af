import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import iconv from 'iconv-lite'
import { discoverFeeds, readFeed, readOpml, sniffFeed } from './feed.ts'

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../test/fixtures/ingest/feeds/${name}`, import.meta.url))

describe('readFeed', () => {
  it('reads RSS 2.0: CDATA, entities, dc:date, relative links, missing links, duplicates', () => {
    const feed = readFeed(fixture('valley-ledger.rss'), 'vl.rss', {
      url: 'https://valleyledger.example/feed.rss',
    })
    assert.equal(feed.kind, 'rss')
    assert.equal(feed.title, 'The Valley Ledger & Gazette')
    assert.deepEqual(feed.items, [
      {
        url: 'https://valleyledger.example/news/2031/04/15/harlow-bridge-closes',
        guid: 'vl-2031-0415-bridge',
        title: 'Harlow bridge closes after inspectors find cracks',
        published: '2031-04-15',
        summary: 'The Harlow bridge closed to all traffic on Tuesday.',
      },
      {
        url: 'https://valleyledger.example/news/2031/04/16/ferry-landing',
        guid: 'https://valleyledger.example/news/2031/04/16/ferry-landing',
        title: 'Ferry landing to reopen “within weeks”',
        published: '2031-04-16',
        summary: 'Repairs at the Pellham landing are ahead of schedule — officials.',
      },
    ])
    assert.deepEqual(feed.errors, [{ source: 'vl.rss#item3', reason: 'item has no link' }])
  })

  it('reads Atom: alternate links, published over updated, HTML titles and summaries', () => {
    const feed = readFeed(fixture('northgate-courier.atom'), 'ng.atom')
    assert.equal(feed.kind, 'atom')
    assert.equal(feed.title, 'Northgate Courier')
    assert.deepEqual(
      feed.items.map((i) => [i.url, i.guid, i.published, i.summary]),
      [
        [
          'https://northgate.example/2031/04/15/harlow-crossing',
          'tag:northgate.example,2031:bridge',
          '2031-04-15',
          'Inspectors found cracks in two piers.',
        ],
        [
          'https://northgate.example/2031/04/16/detour',
          'tag:northgate.example,2031:detour',
          '2031-04-16',
          undefined,
        ],
      ],
    )
  })

  it('reads JSON Feed: numeric ids, relative URLs against home_page_url', () => {
    const feed = readFeed(fixture('harbour-times.json'), 'ht.json')
    assert.equal(feed.kind, 'json')
    assert.deepEqual(
      feed.items.map((i) => [i.url, i.guid, i.published ?? null]),
      [
        ['https://harbourtimes.example/stories/bridge', 'ht-101', '2031-04-15'],
        ['https://harbourtimes.example/stories/ferry', '102', null],
      ],
    )
    assert.deepEqual(feed.errors, [{ source: 'ht.json#item3', reason: 'item has no link' }])
  })

  it('reads RSS 1.0 (RDF)', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel><title>Made-up RDF</title></channel>
      <item rdf:about="https://rdf.example/a"><title>A</title><link>https://rdf.example/a</link></item></rdf:RDF>`
    const feed = readFeed(rdf, 'r.rdf')
    assert.equal(feed.kind, 'rdf')
    assert.deepEqual(feed.items, [
      { url: 'https://rdf.example/a', guid: 'https://rdf.example/a', title: 'A' },
    ])
  })

  it('decodes a windows-1251 feed by its XML declaration', () => {
    const xml = `<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Вестник</title>
      <item><title>Мост закрыт</title><link>https://vestnik.example/most</link></item></channel></rss>`
    const feed = readFeed(iconv.encode(xml, 'windows-1251'), 'v.rss')
    assert.equal(feed.title, 'Вестник')
    assert.equal(feed.items[0].title, 'Мост закрыт')
  })

  const bad: [string, string | Uint8Array, RegExp][] = [
    ['empty', '', /empty feed/],
    [
      'billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
       <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss><channel><item><title>&lol3;</title></item></channel></rss>`,
      /declares XML entities/,
    ],
    [
      'external entity',
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title><link>https://x.example/</link></item></channel></rss>`,
      /declares XML entities/,
    ],
    [
      'HTML page',
      '<!doctype html><html><body><p>hello</p></body></html>',
      /not an RSS, Atom or JSON feed \(root element <html>\)/,
    ],
    [
      'truncated XML',
      '<?xml version="1.0"?><rss><channel><title>Cut off',
      /<rss> <channel> <title> never closed \(truncated\?\)/,
    ],
    ['malformed XML', '<rss><channel><item></channel></rss>', /malformed XML/],
    [
      'deep nesting',
      `<rss><channel>${'<x>'.repeat(500)}${'</x>'.repeat(500)}</channel></rss>`,
      /malformed XML/,
    ],
    ['not JSON Feed JSON', '{"version": "https://jsonfeed.org/version/1", "items": 3}', /no "items" array/],
    ['broken JSON Feed', '{"version": "https://jsonfeed.org/version/1", "items": [', /malformed JSON Feed/],
    ['binary', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), /binary data/],
    ['OPML given as a feed', '<opml version="2.0"><body/></opml>', /OPML subscription list, not a feed/],
  ]
  for (const [name, input, reason] of bad) {
    it(`refuses ${name} with one clear error`, () => {
      const feed = readFeed(input, 'bad.xml')
      assert.equal(feed.items.length, 0)
      assert.equal(feed.errors.length, 1)
      assert.equal(feed.errors[0].source, 'bad.xml')
      assert.match(feed.errors[0].reason, reason)
      assert.doesNotMatch(feed.errors[0].reason, /\n/)
    })
  }

  it('keeps the items of a truncated feed and reports the damage', () => {
    const xml = '<rss><channel><item><title>A</title><link>https://t.example/a</link></item><item><title>B'
    const feed = readFeed(xml, 'cut.rss')
    assert.deepEqual(feed.items, [{ url: 'https://t.example/a', guid: 'https://t.example/a', title: 'A' }])
    assert.match(feed.errors[0].reason, /^malformed XML: .*<item> <title> never closed/)
    assert.equal(feed.errors[0].source, 'cut.rss')
  })

  it('refuses a feed over the size limit', () => {
    assert.match(
      readFeed('x'.repeat(100), 'big.xml', { maxBytes: 10 }).errors[0].reason,
      /too large \(100 bytes/,
    )
  })

  it('refuses non-http item links', () => {
    const feed = readFeed(
      '<rss><channel><item><link>javascript:alert(1)</link></item></channel></rss>',
      'j.rss',
    )
    assert.deepEqual(feed.errors, [{ source: 'j.rss#item1', reason: 'item link is not an http(s) URL' }])
  })
})

describe('readOpml', () => {
  it('collects feed URLs from nested folders, deduplicated, refusing other schemes', () => {
    const opml = readOpml(fixture('subscriptions.opml'), 'subs.opml')
    assert.deepEqual(opml.urls, [
      'https://valleyledger.example/feed.rss',
      'https://northgate.example/atom.xml',
      'https://harbourtimes.example/feed.json',
    ])
    assert.deepEqual(opml.errors, [
      { source: 'subs.opml', reason: 'outline "file:///etc/passwd" is not an http(s) URL' },
    ])
  })

  const bad: [string, string, RegExp][] = [
    ['empty', ' ', /empty subscription list/],
    ['a feed, not a list', '<rss><channel/></rss>', /not an OPML subscription list \(root element <rss>\)/],
    ['a list with no feeds', '<opml><body><outline text="folder"/></body></opml>', /holds no feeds/],
    ['entities', '<!DOCTYPE o [<!ENTITY a "b">]><opml/>', /declares XML entities/],
  ]
  for (const [name, input, reason] of bad) {
    it(`refuses ${name}`, () => assert.match(readOpml(input, 'l.opml').errors[0].reason, reason))
  }
})

describe('sniffFeed', () => {
  const cases: [string, ReturnType<typeof sniffFeed>][] = [
    ['<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', 'rss'],
    ['\uFEFF<feed xmlns="http://www.w3.org/2005/Atom">', 'atom'],
    ['<rdf:RDF xmlns:rdf="x">', 'rdf'],
    ['<?xml version="1.0"?><opml>', 'opml'],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'json'],
    ['{"text":"a jsonl article"}', undefined],
    ['<!doctype html><html>', undefined],
  ]
  for (const [text, kind] of cases)
    it(`${JSON.stringify(text.slice(0, 30))} → ${kind}`, () => assert.equal(sniffFeed(text), kind))
})

describe('discoverFeeds', () => {
  it('finds the feeds a page advertises, resolved and deduplicated', () => {
    const html = `<html><head>
      <link rel="stylesheet" href="/site.css">
      <link rel="alternate" type="application/rss+xml" title="All" href="/feed.rss?a=1&amp;b=2">
      <link href='https://cdn.example/atom.xml' type='application/atom+xml' rel='alternate'>
      <link rel="alternate" type="application/feed+json" href="/feed.json">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
      <link rel="alternate" type="application/rss+xml" href="/feed.rss?a=1&b=2">
    </head></html>`
    assert.deepEqual(discoverFeeds(html, 'https://ledger.example/news/'), [
      'https://ledger.example/feed.rss?a=1&b=2',
      'https://cdn.example/atom.xml',
      'https://ledger.example/feed.json',
    ])
  })
  it('finds none in a page without feed links', () =>
    assert.deepEqual(discoverFeeds('<html><p>x</p></html>'), []))
})
