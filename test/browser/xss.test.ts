/**
 * Article text is untrusted. An article carrying <script> and onerror= markup, ingested through
 * the real pipeline, must be shown as text and run nothing: in the web UI (every page that shows
 * it) and in the self-contained HTML report.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { renderHtml } from '../../src/report/html.ts'
import { type RunningServer, startServer } from '../../src/server/app.ts'
import { ingestArticles } from '../../src/store/ingest.ts'
import { openStore, type Store } from '../../src/store/sqlite.ts'
import { launchChromium, skipReason } from './chromium.ts'
import { HOSTILE, hostileReport, madeUpReport } from './fixtures/made-up.ts'

/** Opens a page that records anything a payload could do: set a global, open a dialog, fetch. */
const watchedPage = async (browser: Browser) => {
  const page = await browser.newPage()
  const events: string[] = []
  page.on('dialog', (d) => {
    events.push(`dialog: ${d.message()}`)
    void d.dismiss()
  })
  page.on('request', (r) => {
    const url = r.url()
    // Only our own document and assets may load; an <img src=x> that got through would show here.
    if (!/\/(stories|documents|search|assets)\b|\/$|^file:/.test(url)) events.push(`request: ${url}`)
  })
  page.on('pageerror', (e) => events.push(`error: ${e.message}`))
  return { page, events }
}

const ranNothing = async (page: Page, events: string[], where: string) => {
  assert.equal(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    undefined,
    `${where}: no payload ran`,
  )
  assert.deepEqual(events, [], where)
  assert.equal(await page.locator('img').count(), 0, `${where}: no <img> element from article text`)
}

describe('hostile article markup in Chromium', { skip: skipReason }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-xss-'))
  let browser: Browser
  let store: Store
  let server: RunningServer
  let storyId = ''
  let docId = ''

  before(async () => {
    store = openStore(join(dir, 'xss.db'))
    const text = `${HOSTILE.title}\n\n${HOSTILE.body} Officials in the made-up town of Velmora said 3 people saw it.`
    const result = ingestArticles(store, [
      {
        text,
        meta: {
          source: 'hostile.txt',
          outlet: HOSTILE.outlet,
          title: HOSTILE.title,
          published: '2031-05-01',
        },
      },
    ])
    assert.equal(result.added.length, 1)
    docId = result.added[0]
    storyId = store.storiesOf(docId)[0]
    server = await startServer({ store, port: 0 })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows the markup as text on every page of the web UI and runs nothing', async () => {
    const pages = [
      '/',
      `/stories/${encodeURIComponent(storyId)}`,
      `/documents/${encodeURIComponent(docId)}`,
      '/search?q=script',
      `/search?q=${encodeURIComponent('<img src=x onerror="window.__xss=1">')}`,
    ]
    for (const path of pages) {
      const { page, events } = await watchedPage(browser)
      await page.goto(`${server.url}${path}`)
      await ranNothing(page, events, path)
      assert.equal(await page.locator('script').count(), 1, `${path}: only the UI's own script`)
      await page.close()
    }
    const { page } = await watchedPage(browser)
    await page.goto(`${server.url}/stories/${encodeURIComponent(storyId)}`)
    const shown = await page.locator('.doc-text').first().textContent()
    assert.ok(shown?.includes('<script>window.__xss=3</script>'), 'the script tag is shown as text')
    assert.ok(shown?.includes('<img src=x onerror="window.__xss=4">'), 'the onerror markup is shown as text')
    assert.ok((await page.locator('h1').textContent())?.includes('<script>'))
    await page.close()
  })

  it('the self-contained HTML report shows hostile markup as text, runs only its own script', async () => {
    const file = join(dir, 'report.html')
    const hostile = hostileReport()
    const fire = madeUpReport()
    writeFileSync(
      file,
      renderHtml({
        ...fire,
        documents: [...fire.documents, ...hostile.documents],
        stories: [...hostile.stories, ...fire.stories],
      }),
    )
    const { page, events } = await watchedPage(browser)
    const violations: string[] = []
    page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()))
    await page.goto(pathToFileURL(file).href)
    await ranNothing(page, events, 'report.html')
    assert.deepEqual(violations, [], 'our inlined style and script match the pinned hashes')
    assert.ok((await page.locator('.story').first().textContent())?.includes('<svg onload="window.__xss=7">'))
    // The inlined script works: choosing a fact in the second story marks its evidence there only.
    await page.locator('.fact-link', { hasText: 'people injured in the fire' }).click()
    assert.equal(await page.locator('.story').nth(1).locator('mark.active').count(), 3)
    assert.equal(await page.locator('.story').nth(0).locator('mark.active').count(), 0)
    await page.close()
  })
})
