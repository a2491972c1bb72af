import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'
import { hostileReport, madeUpReport } from '../../test/browser/fixtures/made-up.ts'
import { renderHtml } from './html.ts'

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

describe('renderHtml', () => {
  const report = madeUpReport()
  const html = renderHtml(report)

  it('is one self-contained file: inlined style and script pinned by its own CSP, nothing loaded', () => {
    const css = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? ''
    const js = html.match(/<script>([\s\S]*?)<\/script>/)?.[1] ?? ''
    assert.ok(css.length > 100 && js.length > 100)
    const csp =
      html
        .match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1]
        .replaceAll('&#39;', "'") ?? ''
    assert.match(csp, /default-src 'none'/)
    assert.ok(csp.includes(`style-src ${hash(css)}`))
    assert.ok(csp.includes(`script-src ${hash(js)}`))
    assert.equal((html.match(/<script/g) ?? []).length, 1)
    assert.doesNotMatch(html, /<link |<script src=| src="/)
  })

  it('shows every story with a table of contents and unique ids', () => {
    assert.equal((html.match(/<section class="story"/g) ?? []).length, report.stories.length)
    assert.match(html, /<nav class="contents"[\s\S]*href="#s1-story-title">Ferry timetable/)
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
    assert.equal(new Set(ids).size, ids.length)
  })

  it('a single story keeps the plain ids and its own title', () => {
    const one = renderHtml({ ...report, stories: [report.stories[0]] })
    assert.match(one, /<title>Fire at a Velmora grain warehouse · Parallax<\/title>/)
    assert.match(one, /<section id="facts"/)
  })

  it('escapes hostile markup everywhere, including unreadable-input messages', () => {
    const hostile = {
      ...hostileReport(),
      errors: [{ source: 'x</script><script>alert(1)</script>', reason: '<b>bad</b>' }],
    }
    const out = renderHtml(hostile)
    assert.equal((out.match(/<script/g) ?? []).length, 1)
    assert.doesNotMatch(out, /<img|<svg onload|<b onclick|<b>bad/)
    assert.match(out, /x&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/)
  })
})
