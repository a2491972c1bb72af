import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import iconv from 'iconv-lite'
import { blockText, cleanTitle, dateFromUrl, isoDay, readHtml, scanDepth } from './html.ts'

const FIXTURE = new URL('../../test/fixtures/ingest/pages/valley-ledger-bridge.html', import.meta.url)

const page = (head: string, body: string): string =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`

const PARAS = [
  'The Orrin County council voted on Thursday to close the Pellham ferry landing for repairs, a spokesperson said.',
  'The landing carries about 900 passengers a day, and the closure is expected to last six weeks, officials said.',
  'Council member Dario Fenn said the repair bill of 300,000 dollars would come from the emergency reserve fund.',
]
const ARTICLE = `<article><h1>Ferry landing to close</h1>${PARAS.map((p) => `<p>${p}</p>`).join('')}</article>`

describe('readHtml on a saved article page', () => {
  const result = readHtml(readFileSync(FIXTURE), 'valley-ledger-bridge.html')
  const [article] = result.articles

  it('reads one article and no errors', () => {
    assert.equal(result.errors.length, 0)
    assert.equal(result.articles.length, 1)
  })

  it('takes the metadata from JSON-LD, OpenGraph and the canonical link', () => {
    assert.equal(article.meta.source, 'valley-ledger-bridge.html')
    assert.equal(article.meta.title, 'Harlow bridge closes after inspectors find cracks')
    // The publisher's own day, not shifted to UTC (21:40 at -05:00 is the next day in UTC).
    assert.equal(article.meta.published, '2031-04-15')
    assert.equal(article.meta.outlet, 'The Valley Ledger')
    assert.equal(article.meta.byline, 'Mara Quillfeather, Teodor Brask')
    assert.equal(article.meta.language, 'en')
  })

  it('leads with the title and keeps the article paragraphs', () => {
    assert.ok(
      article.text.startsWith('Harlow bridge closes after inspectors find cracks\n\nThe Harlow bridge'),
    )
    assert.match(article.text, /About 12,000 drivers cross the bridge each day/)
    assert.match(article.text, /"We are not taking any chances with a structure this old," said Ilse Varga/)
    assert.match(article.text, /spring festival season\.$/)
  })

  const mustNot: [string, RegExp][] = [
    ['navigation', /Weather/],
    ['cookie banner', /cookies/],
    ['comments', /Reader comment/],
    ['read-more box', /Read more|budget vote/],
    ['related links', /Ferry timetable/],
    ['share tools', /Share on social/],
    ['footer', /Copyright/],
    ['aside', /Most read/],
    ['scripts', /tracking/],
    ['byline line', /^By Mara/m],
    ['timestamp line', /April 15, 2031/],
  ]
  for (const [what, pattern] of mustNot) {
    it(`drops the ${what}`, () => assert.doesNotMatch(article.text, pattern))
  }

  it('resolves a relative canonical link against the page URL', () => {
    const fetched = readHtml(readFileSync(FIXTURE), 'https://valleyledger.example/x?utm=1', {
      url: 'https://valleyledger.example/x?utm=1',
    })
    assert.equal(
      fetched.articles[0].meta.url,
      'https://valleyledger.example/news/2031/04/15/harlow-bridge-closes',
    )
  })
})

describe('readHtml metadata sources', () => {
  const cases: [string, string, string | undefined, Record<string, string | undefined>][] = [
    [
      'article:published_time and og:site_name',
      '<meta property="article:published_time" content="2030-11-02T08:00:00Z"><meta property="og:site_name" content="Northgate Courier">',
      undefined,
      { published: '2030-11-02', outlet: 'Northgate Courier' },
    ],
    [
      'itemprop datePublished',
      '<meta itemprop="datePublished" content="2029-07-30">',
      undefined,
      { published: '2029-07-30' },
    ],
    ['meta name=date', '<meta name="date" content="2028-01-09">', undefined, { published: '2028-01-09' }],
    [
      'URL pattern and host outlet',
      '',
      'https://www.harbourtimes.example/2027/03/21/ferry-landing',
      { published: '2027-03-21', outlet: 'harbourtimes.example' },
    ],
    ['no date anywhere', '', 'https://harbourtimes.example/ferry', { published: undefined }],
    [
      'an impossible date is ignored',
      '<meta name="date" content="2028-02-30">',
      undefined,
      { published: undefined },
    ],
  ]
  for (const [name, head, url, expected] of cases) {
    it(name, () => {
      const result = readHtml(page(head, ARTICLE), 'page.html', { url })
      assert.deepEqual(result.errors, [])
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(result.articles[0].meta[key as 'published'], value, key)
      }
    })
  }

  it('reads a <time datetime> when the head has no date', () => {
    const body = ARTICLE.replace(
      '<h1>',
      '<p>Filed <time datetime="2026-05-04T10:00">May 4</time> at noon.</p><h1>',
    )
    assert.equal(readHtml(page('', body), 'p.html').articles[0].meta.published, '2026-05-04')
  })

  it('falls back to the JSON-LD articleBody of a page rendered by script', () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Ferry landing to close',
      articleBody: PARAS.join('\n'),
    })
    const html = page(`<script type="application/ld+json">${ld}</script>`, '<div id="app">Loading…</div>')
    const [article] = readHtml(html, 'spa.html').articles
    assert.equal(article.text, `Ferry landing to close\n\n${PARAS.join('\n\n')}`)
    assert.match(article.warnings?.[0] ?? '', /JSON-LD articleBody/)
  })

  it('keeps an article whose container has a furniture-like class', () => {
    const cases = ['<div class="commentary">', '<div class="share-price-report">', '<div class="comments">']
    for (const open of cases) {
      const html = page('', `${open}${PARAS.map((p) => `<p>${p}</p>`).join('')}</div>`)
      const result = readHtml(html, 'p.html')
      assert.deepEqual(result.errors, [], open)
      assert.match(result.articles[0].text, /900 passengers a day/, open)
    }
  })

  it('survives a broken JSON-LD block', () => {
    const head =
      '<script type="application/ld+json">{"@type": "NewsArticle", </script><meta name="date" content="2025-12-01">'
    assert.equal(readHtml(page(head, ARTICLE), 'p.html').articles[0].meta.published, '2025-12-01')
  })
})

describe('readHtml encodings', () => {
  const arabic = [
    'أعلن مجلس مقاطعة أورين يوم الخميس إغلاق رصيف عبارة بيلهام لإجراء إصلاحات عاجلة بعد اكتشاف تشققات.',
    'وقال المتحدث باسم المجلس إن الرصيف يخدم نحو تسعمائة راكب يوميا وإن الإغلاق سيستمر ستة أسابيع على الأقل.',
  ]
  const cyrillic = [
    'Совет округа Оррин в четверг объявил о закрытии паромного причала Пеллхэм на срочный ремонт после обнаружения трещин.',
    'По словам представителя совета, причал обслуживает около девятисот пассажиров в день, а закрытие продлится шесть недель.',
  ]
  const cases: [string, string[], string, string][] = [
    ['windows-1256 declared by meta', arabic, 'windows-1256', '<meta charset="windows-1256">'],
    [
      'windows-1251 declared by http-equiv',
      cyrillic,
      'windows-1251',
      '<meta http-equiv="content-type" content="text/html; charset=windows-1251">',
    ],
    ['UTF-16LE with BOM', cyrillic, 'utf-16le', ''],
  ]
  for (const [name, paras, encoding, head] of cases) {
    it(name, () => {
      const html = page(head, `<article>${paras.map((p) => `<p>${p}</p>`).join('')}</article>`)
      const bom = encoding === 'utf-16le' ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0)
      const result = readHtml(Buffer.concat([bom, iconv.encode(html, encoding)]), 'p.html')
      assert.deepEqual(result.errors, [])
      assert.equal(result.articles[0].text, paras.join('\n\n'))
    })
  }

  it('uses the transport charset over the page guess', () => {
    const html = page('', `<article>${cyrillic.map((p) => `<p>${p}</p>`).join('')}</article>`)
    const result = readHtml(iconv.encode(html, 'windows-1251'), 'p.html', { charset: 'windows-1251' })
    assert.equal(result.articles[0].text, cyrillic.join('\n\n'))
  })

  it('reads undeclared windows-1252 without mojibake and says so', () => {
    const html = page(
      '',
      `<article><p>${PARAS[0].replace('spokesperson', 'spokesperson’s “café”')}</p></article>`,
    )
    const [article] = readHtml(iconv.encode(html, 'windows-1252'), 'p.html').articles
    assert.match(article.text, /spokesperson’s “café”/)
    assert.match(article.warnings?.[0] ?? '', /read as windows-1252/)
  })
})

describe('readHtml on bad input', () => {
  const cases: [string, Uint8Array | string, RegExp][] = [
    ['empty', '', /empty page/],
    ['whitespace only', '   \n\t ', /empty page/],
    ['plain text, not HTML', 'just some words without markup', /not HTML/],
    ['binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 6, 0]), /binary data/],
    ['no article content', page('<title>Empty</title>', '<nav><a>Home</a></nav>'), /no article text/],
    [
      'deep nesting',
      `<html><body>${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}</body></html>`,
      /nested 5002 elements deep/,
    ],
  ]
  for (const [name, input, reason] of cases) {
    it(name, () => {
      const result = readHtml(input, 'bad.html')
      assert.equal(result.articles.length, 0)
      assert.equal(result.errors.length, 1)
      assert.equal(result.errors[0].source, 'bad.html')
      assert.match(result.errors[0].reason, reason)
      assert.doesNotMatch(result.errors[0].reason, /\n/)
    })
  }

  it('refuses a page over the size limit before parsing', () => {
    const result = readHtml(Buffer.alloc(2048, 0x20), 'big.html', { maxBytes: 1024 })
    assert.match(result.errors[0].reason, /page too large \(2048 bytes; the limit is 1024\)/)
  })

  it('reads a truncated page as far as it goes', () => {
    const html = page('', ARTICLE)
    const cut = html.slice(0, html.indexOf(PARAS[2]) + 40)
    const [article] = readHtml(cut, 'cut.html').articles
    assert.match(article.text, /900 passengers/)
  })
})

describe('html helpers', () => {
  it('scans tag depth without counting void or implicitly closed elements', () => {
    assert.equal(scanDepth('<div><p>a<p>b<br><img src=x><div><span>c</span></div></div>'), 3)
    assert.equal(scanDepth('<script>"<div><div><div>"</script><div></div>'), 1)
  })
  it('parses days as written', () => {
    const cases: [string | undefined, string | undefined][] = [
      ['2024-02-07T23:59:00-08:00', '2024-02-07'],
      ['Wed, 07 Feb 2024 10:00:00 GMT', '2024-02-07'],
      ['Tue, 15 Apr 2031 21:40:00 -0500', '2031-04-15'],
      ['3 Sept. 2030', '2030-09-03'],
      ['2024-13-01', undefined],
      ['yesterday-ish', undefined],
      [undefined, undefined],
    ]
    for (const [input, expected] of cases) assert.equal(isoDay(input), expected, String(input))
  })
  it('finds dates in URL paths', () => {
    assert.equal(dateFromUrl('https://a.example/2024/02/07/story'), '2024-02-07')
    assert.equal(dateFromUrl('https://a.example/news/2024-02-07-story.html'), '2024-02-07')
    assert.equal(dateFromUrl('https://a.example/20240207/story'), '2024-02-07')
    assert.equal(dateFromUrl('https://a.example/2024/13/07/story'), undefined)
    assert.equal(dateFromUrl('https://a.example/story-12345'), undefined)
  })
  it('renders block text iteratively', () => {
    const leaf = (value: string) => ({ nodeType: 3, nodeName: '#text', nodeValue: value, childNodes: [] })
    const el = (name: string, ...children: object[]) => ({
      nodeType: 1,
      nodeName: name,
      nodeValue: null,
      childNodes: children,
    })
    const tree = el(
      'DIV',
      el('P', leaf('  one\n two ')),
      el('P', leaf('three'), el('BR'), leaf('four')),
      leaf('tail'),
    )
    assert.equal(blockText(tree as never), 'one two\n\nthree four\n\ntail')
  })
})

describe('readHtml extraction corpus (must contain / must not contain)', () => {
  const dir = new URL('../../test/fixtures/ingest/pages/', import.meta.url)
  const expectations = JSON.parse(readFileSync(new URL('expectations.json', dir), 'utf8')) as Record<
    string,
    { meta: Record<string, string>; mustContain: string[]; mustNotContain: string[] }
  >
  for (const [file, expected] of Object.entries(expectations)) {
    it(file, () => {
      const result = readHtml(readFileSync(new URL(file, dir)), file)
      assert.deepEqual(result.errors, [])
      const [article] = result.articles
      for (const [key, value] of Object.entries(expected.meta))
        assert.equal(article.meta[key as 'title'], value, key)
      for (const text of expected.mustContain)
        assert.ok(article.text.includes(text), `must contain ${JSON.stringify(text)}`)
      for (const text of expected.mustNotContain) {
        assert.ok(!article.text.includes(text), `must not contain ${JSON.stringify(text)}`)
      }
    })
  }
})

describe('cleanTitle', () => {
  const cases: [string, string | undefined, string | undefined, string][] = [
    ['Bridge closes | The Valley Ledger', 'The Valley Ledger', undefined, 'Bridge closes'],
    ['Valley Ledger — Bridge closes', undefined, 'https://www.valleyledger.example/x', 'Bridge closes'],
    [
      'Bridge closes - and what it means for you',
      'The Valley Ledger',
      undefined,
      'Bridge closes - and what it means for you',
    ],
    ['Analysis: the bridge vote', 'Ledger', undefined, 'Analysis: the bridge vote'],
    ['Bridge closes', 'Ledger', undefined, 'Bridge closes'],
  ]
  for (const [title, outlet, url, expected] of cases)
    it(title, () => assert.equal(cleanTitle(title, outlet, url), expected))
})
