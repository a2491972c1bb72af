/**
 * Property tests over every reader: random bytes, random text, mutated real-shaped inputs and
 * generated documents never make a reader throw; every error is one line naming its input; every
 * article read goes through the default pipeline with the document invariants (assertDoc) holding.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, describe, it } from 'node:test'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { DecodeError, decodeBuffer, firstInvalidUtf8 } from '../../src/ingest/decode.ts'
import { readFeed, readOpml } from '../../src/ingest/feed.ts'
import { readHtml } from '../../src/ingest/html.ts'
import { readJsonl } from '../../src/ingest/jsonl.ts'
import { readTextArticle } from '../../src/ingest/text.ts'
import type { ReadResult } from '../../src/ingest/types.ts'
import { assertDoc } from '../../src/model/invariants.ts'
import { analyseDocument } from '../../src/pipeline/default.ts'

/** Cases run per property; the total is printed at the end for the engineering notes. */
const RUNS = Number(process.env.PARALLAX_FUZZ_RUNS ?? 300)
let casesRun = 0
after(() => process.stdout.write(`# fuzz: ${casesRun} cases run\n`))

const fixture = (path: string): Buffer => readFileSync(new URL(`../fixtures/ingest/${path}`, import.meta.url))
const SEEDS: Record<string, Buffer> = {
  html: fixture('pages/valley-ledger-bridge.html'),
  rss: fixture('feeds/valley-ledger.rss'),
  atom: fixture('feeds/northgate-courier.atom'),
  json: fixture('feeds/harbour-times.json'),
  opml: fixture('feeds/subscriptions.opml'),
}

type Reader = (bytes: Uint8Array, source: string) => ReadResult | { errors: ReadResult['errors'] }
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8')
const READERS: Record<string, Reader> = {
  html: (b, s) => readHtml(b, s),
  feed: (b, s) => readFeed(b, s),
  opml: (b, s) => readOpml(b, s),
  text: (b, s) => readTextArticle(utf8(b), s),
  jsonl: (b, s) => readJsonl(utf8(b), s),
}

/** The reader contract: no throw, one-line errors naming the input, articles that pass the pipeline's invariants. */
const checkReader = (name: string, read: Reader, bytes: Uint8Array, analyse: boolean): void => {
  casesRun++
  const source = `fuzz-${name}`
  const result = read(bytes, source)
  for (const error of result.errors) {
    assert.ok(error.source.startsWith(source), `error names its input: ${error.source}`)
    assert.ok(
      error.reason.length > 0 && !error.reason.includes('\n'),
      `one-line reason: ${JSON.stringify(error.reason)}`,
    )
    assert.doesNotMatch(error.reason, /^\s+at |\n\s+at /, 'no stack trace')
  }
  if (!('articles' in result)) return
  for (const article of result.articles) {
    assert.equal(typeof article.text, 'string')
    assert.equal(article.meta.source.startsWith(source), true)
    if (article.meta.published) assert.match(article.meta.published, /^\d{4}-\d{2}-\d{2}$/)
    if (analyse) assertDoc(analyseDocument(article))
  }
}

