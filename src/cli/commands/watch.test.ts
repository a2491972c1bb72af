import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startServer } from '../../../test/fixtures/ingest/server.ts'
import { openStore } from '../../store/sqlite.ts'
import { UsageError } from '../errors.ts'
import { parseDuration, pruneState, run, type WatchState } from './watch.ts'

const page = (title: string, sentences: string[]): string =>
  `<html><head><title>${title}</title><meta name="date" content="2031-04-15"></head><body><article><h1>${title}</h1>${sentences
    .map((s) => `<p>${s}</p>`)
    .join('')}</article></body></html>`

const PAGES: Record<string, string> = {
  '/a': page('Harlow bridge closes', [
    'The Harlow bridge closed on Tuesday after inspectors found cracks in two piers, Orrin County said.',
    'About 12,000 drivers use the bridge each day, officials said.',
  ]),
  '/b': page('Detour adds twenty minutes', [
    'Drivers faced a twenty-minute detour through Wexley on Wednesday after the Harlow bridge closed.',
    'The county said repairs would take three months.',
  ]),
  '/c': page('Ferry sailings added', [
    'The Pellham ferry will add four sailings a day while the Harlow bridge is shut, the harbour office said.',
  ]),
}

/** Runs the command with stderr captured, so tests can check its one-line messages. */
const watch = async (args: string[]): Promise<{ code: number; err: string }> => {
  const write = process.stderr.write
  let err = ''
  process.stderr.write = ((chunk: string) => {
    err += chunk
    return true
  }) as typeof process.stderr.write
  try {
    return { code: await run(args), err }
  } finally {
    process.stderr.write = write
  }
}

