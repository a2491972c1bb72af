import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'

const bin = new URL('../bin/parallax.js', import.meta.url).pathname
const examples = new URL('../examples', import.meta.url).pathname

const parallax = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

test('analyze examples/ prints the stories a reader can scan', () => {
  const r = parallax(['analyze', examples])
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /4 articles, 2 stories/)
  assert.match(r.stdout, /Story 1: .*Varenna/i)
  assert.match(r.stdout, /Conflicts/)
  assert.match(r.stdout, /How each source labels the actors/)
  assert.equal(r.stderr, '')
})

test('--format json and --out write the JSON contract to a file', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'parallax-cli-')), 'report.json')
  const r = parallax(['analyze', examples, '--format', 'json', '--out', out])
  assert.equal(r.code, 0, r.stderr)
  assert.equal(r.stdout, '')
  const report = JSON.parse(readFileSync(out, 'utf8'))
  assert.equal(report.documents.length, 4)
  assert.equal(report.stories.length, 2)
})

test('stdin is read with -', () => {
  const r = parallax(
    ['analyze', '-', '--format', 'md'],
    'A made-up title\n\nThe mayor of Ostra said on Monday that 3 people were hurt.',
  )
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /^# Parallax report/)
})

test('bad files get one line each, good files are still analysed, exit code 1, no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-cli-'))
  writeFileSync(join(dir, 'good.txt'), 'A made-up title\n\nThe council of Ostra met on Monday.')
  writeFileSync(join(dir, 'empty.txt'), '')
  writeFileSync(join(dir, 'bad.jsonl'), '{"text": "fine line"}\n{oops\n')
  const r = parallax(['analyze', dir, join(dir, 'nope.txt'), '--format', 'json'])
  assert.equal(r.code, 1)
  const lines = r.stderr.trim().split('\n')
  assert.equal(lines.length, 3, r.stderr)
  assert.ok(lines.some((l) => l.includes('empty.txt') && /empty/.test(l)))
  assert.ok(lines.some((l) => l.includes('bad.jsonl:2') && /malformed JSON/.test(l)))
  assert.ok(lines.some((l) => l.includes('nope.txt') && /no such file/.test(l)))
  assert.doesNotMatch(r.stderr, /\n\s+at /)
  assert.equal(JSON.parse(r.stdout).documents.length, 2)
})

test('usage errors exit 2 with a hint', () => {
  const cases: [string[], RegExp][] = [
    [['analyze'], /at least one path/],
    [['analyze', examples, '--format', 'pdf'], /--format/],
    [['analyze', '--nope', examples], /Unknown option/],
    [['frobnicate'], /unknown command/],
  ]
  for (const [args, message] of cases) {
    const r = parallax(args)
    assert.equal(r.code, 2, args.join(' '))
    assert.match(r.stderr, message)
    assert.doesNotMatch(r.stderr, /\n\s+at /)
  }
})

test('a URL is fetched only with --allow-private when it resolves to this machine', async () => {
  const { createServer } = await import('node:http')
  const { execFile } = await import('node:child_process')
  const page =
    '<html><head><title>Made-up bridge opens</title></head><body><article><h1>Made-up bridge opens</h1><p>The mayor of Ostra opened the new bridge on Tuesday, officials said, and hundreds of residents crossed it within the hour.</p><p>It cost 12 million marks.</p></article></body></html>'
  const server = createServer((req, res) => {
    if (req.url === '/robots.txt') return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [bin, ...args],
        { env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      )
    })
  try {
    const url = `http://127.0.0.1:${port}/bridge.html`
    const refused = await run(['analyze', url, '--format', 'json'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /127\.0\.0\.1/)
    const allowed = await run(['analyze', url, '--format', 'json', '--allow-private'])
    assert.equal(allowed.code, 0, allowed.stderr)
    const report = JSON.parse(allowed.stdout)
    assert.equal(report.documents.length, 1)
    assert.match(report.documents[0].text, /hundreds of residents/)
  } finally {
    server.close()
  }
})
