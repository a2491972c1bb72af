import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import zlib from 'node:zlib'
import { startServer } from '../../test/fixtures/ingest/server.ts'
import {
  addressRange,
  createSession,
  type FetchError,
  type FetchOptions,
  fetchUrl,
  resolveChecked,
  USER_AGENT,
} from './fetch.ts'

const PAGE = '<html><body><p>A made-up page.</p></body></html>'

describe('fetchUrl against a local server', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  // Tests talk to 127.0.0.1 only, so they allow private addresses; politeness is off except where tested.
  const base = (): FetchOptions => ({
    allowPrivate: true,
    politenessMs: 0,
    session: createSession(),
    timeoutMs: 5000,
  })

  before(async () => {
    server = await startServer({
      '/page': { headers: { 'content-type': 'text/html; charset=windows-1251' }, body: PAGE },
      '/hop1': { status: 301, headers: { location: '/hop2' } },
      '/hop2': { status: 302, headers: { location: '/page' } },
      '/loop': { status: 302, headers: { location: '/loop' } },
      '/to-metadata': { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
      '/to-private-name': { status: 302, headers: { location: 'http://intranet.example/' } },
      '/to-file': { status: 302, headers: { location: 'file:///etc/passwd' } },
      '/big': { body: 'x'.repeat(4096) },
      '/big-chunked': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        for (let i = 0; i < 8; i++) res.write('y'.repeat(1024))
        res.end()
      },
      '/bomb': {
        headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' },
        body: zlib.gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20)),
      },
      '/gzip': {
        headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' },
        body: zlib.gzipSync(PAGE),
      },
      '/hang': () => {
        // Never answers: the client's deadline must end the request.
      },
      '/missing-location': { status: 302, headers: {} },
      '/gone': { status: 410, body: 'gone' },
      '/etag': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end()
        else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Tue, 15 Apr 2031 10:00:00 GMT' }).end(PAGE)
      },
    })
  })
  after(() => server.close())

  it('fetches a page with the Parallax User-Agent and reports the declared charset', async () => {
    const result = await fetchUrl(`${server.url}/page`, base())
    assert.equal(result.status, 200)
    assert.equal(result.body.toString(), PAGE)
    assert.equal(result.charset, 'windows-1251')
    const seen = server.seen.find((r) => r.path === '/page')
    assert.equal(seen?.headers['user-agent'], USER_AGENT)
    assert.match(USER_AGENT, /^Parallax\/\d+\.\d+\.\d+ \(\+https:\/\/\S+\)$/)
  })

  it('refuses loopback without allowPrivate, before connecting', async () => {
    const before = server.seen.length
    await assert.rejects(
      fetchUrl(`${server.url}/page`, { ...base(), allowPrivate: false }),
      (error: FetchError) => {
        assert.equal(error.code, 'blocked-address')
        assert.match(
          error.message,
          /refused 127\.0\.0\.1: it resolves to 127\.0\.0\.1 \(loopback\).*--allow-private/,
        )
        return true
      },
    )
    assert.equal(server.seen.length, before)
  })

  it('follows redirects and reports the final URL', async () => {
    const result = await fetchUrl(`${server.url}/hop1`, base())
    assert.equal(result.url, `${server.url}/page`)
    assert.equal(result.body.toString(), PAGE)
  })

  it('caps redirects', async () => {
    await assert.rejects(
      fetchUrl(`${server.url}/loop`, { ...base(), maxRedirects: 3 }),
      /more than 3 redirects/,
    )
  })

  // Only the test server's own address is allowed: every redirect hop is checked again.
  const onlyLocal = (): FetchOptions => ({
    ...base(),
    allowPrivate: false,
    allowAddress: (a) => a === '127.0.0.1',
    resolve: async (host) => [{ address: host === 'intranet.example' ? '10.1.2.3' : '127.0.0.1', family: 4 }],
  })
  const redirects: [string, RegExp][] = [
    ['/to-metadata', /refused 169\.254\.169\.254: .*\(linkLocal\)/],
    ['/to-private-name', /refused intranet\.example: it resolves to 10\.1\.2\.3 \(private\)/],
    ['/to-file', /only http and https/],
  ]
  for (const [path, reason] of redirects) {
    it(`re-checks the redirect hop of ${path}`, async () => {
      await assert.rejects(fetchUrl(`${server.url}${path}`, onlyLocal()), reason)
    })
  }

  it('connects to the address it checked, so a rebinding DNS answer cannot switch it', async () => {
    let calls = 0
    // First answer: the test server (allowed). Any later answer: a private address (refused).
    const resolve = async () => [{ address: calls++ === 0 ? '127.0.0.1' : '10.9.9.9', family: 4 }]
    const port = new URL(server.url).port
    const result = await fetchUrl(`http://rebind.example:${port}/page`, {
      ...onlyLocal(),
      robots: false,
      resolve,
    })
    assert.equal(result.body.toString(), PAGE)
    assert.equal(calls, 1, 'resolved once, then connected to that address')
  })

  const tooLarge: [string, string][] = [
    ['by Content-Length', '/big'],
    ['while streaming', '/big-chunked'],
    ['after decompression (gzip bomb)', '/bomb'],
  ]
  for (const [how, path] of tooLarge) {
    it(`refuses a body over the size cap ${how}`, async () => {
      await assert.rejects(
        fetchUrl(`${server.url}${path}`, { ...base(), maxBytes: 2048 }),
        (error: FetchError) => {
          assert.equal(error.code, 'too-large')
          return true
        },
      )
    })
  }

  it('decompresses gzip', async () => {
    assert.equal((await fetchUrl(`${server.url}/gzip`, base())).body.toString(), PAGE)
  })

  it('gives up on a server that never answers', async () => {
    await assert.rejects(
      fetchUrl(`${server.url}/hang`, { ...base(), robots: false, timeoutMs: 150 }),
      /no complete response within 150 ms/,
    )
  })

  it('reports HTTP errors and broken redirects in one line', async () => {
    await assert.rejects(fetchUrl(`${server.url}/gone`, base()), /\/gone: HTTP 410$/)
    await assert.rejects(
      fetchUrl(`${server.url}/missing-location`, base()),
      /redirect \(302\) without a Location/,
    )
  })

  it('makes conditional requests with the saved ETag', async () => {
    const session = createSession()
    const first = await fetchUrl(`${server.url}/etag`, { ...base(), session })
    assert.equal(first.notModified, false)
    assert.deepEqual(session.validators[`${server.url}/etag`], {
      etag: '"v1"',
      lastModified: 'Tue, 15 Apr 2031 10:00:00 GMT',
    })
    // A later run starts from the persisted validators, as `watch` does.
    const second = await fetchUrl(`${server.url}/etag`, {
      ...base(),
      session: createSession(session.validators),
    })
    assert.equal(second.notModified, true)
    assert.equal(second.body.length, 0)
    const last = server.seen.filter((r) => r.path === '/etag').at(-1)
    assert.equal(last?.headers['if-none-match'], '"v1"')
    assert.equal(last?.headers['if-modified-since'], 'Tue, 15 Apr 2031 10:00:00 GMT')
  })

  it('does not send back a saved validator that is not a valid header value', async () => {
    const session = createSession({
      [`${server.url}/etag`]: { etag: '"v1"\r\nX-Injected: 1', lastModified: 'ok' },
    })
    const result = await fetchUrl(`${server.url}/etag`, { ...base(), session })
    assert.equal(result.status, 200)
    const last = server.seen.filter((r) => r.path === '/etag').at(-1)
    assert.equal(last?.headers['if-none-match'], undefined)
    assert.equal(last?.headers['x-injected'], undefined)
  })

  it('waits between requests to one host', async () => {
    const session = createSession()
    // Measured on the client: the second request may not start before the first's slot plus the delay.
    const started = Date.now()
    await fetchUrl(`${server.url}/page`, { ...base(), session, politenessMs: 200 })
    await fetchUrl(`${server.url}/page`, { ...base(), session, politenessMs: 200 })
    const elapsed = Date.now() - started
    assert.ok(elapsed >= 195, `two requests took only ${elapsed} ms`)
  })

  it('sees through numeric spellings of loopback', async () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://[::ffff:7f00:1]/']) {
      await assert.rejects(fetchUrl(url, { ...base(), allowPrivate: false }), /\(loopback\)/, url)
    }
  })

  it('rejects non-http URLs and URLs with credentials', async () => {
    await assert.rejects(fetchUrl('ftp://files.example/x', base()), /only http and https/)
    await assert.rejects(fetchUrl('not a url', base()), /not a URL/)
    await assert.rejects(fetchUrl('http://user:pw@news.example/', base()), /with credentials/)
  })
})