describe('parallax watch --once', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let dir: string
  let items: string[]
  let etag: string
  let flaky = 0

  const rss = (): string =>
    `<rss><channel><title>Made-up Ledger</title>${items
      .map(
        (path) => `<item><title>${path}</title><link>${server.url}${path}</link><guid>${path}</guid></item>`,
      )
      .join('')}</channel></rss>`

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-watch-'))
    items = ['/a', '/b']
    etag = '"1"'
    server = await startServer({
      '/feed.rss': (req, res) => {
        if (req.headers['if-none-match'] === etag) res.writeHead(304).end()
        else res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss())
      },
      '/flaky': (_req, res) => {
        // Fails on its first request, as a server in trouble would; fine afterwards.
        if (flaky++ === 0) res.writeHead(503).end()
        else
          res
            .writeHead(200, { 'content-type': 'text/html' })
            .end(PAGES['/c'].replace('Ferry sailings', 'Extra ferries'))
      },
      ...Object.fromEntries(Object.entries(PAGES).map(([path, html]) => [path, { body: html }])),
    })
  })
  after(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const base = (out: string): string[] => ['--once', '--allow-private', '--politeness', '0s', '--out', out]
  const docs = (out: string): string[] => readdirSync(join(out, 'docs')).sort()
  const state = (out: string): WatchState => JSON.parse(readFileSync(join(out, 'watch-state.json'), 'utf8'))

  it('keeps each new item as an analysed JSON document and writes a report', async () => {
    const out = join(dir, 'first')
    const { code, err } = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(code, 0, err)
    assert.equal(docs(out).length, 2)
    const doc = JSON.parse(readFileSync(join(out, 'docs', docs(out)[0]), 'utf8'))
    assert.ok(Array.isArray(doc.sentences) && doc.sentences.length > 0)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
    assert.equal(report.documents.length, 2)
    assert.deepEqual(Object.keys(state(out).seen).sort(), ['/a', '/b'])
    assert.match(err, /2 new articles/)
  })

  it('asks conditionally next time and adds nothing when the feed has not changed', async () => {
    const out = join(dir, 'first')
    const { code, err } = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(code, 0)
    assert.match(err, /feed\.rss: not modified/)
    assert.equal(server.seen.filter((r) => r.path === '/feed.rss').at(-1)?.headers['if-none-match'], '"1"')
    assert.equal(docs(out).length, 2)
  })

  it('adds only the new item when the feed changes', async () => {
    const out = join(dir, 'first')
    items = ['/c', '/a', '/b']
    etag = '"2"'
    const fetchedBefore = server.seen.filter((r) => r.path === '/a').length
    const { code } = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(code, 0)
    assert.equal(docs(out).length, 3)
    assert.equal(
      server.seen.filter((r) => r.path === '/a').length,
      fetchedBefore,
      'a seen item is not fetched again',
    )
  })

  it('retries a failed item on the next run without gaps or duplicates', async () => {
    const out = join(dir, 'flaky')
    items = ['/a', '/flaky']
    etag = '"3"'
    const first = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(first.code, 1)
    assert.match(first.err, /\/flaky: HTTP 503; will retry/)
    assert.equal(docs(out).length, 1)
    // The feed's validators were not saved, so the next run reads it in full rather than getting a 304.
    assert.deepEqual(state(out).validators, {})
    const second = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(second.code, 0, second.err)
    assert.equal(docs(out).length, 2)
    assert.deepEqual(Object.keys(state(out).seen).sort(), ['/a', '/flaky'])
  })

  it('does not duplicate articles kept by a run whose state was lost', async () => {
    const out = join(dir, 'lost-state')
    items = ['/a', '/b']
    etag = '"lost"'
    await watch([...base(out), `${server.url}/feed.rss`])
    // As if the run died after writing the documents but before saving what it had seen.
    rmSync(join(out, 'watch-state.json'))
    const { code, err } = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(code, 0, err)
    assert.equal(docs(out).length, 2)
    assert.match(err, /0 new articles/)
    assert.deepEqual(Object.keys(state(out).seen).sort(), ['/a', '/b'])
  })

  it('stores the same article once when it appears under two GUIDs', async () => {
    const out = join(dir, 'dupes')
    items = ['/a']
    etag = '"4"'
    await watch([...base(out), `${server.url}/feed.rss`])
    server.routes['/a-copy'] = { body: PAGES['/a'] }
    items = ['/a', '/a-copy']
    etag = '"5"'
    const { code } = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(code, 0)
    assert.equal(docs(out).length, 1)
    assert.ok(state(out).seen['/a-copy'])
  })

  it('reads a local OPML list and adds to the store', async () => {
    const opml = join(dir, 'subs.opml')
    writeFileSync(
      opml,
      `<opml version="2.0"><body><outline text="L" xmlUrl="${server.url}/feed.rss"/></body></opml>`,
    )
    const db = join(dir, 'watch.db')
    items = ['/a', '/b']
    etag = '"6"'
    const first = await watch(['--once', '--allow-private', '--politeness', '0s', '--db', db, opml])
    assert.equal(first.code, 0, first.err)
    const again = await watch(['--once', '--allow-private', '--politeness', '0s', '--db', db, opml])
    assert.match(again.err, /not modified/)
    const store = openStore(db)
    try {
      assert.equal(store.listDocuments().length, 2)
      assert.deepEqual(Object.keys(store.getState<WatchState>('watch-state')?.seen ?? {}).sort(), [
        '/a',
        '/b',
      ])
    } finally {
      store.close()
    }
  })

  it('refuses loopback feeds without --allow-private, naming the feed', async () => {
    const out = join(dir, 'blocked')
    const { code, err } = await watch(['--once', '--out', out, `${server.url}/feed.rss`])
    assert.equal(code, 1)
    assert.match(err, /parallax: http:\/\/127\.0\.0\.1:\d+\/feed\.rss: refused 127\.0\.0\.1: .*loopback/)
  })

  it('never overwrites a state file it cannot read', async () => {
    const out = join(dir, 'corrupt')
    await watch([...base(out), join(dir, 'missing.opml')])
    writeFileSync(join(out, 'watch-state.json'), '{"version": 1, "seen": {')
    const { code, err } = await watch([...base(out), `${server.url}/feed.rss`])
    assert.equal(code, 1)
    assert.match(err, /watch-state\.json: not valid JSON; fix or remove it/)
    assert.equal(readFileSync(join(out, 'watch-state.json'), 'utf8'), '{"version": 1, "seen": {')
  })

  it('refuses a 2 GB list file by size without reading it', async () => {
    const huge = join(dir, 'huge.opml')
    writeFileSync(huge, '')
    truncateSync(huge, 2 * 1024 ** 3)
    const { code, err } = await watch([...base(join(dir, 'huge')), huge])
    assert.equal(code, 1)
    assert.match(err, /huge\.opml: file too large \(2147483648 bytes; the limit is 16777216\)/)
  })

  it('names a missing list file', async () => {
    const out = join(dir, 'missing')
    const { code, err } = await watch([...base(out), join(dir, 'nope.opml')])
    assert.equal(code, 1)
    assert.match(err, /nope\.opml: no such file/)
    assert.ok(existsSync(join(out, 'docs')))
  })
})

