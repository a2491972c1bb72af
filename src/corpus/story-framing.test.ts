import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Entity } from '../model/types.ts'
import { tokenizeText } from '../stages/tokenize.ts'
import { makeFixture } from './fixtures.test-helpers.ts'
import { frameStory, mentionKey, premodifierSpan } from './story-framing.ts'

// Made-up reports with made-up outlets.
const a = makeFixture({
  id: 'a',
  outlet: 'Daily Alpha',
  text: 'The outlawed Northern Front attacked the depot. "They are butchers," said Governor Ilse Marr. The group allegedly used rockets.',
  mentions: [
    { at: 'Northern Front', type: 'ORG', entity: 'e-front' },
    { at: 'Ilse Marr', type: 'PERSON', entity: 'e-marr' },
  ],
  quotes: [{ at: '"They are butchers,"', speaker: { at: 'Ilse Marr' } }],
  framing: {
    labels: [{ at: 'outlawed', target: { at: 'Northern Front', entity: 'e-front' } }],
    loaded: [
      { at: 'outlawed', voice: 'outlet' },
      { at: 'butchers', voice: 'quoted' },
    ],
    hedges: [{ at: 'allegedly' }],
  },
})

const b = makeFixture({
  id: 'b',
  outlet: 'Beta News',
  text: 'The rebel-led Northern Front hit an army depot, the Northern Front said. Marr spoke. Marr spoke again.',
  mentions: [
    { at: 'Northern Front', type: 'ORG', entity: 'e-front' },
    { at: 'Northern Front', nth: 1, type: 'ORG', entity: 'e-front' },
    { at: 'Marr', type: 'PERSON', entity: 'e-marr' },
  ],
  quotes: [
    { at: 'Marr spoke.', speaker: { at: 'Marr', entity: 'e-marr' } },
    { at: 'Marr spoke again.', speaker: { at: 'Marr', nth: 1, entity: 'e-marr' } },
    { at: 'The rebel-led', speaker: { at: 'Northern Front', nth: 1 } },
  ],
})

const entities: Entity[] = [
  { id: 'e-front', type: 'ORG', name: 'Northern Front', aliases: [], mentions: [] },
  { id: 'e-marr', type: 'PERSON', name: 'Ilse Marr', aliases: [], mentions: [] },
]

describe('frameStory', () => {
  const framing = frameStory([a, b], entities, ['e-front', 'e-marr'])

  it("sets each outlet's labels for an actor side by side, falling back to pre-modifiers", () => {
    const front = framing.labels.find((l) => l.entity === 'e-front')
    assert.ok(front)
    assert.equal(front.name, 'Northern Front')
    assert.deepEqual(
      front.byDocument.map((d) => [d.document, d.outlet, d.labels.map((l) => l.text)]),
      [
        ['a', 'Daily Alpha', ['outlawed']],
        ['b', 'Beta News', ['rebel-led']],
      ],
    )
  })

  it('leaves out actors no document describes', () => {
    assert.deepEqual(
      framing.labels.map((l) => l.entity),
      ['e-front'],
    )
  })

  it('splits loaded words by voice', () => {
    const [la, lb] = framing.loaded
    assert.deepEqual(
      la.outlet_voice.map((e) => e.text),
      ['outlawed'],
    )
    assert.deepEqual(
      la.quoted_voice.map((e) => e.text),
      ['butchers'],
    )
    assert.deepEqual([lb.outlet_voice, lb.quoted_voice], [[], []])
  })

  it('counts whose voices each document quotes, resolved through entities', () => {
    assert.deepEqual(framing.voices, [
      {
        document: 'a',
        outlet: 'Daily Alpha',
        speakers: [{ name: 'Ilse Marr', entity: 'e-marr', count: 1, kind: 'person' }],
      },
      {
        document: 'b',
        outlet: 'Beta News',
        speakers: [
          { name: 'Ilse Marr', entity: 'e-marr', count: 2, kind: 'person' },
          { name: 'Northern Front', entity: 'e-front', count: 1, kind: 'organisation' },
        ],
      },
    ])
  })

  it('tells named voices from unnamed sources and documents', () => {
    const c = makeFixture({
      id: 'c',
      text: 'Senior officials said the depot burned. The army statement said two died. Front spokesman Odo Renn said more. He said that was all.',
      mentions: [{ at: 'Odo Renn', type: 'PERSON' }],
      quotes: [
        { at: 'the depot burned', speaker: { at: 'Senior officials' } },
        { at: 'two died', speaker: { at: 'The army statement' } },
        { at: 'more', speaker: { at: 'Front spokesman Odo Renn' } },
        { at: 'that was all', speaker: { at: 'He' } },
      ],
    })
    const [voices] = frameStory([c], [], []).voices
    assert.deepEqual(
      voices.speakers.map((s) => [s.name, s.kind]),
      [
        ['Front spokesman Odo Renn', 'person'],
        ['He', 'pronoun'],
        ['Senior officials', 'unnamed'],
        ['The army statement', 'document'],
      ],
    )
  })

  it('lists hedges per document', () => {
    assert.deepEqual(
      framing.hedges.map((h) => h.hedges.map((e) => e.text)),
      [['allegedly'], []],
    )
  })
})

