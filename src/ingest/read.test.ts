import assert from 'node:assert/strict'
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { analyseDocument } from '../pipeline/default.ts'
import { readJsonl } from './jsonl.ts'
import { readInputs } from './read.ts'
import { readTextArticle } from './text.ts'

test('readTextArticle takes the optional date line apart from the text', () => {
  const cases: [
    string,
    { text: string; published?: string; url?: string; outlet?: string; title?: string },
  ][] = [
    [
      ' date 2025-03-13 https://www.example.org/a\nA Title\n\nBody.',
      {
        text: 'A Title\n\nBody.',
        published: '2025-03-13',
        url: 'https://www.example.org/a',
        outlet: 'example.org',
        title: 'A Title',
      },
    ],
    ['A Title\n\nBody.', { text: 'A Title\n\nBody.', title: 'A Title' }],
    ['date 2025-03-13\nT\n\nB', { text: 'T\n\nB', published: '2025-03-13', title: 'T' }],
  ]
  for (const [input, expected] of cases) {
    const { articles, errors } = readTextArticle(input, 'x.txt')
    assert.deepEqual(errors, [])
    const a = articles[0]
    assert.equal(a.text, expected.text)
    assert.equal(a.meta.published, expected.published)
    assert.equal(a.meta.url, expected.url)
    assert.equal(a.meta.outlet, expected.outlet)
    assert.equal(a.meta.title, expected.title)
  }
})

test('readTextArticle keeps an impossible date out and says so', () => {
  const { articles } = readTextArticle(' date 2025-02-30 https://x.example/\nT\n\nB', 'x.txt')
  assert.equal(articles[0].meta.published, undefined)
  assert.match(articles[0].warnings?.[0] ?? '', /impossible date 2025-02-30/)
})

test('an archived copy (Wayback Machine URL) is credited to the outlet it archived', () => {
  const lines = [
    '{"text": "A.", "url": "http://web.archive.org/web/20150101000000/http://www.valley-ledger.example/news/1"}',
    '{"text": "B.", "url": "https://web.archive.org/web/20150101000000id_/https://harbour.example.net/a?b=1"}',
    '{"text": "C.", "url": "https://web.archive.org/web/*/harbour.example.net*"}',
  ].join('\n')
  const { articles } = readJsonl(lines, 'in.jsonl')
  assert.deepEqual(
    articles.map((a) => a.meta.outlet),
    ['valley-ledger.example', 'harbour.example.net', 'web.archive.org'],
  )
  const txt = readTextArticle(
    ' date 2015-01-01 https://web.archive.org/web/2015/https://valley-ledger.example/x\nTitle\n\nBody.',
    'a.txt',
  )
  assert.equal(txt.articles[0]?.meta.outlet, 'valley-ledger.example')
})

test('readJsonl reads good lines and names each bad one', () => {
  const content = [
    '{"id": "a1", "text": "First.", "url": "https://news.example.com/x", "published": "2024-02-08T10:00:00Z"}',
    '{"text": ""}',
    'not json',
    '[1,2]',
    '',
    '{"text": "Second.", "outlet": "Given Outlet", "published": "yesterday"}',
  ].join('\n')
  const { articles, errors } = readJsonl(content, 'in.jsonl')
  assert.equal(articles.length, 2)
  assert.equal(articles[0].id, 'a1')
  assert.equal(articles[0].meta.outlet, 'news.example.com')
  assert.equal(articles[0].meta.published, '2024-02-08')
  assert.equal(articles[1].meta.outlet, 'Given Outlet')
  assert.equal(articles[1].meta.published, undefined)
  assert.match(articles[1].warnings?.[0] ?? '', /unusable "published"/)
  assert.deepEqual(
    errors.map((e) => e.source),
    ['in.jsonl:2', 'in.jsonl:3', 'in.jsonl:4'],
  )
  assert.match(errors[1].reason, /malformed JSON/)
})

test('readJsonl reads the field names other exports use (content, headline, dct, publishedAt, source.name, paragraphs)', () => {
  const content = [
    JSON.stringify({
      headline: 'H',
      content: 'Body one.',
      dct: '2014-01-28',
      uri: 'https://a.example.org/x',
    }),
    JSON.stringify({
      title: 'T',
      body: ['First paragraph.', 'Second paragraph.'],
      publishedAt: '2024-02-08T23:10:00Z',
      source: { id: null, name: 'Example Wire' },
    }),
    JSON.stringify({ articleBody: 'Body three.', datePublished: 'Tue, 10 Jun 2003 04:00:00 GMT' }),
    JSON.stringify({ text: 'Body four.', date: 'January 25, 2014', link: 'https://b.example.net/y' }),
    JSON.stringify({ text: 'Body five.', published: 1707350400 }),
    JSON.stringify({ content: ['ok', 42] }),
  ].join('\n')
  const { articles, errors } = readJsonl(content, 'x.jsonl')
  assert.deepEqual(
    articles.map((a) => [a.text, a.meta.title, a.meta.published, a.meta.outlet]),
    [
      ['H\n\nBody one.', 'H', '2014-01-28', 'a.example.org'],
      ['T\n\nFirst paragraph.\n\nSecond paragraph.', 'T', '2024-02-08', 'Example Wire'],
      ['Body three.', undefined, '2003-06-10', undefined],
      ['Body four.', undefined, '2014-01-25', 'b.example.net'],
      ['Body five.', undefined, '2024-02-08', undefined],
    ],
  )
  assert.deepEqual(errors, [
    {
      source: 'x.jsonl:6',
      reason: 'empty or unreadable "content" (expected text, or an array of paragraphs)',
    },
  ])
})