describe('robots.txt', () => {
  const cases: [string, Record<string, { status?: number; body?: string }>, string, RegExp | null][] = [
    [
      'disallowed path',
      { '/robots.txt': { body: 'User-agent: *\nDisallow: /private\n' } },
      '/private/a',
      /disallowed by .*robots\.txt/,
    ],
    ['allowed path', { '/robots.txt': { body: 'User-agent: *\nDisallow: /private\n' } }, '/a', null],
    [
      'rule for Parallax',
      { '/robots.txt': { body: 'User-agent: Parallax\nDisallow: /\n' } },
      '/a',
      /disallowed/,
    ],
    ['no robots.txt (404)', {}, '/a', null],
    ['robots.txt server error: stay out', { '/robots.txt': { status: 503, body: '' } }, '/a', /disallowed/],
  ]
  for (const [name, robots, path, expected] of cases) {
    it(name, async () => {
      const server = await startServer({ ...robots, '/a': { body: PAGE }, '/private/a': { body: PAGE } })
      try {
        const fetching = fetchUrl(`${server.url}${path}`, {
          allowPrivate: true,
          politenessMs: 0,
          session: createSession(),
        })
        if (expected) await assert.rejects(fetching, expected)
        else assert.equal((await fetching).status, 200)
      } finally {
        await server.close()
      }
    })
  }
})

describe('address checks', () => {
  const ranges: [string, string][] = [
    ['93.184.216.34', 'unicast'],
    ['127.0.0.1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['not-an-ip', 'invalid'],
  ]
  for (const [address, range] of ranges)
    it(`${address} is ${range}`, () => assert.equal(addressRange(address), range))

  it('refuses a name when any of its addresses is private', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ]
    await assert.rejects(resolveChecked('mixed.example', { resolve }), /resolves to 10\.0\.0\.7 \(private\)/)
    assert.equal(
      (await resolveChecked('mixed.example', { resolve, allowPrivate: true })).address,
      '93.184.216.34',
    )
  })

  it('refuses IP literals in private ranges without resolving', async () => {
    const resolve = async (): Promise<never> => assert.fail('must not resolve a literal')
    await assert.rejects(resolveChecked('[::1]', { resolve }), /\(loopback\)/)
    await assert.rejects(resolveChecked('169.254.169.254', { resolve }), /\(linkLocal\)/)
  })

  it('names a host that does not resolve', async () => {
    const resolve = async (): Promise<never> => {
      throw Object.assign(new Error('x'), { code: 'ENOTFOUND' })
    }
    await assert.rejects(
      resolveChecked('nowhere.example', { resolve }),
      /cannot resolve nowhere\.example \(ENOTFOUND\)/,
    )
  })
})