describe('premodifierSpan', () => {
  const cases: [string, string, string | null][] = [
    [
      'the Iraqi government-allied militia Northern Front struck',
      'Northern Front',
      'Iraqi government-allied militia',
    ],
    ['the rebel-led Northern Front struck', 'Northern Front', 'rebel-led'],
    ['Northern Front struck', 'Northern Front', null],
    ['said the Northern Front', 'Northern Front', null],
    // A name before a name is not a description.
    ['Army General Northern Front', 'Northern Front', null],
    ['a group, Northern Front', 'Northern Front', null],
    ['a senior Northern Front commander', 'Northern Front', null],
    ['to push out Northern Front', 'Northern Front', null],
    ['killing three Northern Front', 'Northern Front', null],
    ['the notorious Northern Front movement', 'Northern Front', 'notorious'],
    ['protesters confronted Northern Front', 'Northern Front', null],
    ['said Gen. Northern Front', 'Northern Front', null],
  ]
  for (const [text, name, expected] of cases) {
    it(text, () => {
      const start = text.indexOf(name)
      const doc = makeFixture({ id: 't', text, mentions: [{ at: name, type: 'ORG' }] })
      const span = premodifierSpan(doc, tokenizeText(text), { start, end: start + name.length }, 4)
      assert.equal(span ? text.slice(span.start, span.end) : null, expected)
    })
  }
})

describe('mentionKey', () => {
  const cases: [{ text: string; entity?: string }, string][] = [
    [{ text: 'Northern Front', entity: 'e1' }, 'e1'],
    [{ text: 'Northern Front' }, 'name:northern front'],
    [{ text: 'Ostravia’s' }, 'name:ostravia'],
  ]
  for (const [m, expected] of cases) it(m.text, () => assert.equal(mentionKey(m), expected))
})

describe('frameStory: descriptions of an unnamed group', () => {
  // Report c describes the group without naming it in the label; reports d and e say what it is.
  const c = makeFixture({
    id: 'c',
    text: 'Foreign-funded militia groups vowed revenge. Later the Northern Front and the Tarsk Union met.',
    mentions: [
      { at: 'Northern Front', type: 'ORG', entity: 'e-front' },
      { at: 'Tarsk Union', type: 'ORG', entity: 'e-union' },
    ],
    framing: { labels: [{ at: 'Foreign-funded militia groups' }] },
  })
  const d = makeFixture({
    id: 'd',
    text: 'The Northern Front is a militia based in the hills. Its militia commander left the Northern Front. The Tarsk Union is a militia too.',
    mentions: [
      { at: 'Northern Front', type: 'PERSON', entity: 'e-front' },
      { at: 'Northern Front', nth: 1, type: 'ORG', entity: 'e-front' },
      { at: 'Tarsk Union', type: 'ORG', entity: 'e-union' },
    ],
  })
  const ents: Entity[] = [
    { id: 'e-front', type: 'PERSON', name: 'Northern Front', aliases: [], mentions: [] },
    { id: 'e-union', type: 'ORG', name: 'Tarsk Union', aliases: [], mentions: [] },
  ]

  it('ties the description to the actor the story describes with the same noun', () => {
    const framing = frameStory([c, d], ents, ['e-front', 'e-union'])
    const front = framing.labels.find((l) => l.entity === 'e-front')
    assert.deepEqual(
      front?.byDocument.map((b) => b.labels.map((l) => l.text)),
      [['Foreign-funded militia groups'], []],
    )
    assert.equal(
      framing.labels.find((l) => l.entity === 'e-union'),
      undefined,
    )
  })

  it('leaves it unattached when no actor clearly wins', () => {
    const framing = frameStory([c], ents, ['e-front', 'e-union'])
    assert.deepEqual(framing.labels, [])
  })
})

describe('frameStory: when the framing stage ran and found no label', () => {
  it('does not guess one from the words before the name', () => {
    const doc = makeFixture({
      id: 'f',
      text: 'The rebel-led Northern Front hit a depot.',
      mentions: [{ at: 'Northern Front', type: 'ORG', entity: 'e-front' }],
      framing: {},
    })
    assert.deepEqual(frameStory([doc], entities, ['e-front']).labels, [])
  })
})
