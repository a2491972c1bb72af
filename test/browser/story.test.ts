/**
 * The story page in real Chromium: a story built from examples/ through the real ingest, and the
 * made-up fixture story. Checks the columns, the conflict highlight, the labels table, that
 * choosing a fact scrolls every column to its evidence, and saves the README screenshot.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { type RunningServer, startServer } from '../../src/server/app.ts'
import { ingestPaths } from '../../src/store/ingest.ts'
import { openStore, type Store } from '../../src/store/sqlite.ts'
import { launchChromium, skipReason } from './chromium.ts'
import { madeUpReport } from './fixtures/made-up.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// Tests do not rewrite tracked files: the README's copy in docs/ is refreshed only on request
// (PARALLAX_UPDATE_SCREENSHOT=1 npm test); otherwise the screenshot goes to the temporary directory.
const UPDATE_SCREENSHOT = process.env.PARALLAX_UPDATE_SCREENSHOT === '1'

/** Where each column's first evidence mark for a fact sits relative to the column's visible box. */
const evidencePlacement = (page: Page, fact: string) =>
  page.$$eval(
    '.column',
    (columns, id) =>
      columns.map((column) => {
        const text = column.querySelector('.doc-text') as HTMLElement
        const mark = text.querySelector(`mark[data-facts~="${id}"]`)
        if (!mark) return { has: false, visible: false, scrollTop: text.scrollTop }
        const box = text.getBoundingClientRect()
        const r = mark.getBoundingClientRect()
        return { has: true, visible: r.top >= box.top && r.bottom <= box.bottom, scrollTop: text.scrollTop }
      }),
    fact,
  )

/**
 * Chooses the fact whose evidence sits deepest (in pixels) in a column, checks that some of it
 * starts out of view (so the scroll is really tested), clicks it, and checks that every column
 * holding evidence for it now shows it.
 */
const checkFactScroll = async (page: Page): Promise<void> => {
  const id = await page.$$eval('.doc-text mark[data-facts]', (marks) => {
    let best = { id: '', top: -1 }
    for (const mark of marks) {
      const text = mark.closest('.doc-text') as HTMLElement
      const top = mark.getBoundingClientRect().top - text.getBoundingClientRect().top
      if (top > best.top) best = { id: (mark.getAttribute('data-facts') ?? '').split(' ')[0], top }
    }
    return best.id
  })
  const beforeClick = await evidencePlacement(page, id)
  assert.ok(
    beforeClick.some((c) => c.has && !c.visible),
    'some evidence starts out of view, so the scroll is really tested',
  )
  await page.locator(`.fact-link[data-fact="${id}"]`).click()
  await page.waitForFunction(() => {
    const reports = document.querySelector('.sec-reports')
    return reports !== null && Math.abs(reports.getBoundingClientRect().top) < 4
  })
  const afterClick = await evidencePlacement(page, id)
  for (const [n, column] of afterClick.entries()) {
    if (column.has) assert.ok(column.visible, `column ${n} shows the evidence`)
  }
  assert.ok(
    afterClick.some((c) => c.scrollTop > 0),
    'a column was scrolled',
  )
}

