/**
 * A kill in the middle of an ingest must leave the store consistent, and a re-run must complete
 * it without duplicates. The ingest runs as a child process (the real `ingest` command) that is
 * SIGKILLed once some batches are committed.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

const dir = mkdtempSync(join(tmpdir(), 'parallax-crash-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const COMMAND = fileURLToPath(new URL('../cli/commands/ingest.ts', import.meta.url))
const TOTAL = 80

// Made-up local news: each town gets a storm-damage report, on one of several made-up days.
const TOWNS = ['Arvel', 'Brisk', 'Calder', 'Dunmore', 'Elsby', 'Farrow', 'Glenn', 'Hollis', 'Ivers', 'Jarrow']
const writeArticles = (to: string): void => {
  mkdirSync(to)
  for (let i = 0; i < TOTAL; i++) {
    const town = TOWNS[i % TOWNS.length]
    const day = String(1 + (i % 27)).padStart(2, '0')
    writeFileSync(
      join(to, `article-${String(i).padStart(3, '0')}.txt`),
      ` date 2030-04-${day} https://news.example/${i}\nStorm damage in ${town}, report ${i}\n\nA storm tore roofs off ${
        3 + i
      } houses in ${town} on Monday, the ${town} council said. Councillor Mara Quill${i} said repairs would take ${
        2 + (i % 5)
      } weeks. Report number ${i} of the made-up storm series.\n`,
    )
  }
}

// A tiny entry point that runs the command module, as the CLI's dispatcher does.
const RUNNER = join(dir, 'run-ingest.mjs')
writeFileSync(
  RUNNER,
  `const m = await import(${JSON.stringify(COMMAND)})\nprocess.exitCode = await m.run(process.argv.slice(2))\n`,
)

const ingest = (db: string, articles: string) =>
  spawn(process.execPath, ['--import', 'tsx', RUNNER, '--db', db, '--batch', '1', articles], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })

const count = (db: Database.Database, sql: string): number => (db.prepare(sql).get() as { n: number }).n

const checkConsistent = (path: string): { documents: number } => {
  const db = new Database(path, { readonly: true })
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
    assert.deepEqual(db.pragma('foreign_key_check'), [])
    const documents = count(db, 'SELECT count(*) AS n FROM documents')
    assert.equal(
      count(db, "SELECT count(*) AS n FROM documents WHERE json_extract(layers, '$.sentences') IS NULL"),
      0,
      'no doc without its layers',
    )
    assert.equal(
      count(
        db,
        'SELECT count(*) AS n FROM story_documents WHERE document_id NOT IN (SELECT id FROM documents)',
      ),
      0,
      'no story points at a missing doc',
    )
    assert.equal(
      count(
        db,
        'SELECT count(*) AS n FROM documents WHERE id NOT IN (SELECT document_id FROM story_documents)',
      ),
      0,
      'every stored doc is in a story',
    )
    assert.equal(
      count(db, 'SELECT count(*) AS n FROM documents_fts'),
      documents,
      'search index matches the documents',
    )
    // The saved story index knows exactly the stored documents (it is written in the same transaction).
    const state = db.prepare("SELECT value FROM state WHERE key = 'story-index'").get() as
      | { value: string }
      | undefined
    if (documents > 0) {
      assert.ok(state)
      const indexed = (JSON.parse(state.value) as { stories: { documents: string[] }[] }).stories.flatMap(
        (s) => s.documents,
      )
      assert.equal(indexed.length, documents)
    }
    assert.equal(
      count(db, 'SELECT count(DISTINCT content_hash) AS n FROM documents'),
      documents,
      'no duplicates',
    )
    return { documents }
  } finally {
    db.close()
  }
}

it('a SIGKILL mid-ingest leaves the store consistent and a re-run completes it', {
  timeout: 240_000,
}, async () => {
  const articles = join(dir, 'articles')
  writeArticles(articles)
  const path = join(dir, 'crash.db')
  const child = ingest(path, articles)
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  )
  let seen = 0
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20))
    if (child.exitCode !== null) break
    try {
      const db = new Database(path, { readonly: true, fileMustExist: true })
      try {
        seen = count(db, 'SELECT count(*) AS n FROM documents')
      } finally {
        db.close()
      }
    } catch {
      // The child has not created the schema yet.
    }
    if (seen >= 3) {
      child.kill('SIGKILL')
      break
    }
  }
  assert.equal(await exited, 'SIGKILL', `the ingest was killed mid-way (stderr: ${stderr})`)
  const afterKill = checkConsistent(path)
  assert.ok(
    afterKill.documents >= 3 && afterKill.documents < TOTAL,
    `killed mid-way: ${afterKill.documents} of ${TOTAL} stored`,
  )

  const rerun = ingest(path, articles)
  let rerunErr = ''
  rerun.stderr?.on('data', (chunk) => {
    rerunErr += chunk
  })
  const code = await new Promise((resolve) => rerun.on('exit', (c) => resolve(c)))
  assert.equal(code, 0, rerunErr)
  assert.match(
    rerunErr,
    new RegExp(`${TOTAL - afterKill.documents} added, ${afterKill.documents} already stored`),
  )
  assert.equal(checkConsistent(path).documents, TOTAL)
})

it('two ingests of the same articles at once store each article once, in one consistent index', {
  timeout: 240_000,
}, async () => {
  const articles = join(dir, 'articles-concurrent')
  writeArticles(articles)
  const path = join(dir, 'concurrent.db')
  const run = () => {
    const child = ingest(path, articles)
    let stderr = ''
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
    })
    return new Promise<{ code: number | null; stderr: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, stderr })),
    )
  }
  const [a, b] = await Promise.all([run(), run()])
  assert.equal(a.code, 0, a.stderr)
  assert.equal(b.code, 0, b.stderr)
  const added = [a, b].map((r) => Number(r.stderr.match(/(\d+) added/)?.[1]))
  assert.equal(added[0] + added[1], TOTAL, 'between them, each article was added exactly once')
  assert.equal(checkConsistent(path).documents, TOTAL)
})
