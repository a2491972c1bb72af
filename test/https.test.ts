import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { startServer } from './fixtures/ingest/server.ts'

// A self-signed certificate for 127.0.0.1 made for these tests only (valid 2020-2120).
const certFile = new URL('./fixtures/tls/cert.pem', import.meta.url).pathname
const keyFile = new URL('./fixtures/tls/key.pem', import.meta.url).pathname
const bin = new URL('../bin/parallax.js', import.meta.url).pathname

const PAGE = `<!doctype html><html><head><title>Harbour crane collapses in Ostrava Bay</title>
<meta property="article:published_time" content="2025-06-02T08:00:00Z"></head><body><article>
<h1>Harbour crane collapses in Ostrava Bay</h1>
<p>A harbour crane collapsed in Ostrava Bay on Sunday, injuring three dock workers, the port authority said.</p>
<p>The authority said the crane had been inspected in May and that an inquiry would begin on Monday.</p>
</article></body></html>`

/** Runs the CLI without blocking this process (the test server answers from here). */
const parallax = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    )
  })

describe('fetching an article over HTTPS', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  before(async () => {
    server = await startServer(
      {
        '/news/crane.html': { body: PAGE },
        '/robots.txt': { body: '', headers: { 'content-type': 'text/plain' } },
      },
      { cert: readFileSync(certFile), key: readFileSync(keyFile) },
    )
  })
  after(() => server.close())

  it('reads the page when the certificate is trusted (NODE_EXTRA_CA_CERTS)', async () => {
    const r = await parallax(
      ['analyze', `${server.url}/news/crane.html`, '--allow-private', '--format', 'json'],
      {
        NODE_EXTRA_CA_CERTS: certFile,
      },
    )
    assert.equal(r.code, 0, r.stderr)
    const report = JSON.parse(r.stdout)
    assert.equal(report.documents.length, 1)
    assert.equal(report.documents[0].title, 'Harbour crane collapses in Ostrava Bay')
    assert.equal(report.documents[0].published, '2025-06-02')
    assert.match(report.documents[0].text, /injuring three dock workers/)
  })

  it('refuses an untrusted certificate with one line naming the URL, no stack trace', async () => {
    const r = await parallax(['analyze', `${server.url}/news/crane.html`, '--allow-private'])
    assert.equal(r.code, 1)
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('parallax:'))
    assert.equal(lines.length, 1, r.stderr)
    assert.match(
      lines[0],
      new RegExp(`^parallax: ${server.url}/news/crane.html: .*TLS certificate not accepted`),
    )
    assert.doesNotMatch(r.stderr, /\n\s+at /)
  })
})
