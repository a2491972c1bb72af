import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { Mention } from '../model/types.ts'
import { analyseDocument } from '../pipeline/default.ts'
import { compareStory } from './compare.ts'
import { furnitureMentions, siteSuffixSpans } from './page-furniture.ts'
import { resolveEntities } from './resolve.ts'

// Made-up pages: a station's site wrapping a made-up report.
const TITLE = 'Two hurt in Dellport shooting - KQRX Channel 9 - Dellport, Marlowe'
const TEXT =
  `${TITLE}\n\n` +
  'Please enable Javascript to watch this video\n' +
  '(KQRX) - Two men were shot on Pell Street late Friday, Dellport police said.\n' +
  'Officer Vana Triller said the men were taken to Dellport General Hospital.\n' +
  'Image 2 of 7 Triller spoke to reporters at the scene.\n' +
  'Copyright 2026 KQRX Channel 9. All rights reserved.\n' +
  'Just One More Thing...\n' +
  "The Marlowe County Coroner's Office was not called.\n" +
  'Triller said more officers would patrol Pell Street.\n' +
  'The men fled in a silver SUV, and the SUV was found later.'

const mention = (text: string, at: string, nth = 0): Mention => {
  let start = -1
  for (let i = 0; i <= nth; i++) start = text.indexOf(at, start + 1)
  assert.ok(start >= 0, `no ${at} in text`)
  return { span: { start, end: start + at.length }, text: at, type: 'ORG' }
}

// The head of "the Marlowe County Coroner's Office", as a tagger that split the possessive reads it.
const officeOf = (text: string): Mention => {
  const start = text.indexOf("'s Office") + 3
  return { span: { start, end: start + 6 }, text: 'Office', type: 'ORG' }
}

const sentencesOf = (text: string) => {
  const spans = []
  let start = 0
  for (const line of text.split('\n')) {
    if (line.trim()) spans.push({ start, end: start + line.length })
    start += line.length + 1
  }
  return spans
}

describe('page furniture', () => {
  const mentions = [
    mention(TEXT, 'KQRX Channel 9'),
    mention(TEXT, 'KQRX', 1),
    mention(TEXT, 'Javascript'),
    mention(TEXT, 'Vana Triller'),
    mention(TEXT, 'Image'),
    mention(TEXT, 'Triller', 1),
    mention(TEXT, 'KQRX Channel 9', 1),
    mention(TEXT, 'More Thing'),
    officeOf(TEXT),
    mention(TEXT, 'Dellport General Hospital'),
  ]
  const doc = { text: TEXT, meta: { source: 'kqrx', title: TITLE }, mentions }
  const furniture = furnitureMentions(doc, sentencesOf(TEXT))
  const names = (set: Set<Mention>) => [...set].map((m) => `${m.text}@${m.span.start}`)

  it("finds the site's name the page appends to its title", () => {
    const [suffix] = siteSuffixSpans(doc)
    assert.equal(TEXT.slice(suffix.start, suffix.end), ' - KQRX Channel 9 - Dellport, Marlowe')
    assert.ok(furniture.has(mentions[0]))
  })

  it("marks names in credits, players' notices, gallery counters, copyright lines and headings", () => {
    for (const i of [1, 2, 4, 5, 6, 7])
      assert.ok(furniture.has(mentions[i]), names(new Set([mentions[i]]))[0])
  })

  it('marks the head an office name was split at, after a possessive', () => {
    assert.ok(furniture.has(mentions[8]))
  })

  it("keeps the report's own names", () => {
    assert.ok(!furniture.has(mentions[3]), 'the officer quoted in a sentence of the report')
    assert.ok(!furniture.has(mentions[9]))
  })

  it('keeps a title without a site name whole', () => {
    assert.deepEqual(siteSuffixSpans({ text: 'Two hurt in shooting\n\nBody.', meta: { source: 'x' } }), [])
  })
})

describe('comparison actors and page furniture', () => {
  it("does not list a page's parts or the station's name as actors", () => {
    const doc = analyseDocument(
      makeDoc({ id: 'kqrx', text: TEXT, meta: { source: 'kqrx', title: TITLE, published: '2026-03-14' } }),
    )
    const actors = compareStory([doc], resolveEntities([doc]))
      .facts.filter((f) => f.kind === 'actor')
      .map((f) => String(f.values[0].value))
    assert.ok(actors.includes('Vana Triller'), actors.join(', '))
    for (const noise of ['Javascript', 'KQRX Channel', 'KQRX', 'Marlowe', 'SUV'])
      assert.ok(!actors.includes(noise), `${noise} in ${actors.join(', ')}`)
  })

  it('does not take a place named in page furniture for where it happened', () => {
    // A real city in the caption, so that the gazetteer types it.
    const text =
      'Man shot\n\nA man was shot on Friday night, police said.\n' +
      'Photo: Marlowe Daily staff in Denver\n' +
      'He had moved from Pellam to Quarnby in May.'
    const doc = analyseDocument(makeDoc({ id: 'p', text, meta: { source: 'p', published: '2026-03-14' } }))
    const places = compareStory([doc], resolveEntities([doc]))
      .facts.filter((f) => f.kind === 'place')
      .map((f) => String(f.values[0].value))
    assert.ok(places.length > 0 && !places.includes('Denver'), places.join(', '))
  })
})
