/**
 * Property test over the URL reader against a hostile server: a raw TCP server on 127.0.0.1 answers
 * with generated, often broken HTTP (random statuses and headers, lying Content-Length, fake gzip,
 * redirects to odd places, garbage, connections cut mid-body). readUrl must never throw and every
 * error must be one line naming the URL.
 */
import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, describe, it } from 'node:test'
import zlib from 'node:zlib'
import fc from 'fast-check'
import { createSession } from '../../src/ingest/fetch.ts'
import { readUrl } from '../../src/ingest/url.ts'
import { assertDoc } from '../../src/model/invariants.ts'
import { analyseDocument } from '../../src/pipeline/default.ts'

const RUNS = Math.ceil(Number(process.env.PARALLAX_FUZZ_RUNS ?? 300) / 3)
let casesRun = 0
after(() => process.stdout.write(`# http fuzz: ${casesRun} cases run\n`))

interface Answer {
  raw: Buffer
  /** Cut the connection after the bytes instead of closing it cleanly. */
  reset: boolean
}

const PAGE = Buffer.from(
  '<html><head><title>Made-up</title></head><body><article><p>The Harlow bridge closed on Tuesday after inspectors found cracks in two piers, the county said.</p></article></body></html>',
)
const FEED = (base: string): Buffer =>
  Buffer.from(`<rss><channel><item><link>${base}/item</link><title>Item</title></item></channel></rss>`)

const header = fc.constantFrom(
  'Content-Type: text/html; charset=utf-8',
  'Content-Type: text/html; charset=x-bogus',
  'Content-Type: application/rss+xml',
  'Content-Type: image/png',
  'Content-Type: text/plain',
  'Content-Encoding: gzip',
  'Content-Encoding: br',
  'Content-Encoding: deflate',
  'Content-Length: 5',
  'Content-Length: 999999',
  'Content-Length: -1',
  'Content-Length: abc',
  'Transfer-Encoding: chunked',
  'Location: /page',
  'Location: http://169.254.169.254/',
  'Location: javascript:alert(1)',
  'Location: ',
  'Location: //127.0.0.1:1/x',
  'ETag: "x"',
  'Last-Modified: not a date',
  'X-Junk: \u00ff\u00fe',
)

const body = (base: string) =>
  fc.oneof(
    fc.constant(PAGE),
    fc.constant(FEED(base)),
    fc.constant(zlib.gzipSync(PAGE)),
    fc.constant(Buffer.from('5\r\nhello\r\n0\r\n\r\n')),
    fc.constant(Buffer.from('zz\r\nnot chunked\r\n')),
    fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
    fc.constant(Buffer.alloc(0)),
  )

/** Sound answers a third of the time, so the reader's success path is exercised as well as its refusals. */
const answer = (base: string): fc.Arbitrary<Answer> =>
  fc.oneof({ arbitrary: sound(base), weight: 1 }, { arbitrary: hostile(base), weight: 2 })

const sound = (base: string): fc.Arbitrary<Answer> =>
  fc.constantFrom(PAGE, FEED(base)).map((payload) => ({
    raw: Buffer.concat([
      Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${payload.length}\r\n\r\n`),
      payload,
    ]),
    reset: false,
  }))

const hostile = (base: string): fc.Arbitrary<Answer> =>
  fc
    .record({
      statusLine: fc.oneof(
        fc.integer({ min: 100, max: 599 }).map((code) => `HTTP/1.1 ${code} X`),
        fc.constantFrom(
          'HTTP/1.1 200 OK',
          'HTTP/1.1 301 Moved',
          'HTTP/1.1 304 Not Modified',
          'HTTP/9.9 200 OK',
          'garbage',
          '',
        ),
      ),
      headers: fc.array(header, { maxLength: 5 }),
      body: body(base),
      cut: fc.option(fc.nat({ max: 300 }), { nil: undefined }),
      reset: fc.boolean(),
    })
    .map(({ statusLine, headers, body, cut, reset }) => {
      const raw = Buffer.concat([
        Buffer.from(`${statusLine}\r\n${headers.join('\r\n')}\r\n\r\n`, 'latin1'),
        body,
      ])
      return { raw: cut === undefined ? raw : raw.subarray(0, cut), reset }
    })

describe('readUrl against a hostile server (fast-check)', () => {
  let server: net.Server
  let base = ''
  let current: Answer = { raw: Buffer.alloc(0), reset: false }

  before(async () => {
    server = net.createServer((socket) => {
      socket.on('error', () => {})
      socket.once('data', () => {
        const { raw, reset } = current
        socket.write(raw, () => (reset ? socket.resetAndDestroy() : socket.end()))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('never throws; errors are one line naming the URL; articles pass the invariants', async () => {
    let read = 0
    let refused = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constant(null).chain(() => answer(base)),
        async (spec) => {
          casesRun++
          current = spec
          const url = `${base}/page`
          const result = await readUrl(url, {
            allowPrivate: true,
            robots: false,
            politenessMs: 0,
            timeoutMs: 2000,
            maxRedirects: 2,
            maxItems: 1,
            session: createSession(),
          })
          for (const error of result.errors) {
            assert.ok(error.source.startsWith(base) || error.source.startsWith('http'), error.source)
            assert.ok(error.reason.length > 0 && !error.reason.includes('\n'), JSON.stringify(error.reason))
          }
          for (const article of result.articles) assertDoc(analyseDocument(article))
          if (result.articles.length > 0) read++
          if (result.errors.length > 0) refused++
        },
      ),
      { numRuns: RUNS },
    )
    // The generator must reach both outcomes, or the property is not testing the reader.
    assert.ok(read > 0 && refused > 0, `${read} read, ${refused} refused`)
  })
})