describe('story page in Chromium', { skip: skipReason }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-browser-'))
  let browser: Browser
  let store: Store
  let server: RunningServer

  before(async () => {
    store = openStore(join(dir, 'examples.db'))
    const result = await ingestPaths(store, [join(ROOT, 'examples')])
    assert.deepEqual(result.errors, [])
    const fixture = madeUpReport()
    store.transaction(() => {
      for (const doc of fixture.documents) store.putDocument(doc)
      for (const story of fixture.stories) store.putStory(story)
      for (const entity of fixture.entities) store.putEntity(entity)
    })
    server = await startServer({ store, port: 0 })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
    await server?.close()
    store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows a story built from examples/: columns, conflict highlight, labels; a fact scrolls every column', async () => {
    // The examples' event is the story with the most reports.
    const [summary] = store
      .listStories()
      .filter((s) => !s.id.startsWith('story-velmora'))
      .sort((a, b) => b.documents - a.documents)
    const grouping = store
      .listStories()
      .map((s) => `${s.title} (${s.documents})`)
      .join('; ')
    assert.ok(
      summary.documents >= 2,
      `the examples make a story of several reports; story grouping gave: ${grouping}`,
    )
    assert.ok(summary.conflicts >= 1, 'the examples disagree on the numbers')
    const story = store.getStory(summary.id)!
    // A window small enough that the columns scroll.
    const page = await browser.newPage({ viewport: { width: 800, height: 500 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${server.url}/stories/${encodeURIComponent(summary.id)}`)

    assert.equal(await page.locator('.column').count(), summary.documents)
    assert.ok((await page.locator('mark.ev-conflict').count()) >= 2, 'conflict evidence is highlighted')
    assert.ok(await page.locator('table.facts .status-conflict').first().isVisible())
    const labels = page.locator('table.labels')
    if (story.framing.labels.some((row) => row.byDocument.some((d) => d.labels.length > 0))) {
      assert.ok(await labels.isVisible(), 'labels table shown')
      assert.equal(await labels.locator('thead th').count(), summary.documents + 1)
    }

    await checkFactScroll(page)
    assert.equal(await page.locator('mark.active').first().isVisible(), true)
    assert.deepEqual(errors, [])

    // The README screenshot: the facts, then the columns after choosing the conflict.
    const conflicts = story.facts.map((f, i) => ({ f, i })).filter(({ f }) => f.status === 'conflict')
    const conflict = (conflicts.find(({ f }) => f.kind === 'quantity') ?? conflicts[0]).i
    await page.setViewportSize({ width: 1400, height: 1300 })
    await page.goto(`${server.url}/stories/${encodeURIComponent(summary.id)}`)
    await page.locator(`.fact-link[data-fact="f${conflict}"]`).click()
    await page.evaluate(() => window.scrollTo(0, 0))
    const screenshot = UPDATE_SCREENSHOT
      ? join(ROOT, 'docs', 'screenshot-story.png')
      : join(dir, 'screenshot-story.png')
    mkdirSync(dirname(screenshot), { recursive: true })
    await page.screenshot({
      path: screenshot,
      fullPage: false,
      clip: { x: 0, y: 0, width: 1400, height: 1300 },
    })
    assert.ok(statSync(screenshot).size > 20_000, 'a real screenshot was written')
    await page.close()
  })

  it('the made-up story: three columns, every status labelled in words, a fact scrolls every column, a missing fact noted', async () => {
    // A small window, so that the columns scroll.
    const page = await browser.newPage({ viewport: { width: 1000, height: 500 } })
    await page.goto(`${server.url}/stories/story-velmora-fire`)
    assert.equal(await page.locator('.column').count(), 3)
    await checkFactScroll(page)
    for (const word of ['Conflict', 'Compatible', 'Agree', 'Only one source']) {
      assert.ok(await page.locator('table.facts .status', { hasText: word }).first().isVisible(), word)
    }
    assert.equal(await page.locator('table.labels tbody tr').count(), 2)
    // The union's blame is in one report only: the other two say they do not mention it.
    await page.locator('.fact-link', { hasText: 'the union blames the owner' }).click()
    const notes = await page.locator('.lacks-note:visible').allTextContents()
    assert.equal(
      await page.locator('.fact-status').textContent(),
      'Showing “the union blames the owner for blocked exits”: in 1 of 3 reports.',
    )
    assert.deepEqual(notes, [
      'This report does not mention: the union blames the owner for blocked exits',
      'This report does not mention: the union blames the owner for blocked exits',
    ])
    // Keyboard: the fact buttons are reachable and work with Enter.
    await page.locator('.fact-link').first().focus()
    await page.keyboard.press('Enter')
    assert.equal(await page.locator('.fact-row.active').count(), 1)
    assert.equal(await page.locator('.lacks-note:visible').count(), 0)
    await page.close()
  })

  it('reflows at 200% zoom without horizontal scrolling of the page', async () => {
    // 200% zoom of a 1280px window is a 640 CSS px viewport.
    const page = await browser.newPage({ viewport: { width: 640, height: 800 } })
    await page.goto(`${server.url}/stories/story-velmora-fire`)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    assert.ok(overflow <= 1, `page overflows by ${overflow}px`)
    await page.close()
  })
})
