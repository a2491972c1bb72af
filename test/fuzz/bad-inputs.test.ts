/**
 * The bad-input corpus (test/fixtures/ingest/bad/, made-up broken files) plus generated hostile
 * files: every one gives at least one clear one-line error naming it, no reader throws on any of
 * them, and good input next to bad input is still read.
 */
import assert from 'node:assert/strict'
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { after, describe, it } from 'node:test'
import { analyzeArticles } from '../../src/analyze.ts'
import { readFeed, readOpml } from '../../src/ingest/feed.ts'
import { readHtml } from '../../src/ingest/html.ts'
import { readInputs } from '../../src/ingest/read.ts'
import type { InputError, ReadResult } from '../../src/ingest/types.ts'

const BAD = new URL('../fixtures/ingest/bad/', import.meta.url).pathname
const GOOD_PAGE = new URL('../fixtures/ingest/pages/valley-ledger-bridge.html', import.meta.url).pathname
const files = readdirSync(BAD).sort()

/** Reads one file the way its extension says (feeds and pages by this module's readers, the rest by readInputs). */
const readAs = async (path: string): Promise<ReadResult> => {
  const ext = extname(path)
  const bytes = (): Buffer => readFileSync(path)
  if (ext === '.html') return readHtml(bytes(), path)
  if (ext === '.rss' || ext === '.atom' || ext === '.json') {
    const feed = readFeed(bytes(), path)
    return { articles: [], errors: feed.errors }
  }
  if (ext === '.opml') return { articles: [], errors: readOpml(bytes(), path).errors }
  return readInputs([path])
}

const checkErrors = (errors: InputError[], path: string): void => {
  for (const error of errors) {
    assert.ok(error.source.startsWith(path), `error names ${path}: ${error.source}`)
    assert.ok(
      error.reason.length > 0 && !error.reason.includes('\n'),
      `one line: ${JSON.stringify(error.reason)}`,
    )
  }
}

// Files in the corpus that are damaged yet still hold something readable, and what must survive.
const PARTLY_GOOD: Record<string, number> = {
  'duplicate-a.html': 1,
  'duplicate-b.html': 1,
  'truncated.jsonl': 1,
  // Text that is not valid UTF-8 is still read (as the legacy encoding its bytes suggest), with a
  // warning on the document naming the byte: nothing is lost, and the reader is told.
  'invalid-utf8.txt': 1,
}
const WARNED = new Set(['invalid-utf8.txt'])

describe(`bad-input corpus (${files.length} files)`, () => {
  it('holds a corpus worth the name', () => assert.ok(files.length >= 30, `${files.length} files`))

  for (const name of files) {
    it(name, async () => {
      const path = join(BAD, name)
      const result = await readAs(path)
      checkErrors(result.errors, path)
      const expected = PARTLY_GOOD[name] ?? 0
      assert.equal(result.articles.length, expected, `articles from ${name}`)
      if (WARNED.has(name)) {
        assert.match(
          result.articles[0].warnings?.join(' ') ?? '',
          /not valid UTF-8/,
          `${name} is read with a warning`,
        )
      } else if (!name.startsWith('duplicate')) assert.ok(result.errors.length >= 1, `${name} gives an error`)
    })
  }

  it('no reader throws on any corpus file', () => {
    for (const name of files) {
      const bytes = readFileSync(join(BAD, name))
      for (const result of [readHtml(bytes, name), readFeed(bytes, name), readOpml(bytes, name)])
        checkErrors(result.errors, name)
    }
  })

  it('reads a duplicated article once, naming the copy', () => {
    const articles = ['duplicate-a.html', 'duplicate-b.html'].flatMap(
      (n) => readHtml(readFileSync(join(BAD, n)), n).articles,
    )
    const report = analyzeArticles(articles, { workers: 0 })
    assert.equal(report.documents.length, 1)
    assert.match(JSON.stringify(report), /duplicate-b\.html.*duplicate of duplicate-a\.html/)
  })

  it('still reads the good page among the bad ones', async () => {
    const results = await Promise.all([...files.map((n) => readAs(join(BAD, n))), readAs(GOOD_PAGE)])
    const good = results.at(-1)!
    assert.equal(good.articles.length, 1)
    assert.equal(good.errors.length, 0)
  })
})

describe('generated hostile files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bad-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a 2 GB file by its size, without reading it', async () => {
    // Sparse: no disk is used and, since the size check comes first, no byte is read.
    const path = join(dir, 'huge.txt')
    writeFileSync(path, '')
    truncateSync(path, 2 * 1024 ** 3)
    assert.equal(statSync(path).size, 2 * 1024 ** 3)
    const result = await readInputs([path])
    assert.equal(result.articles.length, 0)
    assert.equal(result.errors.length, 1)
    assert.equal(result.errors[0].source, path)
    assert.match(result.errors[0].reason, /too large/)
  })

  it('refuses a page nested a hundred thousand elements deep, quickly and by name', () => {
    const html = `<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`
    const result = readHtml(html, 'deep.html')
    assert.match(result.errors[0].reason, /nested 100002 elements deep/)
  })

  it('refuses a feed of a million nested elements', () => {
    const xml = `<rss><channel>${'<a>'.repeat(1_000_000)}</channel></rss>`
    const result = readFeed(xml, 'deep.rss')
    assert.equal(result.items.length, 0)
    assert.equal(result.errors[0].source, 'deep.rss')
  })

  it('reads 10,000 feed items without trouble and drops repeated GUIDs', () => {
    const item = (i: number): string =>
      `<item><guid>g${i % 5000}</guid><link>https://ledger.example/${i}</link></item>`
    const xml = `<rss><channel>${Array.from({ length: 10_000 }, (_, i) => item(i)).join('')}</channel></rss>`
    assert.equal(readFeed(xml, 'many.rss').items.length, 5000)
  })
})
