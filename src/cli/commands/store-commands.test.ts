/** The ingest, search and serve commands, run as the CLI runs them. */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { UsageError } from '../errors.ts'
import { run as ingest } from './ingest.ts'
import { run as search } from './search.ts'

const dir = mkdtempSync(join(tmpdir(), 'parallax-commands-'))
after(() => rmSync(dir, { recursive: true, force: true }))
const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url))

/** Runs a command, capturing what it writes to stdout and stderr. */
const capture = async (fn: () => Promise<number>) => {
  const out: string[] = []
  const err: string[] = []
  const write = { out: process.stdout.write, err: process.stderr.write }
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write
  try {
    const code = await fn()
    return { code, stdout: out.join(''), stderr: err.join('') }
  } finally {
    process.stdout.write = write.out
    process.stderr.write = write.err
  }
}

describe('parallax ingest', () => {
  it('stores the examples, then recognises them on a second run', async () => {
    const db = join(dir, 'ingest.db')
    const first = await capture(() => ingest(['--db', db, EXAMPLES]))
    assert.equal(first.code, 0, first.stderr)
    assert.match(
      first.stderr,
      /^parallax ingest: [1-9]\d* added, 0 already stored; [1-9]\d* new stor(y|ies), 0 updated/,
    )
    const second = await capture(() => ingest(['--db', db, EXAMPLES]))
    assert.equal(second.code, 0)
    assert.match(second.stderr, /: 0 added, [1-9]\d* already stored; 0 new stories, 0 updated/)
  })

  it('names each unreadable input in one line, stores the rest, exits 1', async () => {
    const db = join(dir, 'partial.db')
    const result = await capture(() => ingest(['--db', db, join(dir, 'nope.txt'), EXAMPLES]))
    assert.equal(result.code, 1)
    const lines = result.stderr.trim().split('\n')
    assert.match(lines[0], /^parallax: .*nope\.txt: /)
    assert.match(lines[1], /[1-9]\d* added/)
  })

  it('refuses a file that is not a database without touching it', async () => {
    const db = join(dir, 'notes.txt')
    writeFileSync(db, 'my notes, not a database\n'.repeat(50))
    const result = await capture(() => ingest(['--db', db, EXAMPLES]))
    assert.equal(result.code, 1)
    assert.match(
      result.stderr,
      /^parallax: .*notes\.txt: cannot be used as a Parallax database \(file is not a database\)\n$/,
    )
  })

  it('--recompare compares every stored story again', async () => {
    const db = join(dir, 'recompare.db')
    await capture(() => ingest(['--db', db, EXAMPLES]))
    const result = await capture(() => ingest(['--db', db, '--recompare']))
    assert.equal(result.code, 0)
    assert.match(result.stderr, /^parallax ingest: [1-9]\d* (story|stories) compared again/)
  })

  for (const args of [[], ['--batch', '0', 'x'], ['--batch', 'many', 'x'], ['--recompare', 'x']]) {
    it(`is a usage error: ${args.join(' ') || '(no paths)'}`, async () => {
      await assert.rejects(() => ingest(args), UsageError)
    })
  }
})

describe('commands that read the store', () => {
  it('report a missing store in one line instead of creating an empty one', async () => {
    const db = join(dir, 'typo.db')
    for (const run of [() => search(['--db', db, 'x']), () => ingest(['--db', db, '--recompare'])]) {
      const result = await capture(run)
      assert.equal(result.code, 1)
      assert.match(
        result.stderr,
        /^parallax: .*typo\.db: no Parallax database here yet \(add articles with: parallax ingest --db .*\)\n$/,
      )
      assert.equal(existsSync(db), false)
    }
  })
})

describe('parallax search', () => {
  it('prints hits as text and as JSON', async () => {
    const db = join(dir, 'search.db')
    await capture(() => ingest(['--db', db, EXAMPLES]))
    const text = await capture(() => search(['--db', db, 'drone']))
    assert.equal(text.code, 0)
    assert.match(text.stdout, /^article {2}.+\[document [^\]]+\]\n {9}.*«[Dd]rone»/m)
    const json = await capture(() => search(['--db', db, '--format', 'json', 'drone']))
    const parsed = JSON.parse(json.stdout) as { query: string; hits: { kind: string }[] }
    assert.equal(parsed.query, 'drone')
    assert.ok(parsed.hits.some((h) => h.kind === 'document'))
    const none = await capture(() => search(['--db', db, 'zzzunfindable']))
    assert.equal(none.stdout, 'No results for "zzzunfindable".\n')
    await assert.rejects(() => search(['--db', db]), UsageError)
  })
})

describe('parallax serve', () => {
  it('listens on 127.0.0.1, answers the API, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const db = join(dir, 'serve.db')
    await capture(() => ingest(['--db', db, EXAMPLES]))
    const runner = join(dir, 'run-serve.mjs')
    const command = fileURLToPath(new URL('./serve.ts', import.meta.url))
    writeFileSync(
      runner,
      `const m = await import(${JSON.stringify(command)})\nprocess.exitCode = await m.run(process.argv.slice(2))\n`,
    )
    const child = spawn(process.execPath, ['--import', 'tsx', runner, '--db', db, '--port', '0'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const url = await new Promise<string>((resolve, reject) => {
      let stderr = ''
      child.stderr.on('data', (chunk) => {
        stderr += chunk
        const found = stderr.match(/(http:\/\/127\.0\.0\.1:\d+)\//)
        if (found) resolve(found[1])
      })
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)))
    })
    const body = (await (await fetch(`${url}/api/stories`)).json()) as { stories: unknown[] }
    assert.ok(body.stories.length > 0)
    child.kill('SIGTERM')
    assert.equal(await exited, 0)
  })
})
