import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { madeUpReport } from '../../test/browser/fixtures/made-up.ts'
import { escapeHtml, renderAnnotatedText, renderStoryBody, voicesChart } from './render.ts'

const UNESCAPE: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}
/** The text a browser would show: tags dropped, entities decoded. */
const shownText = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => UNESCAPE[e])

describe('escapeHtml', () => {
  for (const [input, expected] of [
    ['<script>x</script>', '&lt;script&gt;x&lt;/script&gt;'],
    ['a "b" \'c\' & d', 'a &quot;b&quot; &#39;c&#39; &amp; d'],
    ['plain', 'plain'],
    ['&amp;', '&amp;amp;'],
  ]) {
    it(input, () => assert.equal(escapeHtml(input), expected))
  }
})

describe('renderAnnotatedText', () => {
  it('cuts overlapping annotations into flat pieces carrying the union of classes', () => {
    const html = renderAnnotatedText('one two three', [
      { span: { start: 0, end: 7 }, classes: ['ev', 'ev-agree'], facts: ['f0'] },
      { span: { start: 4, end: 13 }, classes: ['loaded'] },
    ])
    assert.equal(
      html,
      '<mark class="ev ev-agree" data-facts="f0">one </mark><mark class="ev ev-agree loaded" data-facts="f0">two</mark><span class="loaded"> three</span>',
    )
  })

  it('keeps only the strongest status colour where facts overlap', () => {
    const html = renderAnnotatedText('abc', [
      { span: { start: 0, end: 3 }, classes: ['ev', 'ev-agree'], facts: ['f0'] },
      { span: { start: 0, end: 3 }, classes: ['ev', 'ev-conflict'], facts: ['f1'] },
    ])
    assert.equal(
      html,
      '<mark class="ev ev-agree" data-facts="f0 f1">abc</mark>'.replace('ev-agree', 'ev-conflict'),
    )
  })

  it('ignores spans outside the text instead of breaking the markup', () => {
    assert.equal(
      renderAnnotatedText('ab', [
        { span: { start: 1, end: 9 }, classes: ['x'] },
        { span: { start: 2, end: 1 }, classes: ['y'] },
      ]),
      'ab',
    )
  })

  it('always shows exactly the original text, whatever the annotations (random trials)', () => {
    const text = 'A <b>bold</b> & "quoted" claim\nover two lines, with émoji 🙂 too.'
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    for (let trial = 0; trial < 200; trial++) {
      const annotations = Array.from({ length: random(6) }, () => {
        const a = random(text.length + 1)
        const b = random(text.length + 1)
        return {
          span: { start: Math.min(a, b), end: Math.max(a, b) },
          classes: [`c${random(3)}`],
          facts: random(2) ? [`f${random(3)}`] : [],
        }
      })
      assert.equal(shownText(renderAnnotatedText(text, annotations)), text)
    }
  })
})

describe('article links', () => {
  for (const [url, linked] of [
    ['https://news.example/a?b=1&c=2', true],
    ['http://news.example/', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['not a url', false],
  ] as const) {
    it(`${url} ${linked ? 'is' : 'is not'} linked`, () => {
      const report = madeUpReport()
      const doc = { ...report.documents[0], meta: { ...report.documents[0].meta, url } }
      const html = renderStoryBody({
        story: report.stories[0],
        documents: [doc, ...report.documents.slice(1)],
      })
      assert.equal(html.includes('rel="noopener noreferrer nofollow">original</a>'), linked)
      assert.doesNotMatch(html, /href="(javascript|data):/)
    })
  }
})

describe('stored data of the wrong shape', () => {
  it('cannot inject markup through a status, a voice, a count or a reconciled value', () => {
    const report = madeUpReport()
    const story = structuredClone(report.stories[0])
    const bad = '"><script>window.__xss=1</script>'
    Object.assign(story.facts[0], { status: bad })
    Object.assign(story.facts[0].reconciled!, { low: bad })
    Object.assign(story.framing.voices[0].speakers[0], { count: bad })
    Object.assign(story, { independent: bad })
    const docs = structuredClone(report.documents)
    Object.assign(docs[0].framing!.loaded[0], { voice: bad })
    const html = renderStoryBody({ story, documents: docs })
    assert.doesNotMatch(html, /<script>/)
  })
})

describe('renderStoryBody', () => {
  const report = madeUpReport()
  const html = renderStoryBody({ story: report.stories[0], documents: report.documents })

  it('marks evidence with the fact it belongs to and its status, and shows each text unaltered', () => {
    assert.equal((html.match(/<mark class="ev ev-conflict[^"]*" data-facts="f0"/g) ?? []).length, 3)
    const columns = html.split('<div class="doc-text"').slice(1)
    assert.equal(columns.length, 3)
    for (const [i, column] of columns.entries()) {
      const inner = column.slice(column.indexOf('>') + 1, column.indexOf('</div>'))
      assert.equal(shownText(inner), report.documents[i].text)
    }
  })

  it('gives every element a unique id, also with a prefix for several stories on one page', () => {
    const two = `${renderStoryBody({ story: report.stories[0], documents: report.documents, idPrefix: 's0-' })}${renderStoryBody({ story: report.stories[1], documents: report.documents, idPrefix: 's1-' })}`
    for (const page of [html, two]) {
      const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
      assert.equal(new Set(ids).size, ids.length)
    }
  })

  it('draws one bar per quoted speaker, labelled with the count', () => {
    const svg = voicesChart(report.stories[0], report.documents)
    assert.equal((svg.match(/<rect class="chart-bar/g) ?? []).length, 5)
    assert.match(
      svg,
      /<desc id="voices-desc">The Harbour Ledger \(quotes: people 1 · organisations 1\): Dockworkers Union 1, Ilsa Brandt 1\./,
    )
  })

  it('colours each bar by kind of voice and sums the kinds per outlet', () => {
    const svg = voicesChart(report.stories[0], report.documents)
    assert.equal((svg.match(/class="chart-bar voice-person"/g) ?? []).length, 2)
    assert.equal((svg.match(/class="chart-bar voice-unnamed"/g) ?? []).length, 1)
    assert.match(svg, /<tspan class="chart-mix"> — quotes: people 1 · unnamed sources 1<\/tspan>/)
    // One legend swatch per kind present.
    assert.deepEqual(
      [...svg.matchAll(/class="chart-swatch voice-(\w+)"/g)].map((m) => m[1]),
      ['person', 'organisation', 'unnamed'],
    )
  })
})