describe('parallax watch killed mid-run', () => {
  it('resumes without duplicates or gaps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-watch-kill-'))
    let hang = true
    let reachedSlow: () => void = () => {}
    const slowRequested = new Promise<void>((resolve) => {
      reachedSlow = resolve
    })
    const server = await startServer({
      '/a': { body: PAGES['/a'] },
      '/b': { body: PAGES['/b'] },
      '/c': { body: PAGES['/c'] },
      '/slow': (_req, res) => {
        reachedSlow()
        // The first run is killed while waiting here; the second gets the page.
        if (!hang) res.writeHead(200, { 'content-type': 'text/html' }).end(PAGES['/c'])
      },
    })
    const feed = (paths: string[]): string =>
      `<rss><channel>${paths.map((p) => `<item><guid>${p}</guid><link>${server.url}${p}</link></item>`).join('')}</channel></rss>`
    server.routes['/one.rss'] = {
      headers: { 'content-type': 'application/rss+xml', etag: '"one"' },
      body: feed(['/a']),
    }
    server.routes['/two.rss'] = {
      headers: { 'content-type': 'application/rss+xml' },
      body: feed(['/b', '/slow']),
    }
    const out = join(dir, 'out')
    const args = [
      '--once',
      '--allow-private',
      '--politeness',
      '0s',
      '--out',
      out,
      `${server.url}/one.rss`,
      `${server.url}/two.rss`,
    ]
    const script = `const { run } = await import(${JSON.stringify(new URL('./watch.ts', import.meta.url).href)}); process.exitCode = await run(${JSON.stringify(args)})`
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: 'ignore',
      })
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
      await slowRequested
      child.kill('SIGKILL')
      await exited
      // The first feed was complete and is kept; the second's items are not marked seen.
      assert.equal(readdirSync(join(out, 'docs')).length, 1)
      hang = false
      const { code, err } = await watch(args)
      assert.equal(code, 0, err)
      const docs = readdirSync(join(out, 'docs')).filter((f) => f.endsWith('.json'))
      assert.equal(docs.length, 3)
      const sources = docs
        .map((f) => JSON.parse(readFileSync(join(out, 'docs', f), 'utf8')).meta.source)
        .sort()
      assert.deepEqual(sources, [`${server.url}/a`, `${server.url}/b`, `${server.url}/slow`])
      assert.match(err, /one\.rss: 0 new, 1 already seen/)
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('parallax watch stopped by SIGTERM', () => {
  it('aborts the fetch in flight, keeps what was complete and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-watch-term-'))
    let reachedSlow: () => void = () => {}
    const slowRequested = new Promise<void>((resolve) => {
      reachedSlow = resolve
    })
    const server = await startServer({
      '/a': { body: PAGES['/a'] },
      '/slow': () => reachedSlow(),
    })
    const feed = (paths: string[]): string =>
      `<rss><channel>${paths.map((p) => `<item><guid>${p}</guid><link>${server.url}${p}</link></item>`).join('')}</channel></rss>`
    server.routes['/one.rss'] = { headers: { 'content-type': 'application/rss+xml' }, body: feed(['/a']) }
    server.routes['/two.rss'] = { headers: { 'content-type': 'application/rss+xml' }, body: feed(['/slow']) }
    const out = join(dir, 'out')
    const args = [
      '--every',
      '1h',
      '--allow-private',
      '--politeness',
      '0s',
      '--out',
      out,
      `${server.url}/one.rss`,
      `${server.url}/two.rss`,
    ]
    const script = `const { run } = await import(${JSON.stringify(new URL('./watch.ts', import.meta.url).href)}); process.exitCode = await run(${JSON.stringify(args)})`
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: 'ignore',
      })
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      await slowRequested
      child.kill('SIGTERM')
      assert.equal(await exited, 0)
      const state = JSON.parse(readFileSync(join(out, 'watch-state.json'), 'utf8')) as WatchState
      assert.deepEqual(Object.keys(state.seen), ['/a'])
      assert.deepEqual(state.attempts, {}, 'an aborted fetch is not counted as a failed attempt')
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('parallax watch usage', () => {
  const cases: [string[], RegExp][] = [
    [[], /at least one feed/],
    [['--every', 'soon', 'https://x.example/f'], /--every as a duration/],
    [['--every', '10s', 'https://x.example/f'], /at least 1m/],
    [['--db', 'a.db', '--out', 'dir', 'https://x.example/f'], /either --db or --out/],
    [['--bogus', 'https://x.example/f'], /bogus/],
  ]
  for (const [args, message] of cases) {
    it(args.join(' ') || '(no arguments)', async () => {
      await assert.rejects(
        run(args),
        (error: Error) => error instanceof UsageError && message.test(error.message),
      )
    })
  }
  it('parses durations', () => {
    assert.deepEqual(['90s', '15m', '1h', '0s', '1.5m', '15', 'm'].map(parseDuration), [
      90_000,
      900_000,
      3_600_000,
      0,
      90_000,
      undefined,
      undefined,
    ])
  })
})

describe('pruneState', () => {
  const state = (): WatchState => ({
    version: 1,
    seen: {
      'guid-old-gone': '2026-01-01T00:00:00.000Z',
      'guid-old-listed': '2026-01-01T00:00:00.000Z',
      'guid-recent': '2026-11-01T00:00:00.000Z',
    },
    hashes: { h1: 'guid-old-gone', h2: 'guid-old-listed', h3: 'guid-recent' },
    attempts: {},
    validators: {},
  })

  it('forgets items no feed lists any more once they are older than the retention, with their hashes', () => {
    const s = state()
    const forgotten = pruneState(s, new Set(['guid-old-listed']), new Date('2026-11-23T00:00:00Z'))
    assert.equal(forgotten, 1)
    assert.deepEqual(Object.keys(s.seen).sort(), ['guid-old-listed', 'guid-recent'])
    assert.deepEqual(Object.keys(s.hashes).sort(), ['h2', 'h3'])
  })

  it('keeps everything within the retention', () => {
    const s = state()
    assert.equal(pruneState(s, new Set(), new Date('2026-01-15T00:00:00Z')), 0)
    assert.equal(Object.keys(s.seen).length, 3)
  })
})