/** Byte-level damage: truncation, deletion, insertion of random bytes, duplication, bit flips. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 64 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 32 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
)
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

const mutate = (seed: Buffer, mutations: Mutation[]): Buffer => {
  let buf = Buffer.from(seed)
  for (const m of mutations) {
    const at = buf.length === 0 ? 0 : m.at % buf.length
    if (m.kind === 'truncate') buf = buf.subarray(0, at)
    else if (m.kind === 'delete') buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.length)])
    else if (m.kind === 'insert')
      buf = Buffer.concat([buf.subarray(0, at), Buffer.from(m.bytes), buf.subarray(at)])
    else if (m.kind === 'duplicate') buf = Buffer.concat([buf.subarray(0, at + m.length), buf.subarray(at)])
    else if (buf.length > 0) buf[at] ^= 1 << m.bit
  }
  return buf
}

const WORDS = [
  'bridge',
  'Harlow',
  'county',
  '12,000',
  'said',
  '“closed”',
  'café',
  'جسر',
  'мост',
  '橋',
  '&amp;',
  '&',
  '<',
  '>',
  '"',
  "'",
  '\u200b',
  '😀',
]
const word = fc.constantFrom(...WORDS)
const sentence = fc.array(word, { minLength: 1, maxLength: 25 }).map((w) => `${w.join(' ')}.`)
const attribute = fc.constantFrom(
  '',
  ' class="comments"',
  ' class="byline"',
  ' id="cookie-banner"',
  ' hidden',
  ' lang="ar"',
  ' class="related"',
)

/** Random HTML trees: nesting, furniture classes, unclosed and stray tags, entities and scripts. */
const htmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    sentence,
    fc.constantFrom(
      '<br>',
      '</p>',
      '<p>',
      '</div>',
      '<script>var a = "<p>x</p>"</script>',
      '&nbsp;',
      '&#x1F600;',
      '<!-- c -->',
      '<![CDATA[x]]>',
    ),
    fc
      .tuple(
        fc.constantFrom(
          'div',
          'p',
          'article',
          'section',
          'span',
          'nav',
          'aside',
          'h1',
          'li',
          'table',
          'time',
        ),
        attribute,
        fc.array(tie('node'), { maxLength: 5 }),
      )
      .map(([tag, attr, children]) => `<${tag}${attr}>${children.join('')}</${tag}>`),
  ),
})).node

const HEADS = fc.constantFrom(
  '',
  '<meta charset="windows-1256">',
  '<meta property="article:published_time" content="2031-04-15T10:00:00Z">',
  '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2031-02-30"}</script>',
  '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"name":"A"},7,null]}]}</script>',
  '<link rel="canonical" href="javascript:alert(1)">',
  '<title>Made-up | Ledger</title>',
)

const xmlText = fc.array(word, { maxLength: 8 }).map((w) => w.join(' '))
const feedItem = fc
  .record({
    title: xmlText,
    link: fc.constantFrom(
      'https://ledger.example/a',
      '/relative',
      'javascript:x',
      '',
      'http://[::1]/',
      'https://ledger.example/a?b=1&amp;c=2',
    ),
    date: fc.constantFrom('Tue, 15 Apr 2031 21:40:00 -0500', '2031-04-15', 'yesterday', '', '2031-13-45'),
    cdata: fc.boolean(),
  })
  .map(({ title, link, date, cdata }) => {
    const body = cdata ? `<![CDATA[${title}]]>` : title.replace(/&(?!amp;)/g, '&amp;').replace(/</g, '&lt;')
    return `<item><title>${body}</title><link>${link}</link><pubDate>${date}</pubDate><description>${body}</description></item>`
  })