test('readInputs walks directories, reads stdin and reports each bad file in one line', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-read-'))
  writeFileSync(join(dir, 'a.txt'), 'Title A\n\nBody A.')
  writeFileSync(join(dir, 'b.jsonl'), '{"text": "Body B."}\n')
  writeFileSync(join(dir, 'empty.txt'), '')
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]))
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 in Ostra\n\nThe caf\xe9 reopened.\n', 'latin1'))
  writeFileSync(
    join(dir, 'export.json'),
    JSON.stringify([{ text: 'Exported body.', title: 'Exported' }, { title: 'no text' }]),
  )
  writeFileSync(
    join(dir, 'page.html'),
    '<html><head><title>Saved page</title><meta property="article:published_time" content="2025-03-12T08:00:00Z"></head><body><nav>Home | World</nav><article><h1>Saved page</h1><p>The mayor of Ostra opened the new bridge on Tuesday, officials said. Hundreds of residents crossed it in the first hour.</p><p>The bridge cost 12 million marks and took three years to build.</p></article></body></html>',
  )
  writeFileSync(join(dir, 'ignored.png'), 'x')
  const huge = join(dir, 'huge.txt')
  writeFileSync(huge, '')
  truncateSync(huge, 2 * 1024 * 1024 * 1024)
  const { articles, errors } = await readInputs([dir, join(dir, 'missing.txt'), '-'], {
    stdin: async () => 'From stdin\n\nBody.',
  })
  assert.deepEqual(articles.map((a) => a.meta.title ?? a.text).sort(), [
    'Body B.',
    'Café in Ostra',
    'Exported',
    'From stdin',
    'Saved page',
    'Title A',
  ])
  const latin1 = articles.find((a) => a.meta.title === 'Café in Ostra')
  assert.match(latin1?.warnings?.[0] ?? '', /not valid UTF-8.*read as windows-1252/)
  const page = articles.find((a) => a.meta.title === 'Saved page')
  assert.equal(page?.meta.published, '2025-03-12')
  assert.doesNotMatch(page?.text ?? '', /Home \| World/)
  const reasons = Object.fromEntries(
    errors.map((e) => [e.source.slice(e.source.lastIndexOf('/') + 1), e.reason]),
  )
  assert.match(reasons['empty.txt'], /empty/)
  assert.match(reasons['binary.txt'], /binary/)
  assert.match(
    reasons['export.json#1'],
    /no article text: expected one of "text", "content".*; found "title"/,
  )
  assert.match(reasons['huge.txt'], /too large/)
  assert.match(reasons['missing.txt'], /no such file/)
})

test('readJsonl leads the text with the title, as a .txt article does, so every stage reads the headline', () => {
  const content = [
    JSON.stringify({ title: 'Two hurt in Quarnby mill fire', content: 'Fire crews were called on Sunday.' }),
    JSON.stringify({
      title: 'Quarnby mill reopens',
      content: 'Quarnby Mill Reopens\n\nThe mill opened again on Monday.',
    }),
    JSON.stringify({ title: 'Three hurt as Quarnby bus overturns', content: '', dct: '2016-03-02' }),
    JSON.stringify({ text: '   ' }),
  ].join('\n')
  const { articles, errors } = readJsonl(content, 'feed.jsonl')
  assert.deepEqual(
    articles.map((a) => a.text),
    [
      'Two hurt in Quarnby mill fire\n\nFire crews were called on Sunday.',
      // A body that already opens with its title (case and spacing aside) is not given it twice.
      'Quarnby Mill Reopens\n\nThe mill opened again on Monday.',
      // A headline whose body came empty is still a report: read alone, and the reader is told.
      'Three hurt as Quarnby bus overturns',
    ],
  )
  assert.match(articles[2].warnings?.join(' ') ?? '', /empty "content": only the title is read/)
  assert.deepEqual(
    errors.map((e) => e.source),
    ['feed.jsonl:4'],
  )
  // The headline's figures reach the record, with evidence inside the text.
  const doc = analyseDocument(articles[2])
  assert.equal(doc.record?.injured.best, 3)
  const evidence = doc.record?.injured.evidence[0]
  assert.equal(evidence?.field, undefined)
  assert.equal(evidence && doc.text.slice(evidence.span.start, evidence.span.end), 'Three')
})