describe('readers never throw (fast-check)', () => {
  for (const [name, read] of Object.entries(READERS)) {
    it(`${name}: random bytes`, () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => checkReader(name, read, bytes, false)),
        { numRuns: RUNS },
      )
    })
    it(`${name}: random text`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 1024 }), (text) =>
          checkReader(name, read, Buffer.from(text), false),
        ),
        { numRuns: RUNS },
      )
    })
  }

  for (const [seedName, seed] of Object.entries(SEEDS)) {
    it(`mutated ${seedName} through every reader`, () => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
          const bytes = mutate(seed, mutations)
          for (const [name, read] of Object.entries(READERS)) checkReader(name, read, bytes, false)
        }),
        { numRuns: Math.ceil(RUNS / 3) },
      )
    })
  }

  it('decodeBuffer gives back exactly the text that was encoded (no normalisation, so offsets hold)', () => {
    const printable = (text: string): boolean => !/[\u0000-\u0008\u000e-\u001f\ufeff\ufffd]/.test(text)
    const utf8Text = fc.string({ unit: 'grapheme', maxLength: 200 }).filter(printable)
    const cyrillic = fc
      .array(fc.constantFrom(...'Мост закрыт, «мэр» — 12 000 ёжиков.\n'), { maxLength: 200 })
      .map((c) => c.join(''))
    const arabic = fc
      .array(fc.constantFrom(...'قال المتحدث إن الجسر أغلق، 12 شخصا.\n'), { maxLength: 200 })
      .map((c) => c.join(''))
    const cases = fc.oneof(
      utf8Text.map((text) => ({ text, bytes: Buffer.from(text, 'utf8'), declared: undefined })),
      utf8Text.map((text) => ({
        text,
        bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        declared: undefined,
      })),
      utf8Text.map((text) => ({
        text,
        bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]),
        declared: undefined,
      })),
      cyrillic.map((text) => ({ text, bytes: iconv.encode(text, 'windows-1251'), declared: 'windows-1251' })),
      arabic.map((text) => ({ text, bytes: iconv.encode(text, 'windows-1256'), declared: 'windows-1256' })),
      // windows-1252 as written: accented letters between ASCII, never valid UTF-8, so never overridden.
      fc
        .array(fc.constantFrom(...'Café crème, naïve “résumé” – 12 €.\n'), { maxLength: 200 })
        .map((c) => c.join(''))
        .map((text) => ({ text, bytes: iconv.encode(text, 'windows-1252'), declared: 'windows-1252' })),
    )
    fc.assert(
      fc.property(cases, ({ text, bytes, declared }) => {
        casesRun++
        const decoded = decodeBuffer(bytes, { declared })
        // The one documented exception: bytes under the windows-1252 default label that are valid
        // multi-byte UTF-8 are read as UTF-8, with a warning ("é€–" is also the UTF-8 of "逖").
        const overridden =
          declared === 'windows-1252' && firstInvalidUtf8(bytes) < 0 && bytes.some((b) => b >= 0x80)
        if (overridden) {
          assert.equal(decoded.text, bytes.toString('utf8'))
          assert.match(decoded.warnings.join(' '), /valid UTF-8; read as UTF-8/)
        } else assert.equal(decoded.text, text)
      }),
      { numRuns: RUNS },
    )
  })

  it('decodeBuffer throws nothing but DecodeError and returns a string', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1024 }),
        fc.constantFrom(undefined, 'utf-8', 'windows-1256', 'utf-16le', 'x-bogus', 'ISO-8859-1'),
        (bytes, declared) => {
          casesRun++
          try {
            assert.equal(typeof decodeBuffer(bytes, { declared }).text, 'string')
          } catch (error) {
            assert.ok(error instanceof DecodeError, String(error))
          }
        },
      ),
      { numRuns: RUNS },
    )
  })
})

describe('read then analyse: document invariants hold (fast-check)', () => {
  it('generated HTML pages', () => {
    fc.assert(
      fc.property(HEADS, fc.array(htmlTree, { minLength: 1, maxLength: 6 }), (head, body) => {
        const html = `<!doctype html><html><head>${head}</head><body>${body.join('')}</body></html>`
        checkReader('html', READERS.html, Buffer.from(html), true)
      }),
      { numRuns: RUNS },
    )
  })

  it('mutated article page', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        checkReader('html', READERS.html, mutate(SEEDS.html, mutations), true)
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })

  it('generated RSS feeds give at most one item per <item>, each with an http(s) URL', () => {
    fc.assert(
      fc.property(fc.array(feedItem, { maxLength: 8 }), (items) => {
        casesRun++
        const feed = readFeed(
          `<rss><channel><title>Made-up</title>${items.join('')}</channel></rss>`,
          'gen.rss',
          {
            url: 'https://ledger.example/feed.rss',
          },
        )
        assert.ok(feed.items.length <= items.length)
        for (const item of feed.items) assert.match(item.url, /^https?:\/\//)
        assert.equal(
          feed.items.length + feed.errors.filter((e) => e.source.includes('#item')).length <= items.length,
          true,
        )
      }),
      { numRuns: RUNS },
    )
  })

  it('generated text articles', () => {
    fc.assert(
      fc.property(
        fc.array(sentence, { maxLength: 12 }),
        fc.constantFrom('', ' date 2031-04-15 https://ledger.example/a\n'),
        (lines, first) => {
          checkReader('text', READERS.text, Buffer.from(first + lines.join('\n')), true)
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })
})
