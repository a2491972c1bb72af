import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { Doc } from '../model/types.ts'
import { arrivalOrder, createStoryIndex, groupStories, PAIR_FEATURES, storyIndexFromJSON } from './cluster.ts'
import { featurise } from './grouping-features.ts'

// Made-up events in made-up places: two storms in different towns, one council vote, and copies.
const doc = (id: string, text: string, published?: string): Doc =>
  makeDoc({ id, text, meta: { source: 'test', ...(published ? { published } : {}) } })

// A made-up dated report of a shooting in made-up Norvik, analysed as the pipeline would: the town, the
// persons of `persons` it names, "Saturday" as the day before publication, and `figure` people injured.
const shootingReport = (id: string, text: string, figure: number, persons: string[] = []): Doc => {
  const at = (word: string): { start: number; end: number } => {
    const start = text.indexOf(word)
    return { start, end: start + word.length }
  }
  const count = String(figure)
  return {
    ...makeDoc({ id, text, meta: { source: 'test', published: '2031-05-04' } }),
    mentions: [
      { span: at('Norvik'), text: 'Norvik', type: 'GPE', entity: 'G-norvik' },
      ...persons
        .filter((name) => text.includes(name))
        .map((name) => ({ span: at(name), text: name, type: 'PERSON', entity: `P-${name}` })),
    ],
    dates: [
      {
        span: at('Saturday'),
        text: 'Saturday',
        value: '2031-05-03',
        precision: 'day',
        type: 'DATE',
        relative: true,
      },
    ],
    quantities: [
      {
        span: at(count),
        text: count,
        low: figure,
        best: figure,
        high: figure,
        role: 'injured',
        counted: 'people',
      },
    ],
  } as Doc
}

// Every mention of a made-up person (in full or by surname) or place resolves to one entity, as entity
// linking does.
const resolvedMentions = (text: string, people: string[], places: string[]): Doc['mentions'] => {
  const mentions: Doc['mentions'] = []
  for (const name of [...people, ...places]) {
    const type = places.includes(name) ? 'GPE' : 'PERSON'
    const forms = type === 'GPE' ? [name] : [name, name.split(' ')[1]]
    const pattern = new RegExp(`\\b(?:${forms.join('|')})\\b`, 'g')
    for (const m of text.matchAll(pattern)) {
      const span = { start: m.index, end: m.index + m[0].length }
      if (mentions.some((other) => other.span.start <= span.start && span.start < other.span.end)) continue
      mentions.push({ span, text: m[0], type, entity: `${type}-${name}` })
    }
  }
  return mentions.sort((x, y) => x.span.start - y.span.start)
}

const storm1 = [
  doc(
    's1a',
    'A tornado tore through Brindlemoor on Tuesday, flattening the Quarrel Street school and injuring 14 people. Mayor Ilsa Varnow declared an emergency in Brindlemoor.',
    '2031-05-06',
  ),
  doc(
    's1b',
    'Mayor Ilsa Varnow said Brindlemoor would rebuild the Quarrel Street school after the tornado injured 14 residents on Tuesday.',
    '2031-05-07',
  ),
  doc(
    's1c',
    'Rescue crews in Brindlemoor searched the ruins of the Quarrel Street school a day after the tornado. Varnow thanked volunteers.',
    '2031-05-07',
  ),
]
const storm2 = [
  doc(
    's2a',
    'A tornado struck Calderwick on Friday, ripping the roof off the Fennimore Arena and injuring three people. Governor Otto Brask toured Calderwick.',
    '2031-05-09',
  ),
  doc(
    's2b',
    'Governor Otto Brask promised aid to Calderwick after a tornado tore the roof off the Fennimore Arena on Friday, injuring three.',
    '2031-05-10',
  ),
]
const council = [
  doc(
    'c1',
    'The Harrowgate council voted 7-2 to raise bus fares, with councillor Dana Pellow opposing the Harrowgate fare plan.',
    '2031-05-08',
  ),
  doc(
    'c2',
    'Councillor Dana Pellow lost the Harrowgate bus fare vote; the council backed higher fares seven votes to two.',
    '2031-05-08',
  ),
]
const all = [...storm1, ...storm2, ...council]

const groupsOf = (stories: { documents: string[] }[]): string[][] =>
  stories.map((s) => [...s.documents].sort()).sort((a, b) => a[0].localeCompare(b[0]))

/** Options whose scorers never join: only the rules that overrule a rejection can. */
const never = { scorer: { bias: -100, weights: {} }, bareScorer: { bias: -100, weights: {} } }
describe('groupStories', () => {
  it('puts reports of one event together and keeps a similar event apart', () => {
    assert.deepEqual(groupsOf(groupStories(all)), [
      ['c1', 'c2'],
      ['s1a', 's1b', 's1c'],
      ['s2a', 's2b'],
    ])
  })

  const orders: [string, Doc[]][] = [
    ['reversed', [...all].reverse()],
    ['interleaved', [storm2[0], council[0], storm1[2], storm1[0], council[1], storm2[1], storm1[1]]],
  ]
  for (const [name, order] of orders) {
    it(`gives the same stories online whatever the arrival order (${name})`, () => {
      const index = createStoryIndex()
      for (const d of order) index.add(d)
      assert.deepEqual(groupsOf(index.stories()), groupsOf(groupStories(all)))
    })
  }

  it('names a story after its first document in publication order', () => {
    const stories = groupStories([...storm1].reverse())
    assert.deepEqual(
      stories.map((s) => s.id),
      ['story-s1a'],
    )
  })

  it('keeps the same wording a year apart in separate stories (time window)', () => {
    const late = doc('s1late', storm1[0].text, '2032-05-06')
    const stories = groupStories([storm1[0], late])
    assert.equal(stories.length, 2)
  })

  it('groups undated articles by content', () => {
    const undated = all.map((d) => doc(`u-${d.id}`, d.text))
    assert.deepEqual(groupsOf(groupStories(undated)).length, 3)
  })
})

describe('createStoryIndex', () => {
  it('reports new stories, joins and near-duplicate copies', () => {
    const index = createStoryIndex()
    const first = index.add(storm1[0])
    assert.deepEqual(first, { story: 'story-s1a', isNew: true })
    const copy = doc('copy', `${storm1[0].text} Copyright Example Wire.`, '2031-05-06')
    const second = index.add(copy)
    assert.deepEqual(second, { story: 'story-s1a', isNew: false, duplicateOf: 's1a' })
    const third = index.add(storm1[1])
    assert.deepEqual(third, { story: 'story-s1a', isNew: false })
    assert.deepEqual(index.stories(), [
      { id: 'story-s1a', documents: ['s1a', 'copy', 's1b'], independent: 2 },
    ])
  })

  it('finds copies of members restored from a snapshot, unless it holds signatures of an older scheme', () => {
    const index = createStoryIndex()
    index.add(storm1[0])
    const state = JSON.parse(JSON.stringify(index.toJSON()))
    const copy = doc('copy', `${storm1[0].text} Copyright Example Wire.`, '2031-05-06')
    assert.equal(storyIndexFromJSON(state).add(copy).duplicateOf, 's1a')
    // A snapshot saved before signatures named their scheme: its stories stay, its signatures do not compare.
    const older = storyIndexFromJSON({ ...state, signatures: undefined })
    assert.deepEqual(older.add(copy), { story: 'story-s1a', isNew: false })
    assert.equal(older.stories()[0].independent, 2)
  })

  it('is idempotent for an id it has seen', () => {
    const index = createStoryIndex()
    index.add(storm1[0])
    assert.deepEqual(index.add(storm1[0]), { story: 'story-s1a', isNew: false })
    assert.equal(index.stories()[0].documents.length, 1)
  })

  it('continues from a JSON snapshot exactly as if it had never stopped', () => {
    const straight = createStoryIndex()
    const resumed0 = createStoryIndex()
    for (const d of all.slice(0, 4)) {
      straight.add(d)
      resumed0.add(d)
    }
    const resumed = storyIndexFromJSON(JSON.parse(JSON.stringify(resumed0.toJSON())))
    for (const d of all.slice(4)) assert.deepEqual(resumed.add(d), straight.add(d))
    assert.deepEqual(resumed.stories(), straight.stories())
    assert.equal(resumed.storyOf('s1a'), 'story-s1a')
  })

  it('scores a long stream after a snapshot as if it had never stopped (cached idf, eviction, priming)', () => {
    // 320 made-up reports of 40 made-up fires, four a day: past 200 articles idf is cached, and with
    // `evictEvery: 150` the straight index closes stale stories at other adds than one restarted at 230.
    const syllables = ['bra', 'mol', 'tiv', 'ken', 'dur', 'sap', 'lor', 'vek']
    const word = (k: number) => syllables[k % 8] + syllables[Math.floor(k / 8) % 8] + syllables[(k * 3) % 8]
    const day = (i: number) => new Date(Date.UTC(2031, 4, 1 + Math.floor(i / 4))).toISOString().slice(0, 10)
    const stream = Array.from({ length: 320 }, (_, i) => {
      const k = (i * 7) % 40
      const town = word(k)[0].toUpperCase() + word(k).slice(1)
      const chief = word(k + 11)[0].toUpperCase() + word(k + 11).slice(1)
      return doc(
        `f${i}`,
        `A fire broke out in ${town} and ${(k % 9) + 2} people were hurt. Chief Ana ${chief} said crews from ${town} fought the ${word(i)} blaze through the night.`,
        day(i),
      )
    })
    const run = (cut: number | null) => {
      const seen: string[] = []
      const options = {
        evictEvery: 150,
        decide: (d: Doc, candidates: { story: string; features: number[] }[]) => {
          seen.push(`${d.id} ${candidates.map((c) => `${c.story}:${c.features.join(',')}`).join(' ')}`)
          const best = candidates.find((c) => c.features[0] > 0.3)
          return best ? best.story : null
        },
      }
      let index = createStoryIndex(options)
      index.prime(stream.slice(0, 240))
      stream.forEach((d, i) => {
        if (i === cut) index = storyIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())), options)
        index.add(d)
      })
      return { seen, stories: index.stories() }
    }
    const straight = run(null)
    const resumed = run(230)
    assert.ok(straight.stories.length < stream.length / 2)
    assert.deepEqual(resumed.seen, straight.seen)
    assert.deepEqual(resumed.stories, straight.stories)
  })

  it('does not count a primed article twice in idf', () => {
    const primedOnce = createStoryIndex()
    primedOnce.prime(all)
    primedOnce.prime(all)
    for (const d of all) primedOnce.add(d)
    const state = primedOnce.toJSON()
    assert.equal(state.count, all.length)
    assert.equal(new Map(state.df).get('n:brindlemoor'), storm1.length)
  })

  it('learns page furniture: once a sign-up prompt is seen in two stories it no longer joins others', () => {
    const prompt =
      'Get breaking alerts from the Daily Ledger delivered to your inbox every single morning before work.'
    // Two long, unrelated reports carry the prompt: it is now known as furniture.
    const docs = [
      doc('f1', `${prompt}\n${storm1[0].text} ${storm1[1].text}`, '2031-05-06'),
      doc('f2', `${prompt}\n${council[0].text} ${council[1].text}`, '2031-05-08'),
      // Short reports that share little but the prompt.
      doc('f3', `${prompt}\nA library in Oswin reopened.`, '2031-05-09'),
      doc('f4', `${prompt}\nPellworth won the cup final.`, '2031-05-09'),
    ]
    assert.equal(groupStories(docs).length, 4)
    const index = createStoryIndex()
    for (const d of docs) index.add(d)
    assert.ok(index.toJSON().segments.some(([, seen]) => seen === -1))
  })

  it('learns page furniture from time: a sentence seen weeks apart no longer joins reports', () => {
    const prompt = 'Sign in using your Ledger profile to comment on this article and many more.'
    const docs = [
      doc('g1', `${prompt}\nA library in Oswin reopened.`, '2031-05-01'),
      doc('g2', `${prompt}\nPellworth won the cup final.`, '2031-05-02'),
      doc('g3', `${prompt}\nA bakery in Tarrow burned down.`, '2031-05-20'),
    ]
    // Alone, the prompt links the first two reports; seen again 19 days later it is furniture.
    const index = createStoryIndex()
    index.add(docs[0])
    assert.equal(index.add(docs[1]).isNew, false)
    assert.equal(groupStories(docs).length, 3)
  })

  it('scores candidates with the scorer given, and reports pair features to `decide`', () => {
    const seen: { story: string; features: number[] }[][] = []
    const index = createStoryIndex({
      decide: (_doc, candidates) => {
        seen.push(candidates)
        return null
      },
    })
    for (const d of storm1) index.add(d)
    assert.equal(index.stories().length, 3)
    const last = seen.at(-1) ?? []
    assert.ok(last.length > 0)
    assert.equal(last[0].features.length, PAIR_FEATURES.length)
    assert.ok(last[0].features[PAIR_FEATURES.indexOf('lexical')] > 0.2)
    // A scorer that never joins: every report starts its own story.
    assert.equal(
      groupStories(all, { scorer: { bias: -100, weights: {} }, bareScorer: { bias: -100, weights: {} } })
        .length,
      all.length,
    )
  })

  it('closes stories left behind by the window, and still knows their documents', () => {
    const index = createStoryIndex({ evictEvery: 1 })
    index.add(storm1[0])
    index.add(doc('later', council[0].text, '2031-08-01'))
    const again = doc('s1again', storm1[1].text, '2031-08-02')
    assert.equal(index.add(again).isNew, true)
    assert.deepEqual(index.add(storm1[0]), { story: 'story-s1a', isNew: false })
    const state = index.toJSON()
    assert.deepEqual(
      state.stories.map((s) => [s.id, s.open, s.centroid.length > 0]),
      [
        ['story-s1a', false, false],
        ['story-later', true, true],
        ['story-s1again', true, true],
      ],
    )
    assert.deepEqual(storyIndexFromJSON(JSON.parse(JSON.stringify(state))).stories(), index.stories())
  })

  it('rejects a snapshot it does not understand', () => {
    assert.throws(() => storyIndexFromJSON({ version: 2 } as never), /version 1/)
  })
})

describe('arrivalOrder', () => {
  const cases: [string, Doc, Doc, number][] = [
    ['earlier date first', doc('b', 'x', '2031-01-01'), doc('a', 'x', '2031-01-02'), -1],
    ['same date: by id', doc('b', 'x', '2031-01-01'), doc('a', 'x', '2031-01-01'), 1],
    ['dated before undated', doc('z', 'x', '2031-01-01'), doc('a', 'x'), -1],
    ['undated by id', doc('a', 'x'), doc('b', 'x'), -1],
  ]
  for (const [name, a, b, expected] of cases) {
    it(name, () => assert.equal(Math.sign(arrivalOrder(a, b)), expected))
  }
})

/** The date "March 3" at `span`, resolved to `day`. */
const marchThird = (span: { start: number; end: number }, day: string) => ({
  span,
  text: 'March 3',
  value: day,
  precision: 'day' as const,
  type: 'DATE' as const,
  relative: false,
})

describe('story index: long-gap follow-ups', () => {
  const analysed = (id: string, text: string, published: string, day: string | null): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: [
        { span: at('Ada Brell'), text: 'Ada Brell', type: 'PERSON', entity: 'P-brell' },
        { span: at('Norvik'), text: 'Norvik', type: 'GPE', entity: 'G-norvik' },
      ],
      dates: day ? [marchThird(at('March 3'), day)] : [],
    } as Doc
  }
  const shooting =
    'Gunfire in Norvik wounded two people outside a bakery, and police named Ada Brell as a suspect.'
  const trial =
    'The trial of Ada Brell opened on Monday; prosecutors described the March 3 attack in Norvik in detail.'

  it('links a report beyond the window that names the story’s rare person, place and first day', () => {
    const stories = groupStories([
      analysed('a', shooting, '2031-03-03', null),
      analysed('b', trial, '2031-04-20', '2031-03-03'),
    ])
    assert.equal(stories.length, 1)
  })

  it('keeps it apart when it names another day', () => {
    const stories = groupStories([
      analysed('a', shooting, '2031-03-03', null),
      analysed('b', trial, '2031-04-20', '2031-03-20'),
    ])
    assert.equal(stories.length, 2)
  })

  // Unrelated reports in between move the newest day on, so the shooting's story closes long before the
  // sentencing months later; its follow-up record (places, rare persons, first day) still links it.
  const filler = (id: string, published: string): Doc =>
    doc(
      id,
      `The Quillby library board met on ${published} to discuss opening hours and a new roof.`,
      published,
    )
  const sentencing =
    'Ada Brell was sentenced on Friday to twelve years for the March 3 attack in Norvik that wounded two.'
  // The same rare person months later, in another town and about another day.
  const unrelated = (): Doc => {
    const text = 'Ada Brell opened a bakery in Quillby on Friday; the mayor cut the ribbon.'
    const base = analysed('u', text, '2031-10-02', null)
    const start = text.indexOf('Quillby')
    return {
      ...base,
      mentions: [
        ...(base.mentions ?? []).filter((m) => m.type === 'PERSON'),
        { span: { start, end: start + 7 }, text: 'Quillby', type: 'GPE', entity: 'G-quillby' },
      ],
    } as Doc
  }
  const closedThenFollowUp = (
    last: Doc,
  ): { index: ReturnType<typeof createStoryIndex>; results: string[] } => {
    const index = createStoryIndex({ evictEvery: 1 })
    const results = [
      analysed('a', shooting, '2031-03-03', null),
      filler('f1', '2031-05-20'),
      filler('f2', '2031-07-15'),
      filler('f3', '2031-09-10'),
    ].map((d) => index.add(d).story)
    assert.equal(index.toJSON().stories[0].open, false)
    results.push(index.add(last).story)
    return { index, results }
  }

  it('links a follow-up months later to its closed story, which reopens', () => {
    const { index, results } = closedThenFollowUp(analysed('s', sentencing, '2031-10-02', '2031-03-03'))
    assert.equal(results[4], 'story-a')
    assert.deepEqual(index.stories()[0].documents, ['a', 's'])
    assert.equal(index.toJSON().stories[0].open, true)
  })

  it('links a follow-up naming the event day its story named, though the first report came days later', () => {
    const arrest =
      'Police in Norvik arrested Ada Brell on Sunday over the March 3 gunfire that wounded two people.'
    const index = createStoryIndex({ evictEvery: 1 })
    index.add(analysed('a', arrest, '2031-03-07', '2031-03-03'))
    for (const d of [filler('f1', '2031-05-20'), filler('f2', '2031-07-15')]) index.add(d)
    // The sentencing names March 3, four days before the story's first report.
    assert.equal(index.add(analysed('s', sentencing, '2031-10-02', '2031-03-03')).story, 'story-a')
  })

  // Within the window: the charge report 25 days later shares little wording with the shooting.
  const tagged = (id: string, text: string, published: string, persons: string[], day?: string): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: [
        ...persons.map((p) => ({ span: at(p), text: p, type: 'PERSON', entity: `P-${p}` })),
        { span: at('Norvik'), text: 'Norvik', type: 'GPE', entity: 'G-norvik' },
      ],
      dates: day ? [marchThird(at('March 3'), day)] : [],
    } as Doc
  }
  const wounded =
    'Gunfire in Norvik wounded Ada Brell outside a bakery; witnesses described a man named Tom Quill fleeing.'
  const charged =
    'Prosecutors charged Tom Quill with attempted murder, saying he fired at Ada Brell in Norvik on March 3.'

  it('links a report within the window that refers back, sharing two rare persons, a place and the day', () => {
    const stories = groupStories([
      tagged('a', wounded, '2031-03-03', ['Ada Brell', 'Tom Quill']),
      tagged('b', charged, '2031-03-28', ['Tom Quill', 'Ada Brell'], '2031-03-03'),
    ])
    assert.equal(stories.length, 1)
    // With one shared person, the scorer's rejection stands.
    const apart = groupStories([
      tagged('a', wounded, '2031-03-03', ['Ada Brell', 'Tom Quill']),
      tagged('b', charged, '2031-03-28', ['Tom Quill'], '2031-03-03'),
    ])
    assert.equal(apart.length, 2)
  })

  it('links a report the next day sharing two rare persons, a place and the day, though its event type differs', () => {
    // The shooting is an attack, the charge a legal step: no shared-specifics link takes an event clash.
    const typed = (d: Doc, type: string): Doc =>
      ({ ...d, events: [{ span: { start: 0, end: 1 }, text: type, type }] }) as Doc
    const stories = groupStories(
      [
        typed(tagged('a', wounded, '2031-03-03', ['Ada Brell', 'Tom Quill']), 'attack'),
        typed(tagged('b', charged, '2031-03-04', ['Tom Quill', 'Ada Brell'], '2031-03-03'), 'charge'),
      ],
      never,
    )
    assert.equal(stories.length, 1)
  })

  it('keeps apart a report months later naming the same person without the place and day', () => {
    assert.equal(closedThenFollowUp(unrelated()).results[4], 'story-u')
  })

  it('keeps follow-up records in its snapshot, and restores snapshots from before them', () => {
    const index = createStoryIndex({ evictEvery: 1 })
    for (const d of [
      analysed('a', shooting, '2031-03-03', null),
      filler('f1', '2031-05-20'),
      filler('f2', '2031-07-15'),
    ])
      index.add(d)
    const json = JSON.stringify(index.toJSON())
    const state = JSON.parse(json)
    assert.ok(state.stories[0].followUpPlaces.length > 0)
    const follow = analysed('s', sentencing, '2031-10-02', '2031-03-03')
    assert.equal(storyIndexFromJSON(state).add(follow).story, 'story-a')
    // A snapshot written before follow-up records: it restores, and the closed story is out of reach.
    const older = JSON.parse(json)
    for (const s of older.stories) delete s.followUpPlaces
    delete older.personStories
    const old = storyIndexFromJSON(older)
    assert.deepEqual(old.stories(), index.stories())
    assert.equal(old.add(follow).story, 'story-s')
  })
})

describe('story index: long-gap follow-ups through a small, rarely named town', () => {
  // A report naming its town as a place and, when `day` is given, "March 3" as that day; no persons.
  const report = (id: string, text: string, town: string, published: string, day?: string): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: [{ span: at(town), text: town, type: 'GPE', entity: `G-${town}` }],
      dates: day ? [marchThird(at('March 3'), day)] : [],
      quantities: [],
    } as Doc
  }
  const shooting = (town: string): Doc =>
    report(
      'a',
      `A man was shot outside a bar in ${town} late on Sunday, the sheriff said.`,
      town,
      '2031-03-03',
    )
  const arrest = (town: string, day = '2031-03-03', published = '2031-04-20'): Doc =>
    report(
      'b',
      `Deputies arrested a neighbour, charging him over the March 3 gunfire in ${town}.`,
      town,
      published,
      day,
    )

  it('links a report beyond the window that names the small town and the story’s first day', () => {
    assert.equal(groupStories([shooting('Quenby Falls'), arrest('Quenby Falls')], never).length, 1)
  })

  it('keeps it apart in a city or a state, when it names another day, or within the window', () => {
    assert.equal(groupStories([shooting('Houston'), arrest('Houston')], never).length, 2)
    assert.equal(groupStories([shooting('Ohio'), arrest('Ohio')], never).length, 2)
    assert.equal(
      groupStories([shooting('Quenby Falls'), arrest('Quenby Falls', '2031-03-20')], never).length,
      2,
    )
    // Within the window the scorer and the rules that overrule it have had their say.
    const soon = arrest('Quenby Falls', '2031-03-03', '2031-03-20')
    assert.equal(groupStories([shooting('Quenby Falls'), soon], never).length, 2)
  })

  it('keeps the place map in its snapshot, and rebuilds it from snapshots from before it', () => {
    const index = createStoryIndex(never)
    index.add(shooting('Quenby Falls'))
    const json = JSON.stringify(index.toJSON())
    assert.equal(storyIndexFromJSON(JSON.parse(json), never).add(arrest('Quenby Falls')).story, 'story-a')
    const older = JSON.parse(json)
    delete older.placeStories
    assert.equal(storyIndexFromJSON(older, never).add(arrest('Quenby Falls')).story, 'story-a')
  })
})

describe('story index: long-gap follow-ups naming the story’s day and rare names', () => {
  // Persons by entity id: the charge report's resolve apart from the shooting's (as across documents
  // they often do), so no rare person is shared; their name words are.
  const report = (id: string, text: string, published: string, persons: string[], day?: string): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: persons.map((p) => ({ span: at(p), text: p, type: 'PERSON', entity: `P-${id}-${p}` })),
      dates: day ? [marchThird(at('March 3'), day)] : [],
      quantities: [],
    } as Doc
  }
  const shooting = report(
    'a',
    'Gunfire outside a lounge wounded Ada Brell early on Sunday; witnesses named Tom Quill as the gunman.',
    '2031-03-03',
    ['Ada Brell', 'Tom Quill'],
  )
  const charge = (persons: string[], day = '2031-03-03'): Doc =>
    report(
      'b',
      'Tom Quill was charged on Monday over the March 3 gunfire that wounded Ada Brell at the lounge.',
      '2031-04-20',
      persons,
      day,
    )

  it('links a report beyond the window naming the story’s first day and three rare name words of two names', () => {
    assert.equal(groupStories([shooting, charge(['Ada Brell', 'Tom Quill'])], never).length, 1)
  })

  it('keeps it apart when it names another day, or the words of one name only', () => {
    assert.equal(groupStories([shooting, charge(['Ada Brell', 'Tom Quill'], '2031-03-20')], never).length, 2)
    assert.equal(groupStories([shooting, charge(['Ada Brell'])], never).length, 2)
  })

  // With the city both name, one rare name word of the story's is enough beside the day.
  const placed = (d: Doc): Doc => {
    const start = d.text.indexOf('Houston')
    const city = { span: { start, end: start + 7 }, text: 'Houston', type: 'GPE', entity: 'G-houston' }
    return { ...d, text: d.text, mentions: [...(d.mentions ?? []), city] } as Doc
  }
  const inCity = (d: Doc, text: string): Doc => placed({ ...d, text } as Doc)

  it('links a report naming one rare name word of the story’s, its city and its first day', () => {
    const first = inCity(shooting, `${shooting.text} Houston police asked for witnesses.`)
    const later = charge(['Ada Brell'])
    const second = inCity(later, `${later.text} Houston prosecutors said.`)
    assert.equal(groupStories([first, second], never).length, 1)
    assert.equal(groupStories([shooting, charge(['Ada Brell'])], never).length, 2)
  })
})

describe('story index: a person the tagger typed otherwise in a follow-up', () => {
  // The story's reports type "Ada Brell" as a person; the trial report's tagger read her as an
  // organisation, resolved to the same entity. Houston is no small, rare town: only the person links.
  const report = (id: string, text: string, published: string, type: string, day?: string): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: [
        { span: at('Ada Brell'), text: 'Ada Brell', type, entity: 'P-brell' },
        { span: at('Houston'), text: 'Houston', type: 'GPE', entity: 'G-houston' },
      ],
      dates: day ? [marchThird(at('March 3'), day)] : [],
      quantities: [],
    } as Doc
  }
  const shooting = report(
    'a',
    'Gunfire in Houston wounded two people outside a bakery, and police named Ada Brell as a suspect.',
    '2031-03-03',
    'PERSON',
  )
  const trial = (type: string, entity = true): Doc => {
    const d = report(
      'b',
      'The trial of Ada Brell opened on Monday; prosecutors described the March 3 attack in Houston.',
      '2031-04-20',
      type,
      '2031-03-03',
    )
    return entity ? d : ({ ...d, mentions: d.mentions?.map((m) => ({ ...m, entity: undefined })) } as Doc)
  }

  it('links a follow-up naming the story’s person, typed as an organisation, its place and first day', () => {
    assert.equal(groupStories([shooting, trial('PERSON')], never).length, 1)
    assert.equal(groupStories([shooting, trial('ORG')], never).length, 1)
  })

  it('keeps it apart when the mention resolves to no person of any story', () => {
    assert.equal(groupStories([shooting, trial('ORG', false)], never).length, 2)
  })
})

describe('story index: reworded reports of one day, place and count', () => {
  const report = (id: string, text: string, figure: number): Doc => shootingReport(id, text, figure)
  const first = report(
    'a',
    'Gunmen opened fire on a house party in Norvik early Saturday, injuring 14 people, the sheriff said.',
    14,
  )
  const second = report(
    'b',
    'Deputies in Norvik are looking for the gunmen after 14 people were injured at a house party on Saturday.',
    14,
  )

  it('joins a report the scorer rejects when it shares the day, the place, the count and some wording', () => {
    assert.equal(groupStories([first, second], never).length, 1)
  })

  it('keeps them apart when the counts differ', () => {
    const other = report(
      'c',
      'Deputies in Norvik are looking for the gunmen after 3 people were injured at a house party on Saturday.',
      3,
    )
    assert.equal(groupStories([first, other], never).length, 2)
  })
})

describe('story index: two fragments of one day, place and count merged by a report agreeing with both', () => {
  // Made-up dated reports of one shooting: the first two share the day, the town and the count but little
  // wording, so they start two stories; the third retells both.
  const report = (id: string, text: string): Doc => shootingReport(id, text, 14, ['Orla Quint', 'Bram Tovey'])
  const party = [
    'Gunmen opened fire on a crowded house party in Norvik on Saturday, 14 hurt, the sheriff said.',
    'Guests fled through kitchen windows while music kept playing and neighbours phoned paramedics.',
    'Shell casings littered the driveway beside a birthday cake, balloons and a rented bouncy castle.',
    'Relatives waited outside the county hospital holding candles.',
    'A pastor prayed with grieving cousins, teenagers hugged beneath porch lanterns, and a grandmother described hiding toddlers inside a bathtub until ambulances arrived.',
    'Classmates organised fundraisers selling lemonade, bracelets and painted mugs.',
  ].join(' ')
  const manhunt = [
    'Deputies with dogs searched cornfields near Norvik for two masked suspects; 14 wounded Saturday.',
    'Helicopters circled grain silos, roadblocks stopped pickup trucks, schools stayed locked.',
    'A tractor dealership lent floodlights, farmers opened barns, and volunteers brought coffee to weary troopers at dawn.',
    'Investigators towed an abandoned sedan from a gravel quarry, examined muddy boot prints, and offered a reward for tips leading to arrests.',
    'Ranchers reported stolen horses, burned fences and missing saddles overnight.',
  ].join(' ')
  const first = report('a', party)
  const second = report('b', manhunt)
  const both = report('c', `${party} ${manhunt}`)

  it('merges the newer fragment into the older story and reports the merge', () => {
    assert.equal(groupStories([first, second], never).length, 2)
    const index = createStoryIndex(never)
    index.prime([first, second, both])
    index.add(first)
    index.add(second)
    assert.deepEqual(index.add(both), { story: 'story-a', isNew: false, merged: ['story-b'] })
    assert.deepEqual(groupsOf(index.stories()), [['a', 'b', 'c']])
  })

  it('merges them when the fragments name different people most: a victim, a sheriff', () => {
    const victim = report('a', `${party} Orla Quint was among the wounded.`)
    const sheriff = report('b', `${manhunt} Sheriff Bram Tovey asked for patience.`)
    const retold = report('c', `${party} Orla Quint was among the wounded. ${manhunt}`)
    assert.equal(groupStories([victim, sheriff], never).length, 2)
    assert.equal(groupStories([victim, sheriff, retold], never).length, 1)
  })

  it('keeps them apart when one fragment gives another count', () => {
    const other = { ...second, quantities: [{ ...second.quantities?.[0], best: 3, low: 3, high: 3 }] } as Doc
    assert.equal(groupStories([first, other, both], never).length, 2)
  })
})

describe('story index: reports days apart from one small, rarely named town', () => {
  // A report naming its town as a place, published on `published`, with no day or count named.
  const report = (id: string, text: string, town: string, published: string): Doc => {
    const start = text.indexOf(town)
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: [{ span: { start, end: start + town.length }, text: town, type: 'GPE', entity: `G-${town}` }],
      dates: [],
      quantities: [],
    } as Doc
  }
  const pair = (town: string, later = '2031-05-07'): Doc[] => [
    report(
      'a',
      `A man was shot outside a bar in ${town} late on the weekend, the sheriff said.`,
      town,
      '2031-05-04',
    ),
    report('b', `Deputies in ${town} arrested a neighbour after a man was shot near the bar.`, town, later),
  ]

  it('joins a reworded report days later that names the same small town', () => {
    assert.equal(groupStories(pair('Quenby Falls'), never).length, 1)
  })

  it('keeps them apart in a city (a shooting a night), in a state, or more than a few days apart', () => {
    assert.equal(groupStories(pair('Houston'), never).length, 2)
    assert.equal(groupStories(pair('Ohio'), never).length, 2)
    assert.equal(groupStories(pair('Quenby Falls', '2031-05-14'), never).length, 2)
  })
})

describe('story index: reports of a few days whose headlines share a rare name', () => {
  // The tagger reads the town as a place in one report and as a surname in the other: no place is shared.
  const report = (id: string, title: string, text: string, type: string, published: string): Doc => {
    const start = text.indexOf('Quenby')
    return {
      ...makeDoc({ id, text: `${title}\n\n${text}`, meta: { source: 'test', published, title } }),
      mentions: [
        {
          span: { start: title.length + 2 + start, end: title.length + 2 + start + 6 },
          text: 'Quenby',
          type,
          entity: `${type}-quenby`,
        },
      ],
      dates: [],
      quantities: [],
    } as Doc
  }
  const first = report(
    'a',
    'Toddler shot at home in Quenby',
    'A toddler was shot at a home in Quenby on the weekend, deputies said.',
    'GPE',
    '2031-05-04',
  )
  const later = (title: string, published = '2031-05-06'): Doc =>
    report('b', title, 'The toddler shot at a home near Quenby has died, deputies said.', 'PERSON', published)

  it('joins a report the scorer rejects when both headlines name the rare name', () => {
    assert.equal(groupStories([first, later('Quenby toddler dies after shooting at home')], never).length, 1)
  })

  it('keeps them apart when the later headline does not name it, or comes days later', () => {
    assert.equal(groupStories([first, later('Family mourns a child lost at the weekend')], never).length, 2)
    assert.equal(
      groupStories([first, later('Quenby toddler dies after shooting at home', '2031-05-11')], never).length,
      2,
    )
  })
})

describe('story index: reports of a few days with alike headlines', () => {
  // A report in a city (too large for the small-town link) with its headline as title.
  const report = (id: string, title: string, text: string, published: string): Doc => {
    const start = text.indexOf('Houston')
    return {
      ...makeDoc({ id, text: `${title}\n\n${text}`, meta: { source: 'test', published, title } }),
      mentions: [
        {
          span: { start: title.length + 2 + start, end: title.length + 2 + start + 7 },
          text: 'Houston',
          type: 'GPE',
          entity: 'G-houston',
        },
      ],
      dates: [],
      quantities: [],
    } as Doc
  }
  const first = report(
    'a',
    'Bakery owner shot during robbery attempt',
    'A gunman wounded the owner of a bakery in Houston while trying to rob the till, officers said.',
    '2031-05-04',
  )
  const later = (title: string, published = '2031-05-06'): Doc =>
    report(
      'b',
      title,
      'The bakery owner wounded by a would-be robber in Houston has died, family said.',
      published,
    )

  it('joins a report the scorer rejects when its headline is alike a member’s', () => {
    assert.equal(groupStories([first, later('Bakery owner shot in robbery attempt dies')], never).length, 1)
  })

  it('joins them when neither names a place (a national story), as when both name the same', () => {
    const placeless = (d: Doc): Doc => ({ ...d, mentions: [] }) as Doc
    const pair = [first, later('Bakery owner shot in robbery attempt dies')].map(placeless)
    assert.equal(groupStories(pair, never).length, 1)
  })

  it('keeps them apart when the headlines differ, or the report comes days later', () => {
    assert.equal(groupStories([first, later('Family mourns beloved neighbour')], never).length, 2)
    assert.equal(
      groupStories([first, later('Bakery owner shot in robbery attempt dies', '2031-05-12')], never).length,
      2,
    )
  })

  it('keeps apart reports whose texts differ under one headline (a site section’s name)', () => {
    const section = (id: string, text: string): Doc =>
      report(id, 'Public notices and updates', text, '2031-05-04')
    const notices = [
      section(
        'c',
        'Road crews in Houston will repave Elm Street and close two lanes through June, while contractors replace drains, curbs, signals, crosswalks and the aging water mains beneath.',
      ),
      section(
        'd',
        'The Houston library extends its summer reading hours for children and adults, adding puzzle clubs, chess lessons, poetry evenings, film screenings and free tutoring.',
      ),
    ]
    assert.equal(groupStories(notices, never).length, 2)
  })
})

describe('story index: a part of a town beside the town', () => {
  const report = (id: string, text: string, place: string): Doc => {
    const start = text.indexOf(place)
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published: '2031-05-04' } }),
      mentions: [
        { span: { start, end: start + place.length }, text: place, type: 'GPE', entity: `G-${place}` },
      ],
    } as Doc
  }
  const placeFeatures = (second: Doc): { shared: number; clash: number } => {
    let seen: number[] = []
    const index = createStoryIndex({
      decide: (_doc, candidates) => {
        seen = candidates[0]?.features ?? []
        return null
      },
    })
    index.add(
      report('a', 'A man was shot outside a grocery store in Lyon on Friday night, police said.', 'Lyon'),
    )
    index.add(second)
    return {
      shared: seen[PAIR_FEATURES.indexOf('placeShared')],
      clash: seen[PAIR_FEATURES.indexOf('placeClash')],
    }
  }

  it('shares the place, not clashes, when the report names a part of the story’s town', () => {
    const part = report(
      'b',
      'Police in South Lyon are looking for the man who shot a shopper on Friday.',
      'South Lyon',
    )
    assert.deepEqual(placeFeatures(part), { shared: 1, clash: 0 })
  })

  it('still clashes on another town', () => {
    const other = report('c', 'Police in Graz are looking for the man who shot a shopper on Friday.', 'Graz')
    assert.deepEqual(placeFeatures(other), { shared: 0, clash: 1 })
  })
})

describe('story index: reports of one day on one street', () => {
  const report = (id: string, text: string): Doc => {
    const start = text.indexOf('Saturday')
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published: '2031-05-04' } }),
      mentions: [],
      dates: [
        {
          span: { start, end: start + 'Saturday'.length },
          text: 'Saturday',
          value: '2031-05-03',
          precision: 'day',
          type: 'DATE',
          relative: true,
        },
      ],
    } as Doc
  }
  const first = report(
    'a',
    'A man was shot and wounded in the 1400 block of West Tamber Avenue on Saturday night, police said.',
  )
  const second = report(
    'b',
    'Police are looking for a gunman after a shooting on Tamber Avenue left a man wounded Saturday night.',
  )

  it('joins a report the scorer rejects when it names the same day and street with some shared wording', () => {
    assert.equal(groupStories([first, second], never).length, 1)
  })

  it('keeps the streets in a snapshot', () => {
    const index = createStoryIndex(never)
    index.add(first)
    const restored = storyIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())), never)
    assert.equal(restored.add(second).story, 'story-a')
  })

  it('keeps them apart when the streets differ', () => {
    const other = report(
      'c',
      'Police are looking for a gunman after a shooting on Brisket Avenue left a man wounded Saturday night.',
    )
    assert.equal(groupStories([first, other], never).length, 2)
  })

  it('joins a report that describes the same victim by age and sex on the same day', () => {
    const early = report(
      'd',
      'A 19-year-old woman was shot and wounded in Kelsby on Saturday night, police said.',
    )
    const later = report(
      'e',
      'Police are looking for a gunman who left a 19-year-old woman wounded Saturday night.',
    )
    assert.equal(groupStories([early, later], never).length, 1)
    const older = report(
      'f',
      'Police are looking for a gunman who left a 46-year-old woman wounded Saturday night.',
    )
    assert.equal(groupStories([early, older], never).length, 2)
  })

  it('reads victims by age and sex, none from a round-up', () => {
    const victims = (text: string): string[] => featurise(report('x', `${text} Saturday.`)).victims
    assert.deepEqual(
      victims('A 7-year-old girl and a 31-year-old man were hurt; the 7-year-old girl is stable.'),
      ['7f', '31m'],
    )
    assert.deepEqual(victims('A 40-year-old dog trainer was hurt.'), [])
    assert.deepEqual(
      victims('Shot were a 20-year-old man, a 21-year-old man, a 35-year-old woman and a 17-year-old boy.'),
      [],
    )
  })

  it('reads the street from a block address or a street name, without compass words or street type', () => {
    const streets = (text: string): string[] => featurise(report('x', `${text} Saturday.`)).streets
    assert.deepEqual(streets('Shots were fired in the 300 block of South Orlin late Friday.'), ['orlin'])
    assert.deepEqual(streets('A woman was hurt near Orlin Street and West 43rd Street.'), ['orlin', '43rd'])
    // A round-up of a city's shootings names many streets: none of them places one event.
    assert.deepEqual(streets('Shootings on Oak Street, Elm Avenue, Birch Road and Pine Lane.'), [])
    // They only serve links that need a day named, so a report without dates has none.
    const undated = makeDoc({ id: 'x', text: 'A woman was hurt on Orlin Street.', meta: { source: 'test' } })
    assert.deepEqual(featurise(undated).streets, [])
  })
})

describe('story index: reports of one day giving the same clock time or ages', () => {
  const report = (id: string, text: string): Doc => {
    const start = text.indexOf('Saturday')
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published: '2031-05-04' } }),
      mentions: [],
      dates: [
        {
          span: { start, end: start + 'Saturday'.length },
          text: 'Saturday',
          value: '2031-05-03',
          precision: 'day',
          type: 'DATE',
          relative: true,
        },
      ],
    } as Doc
  }
  const first = report(
    'a',
    'Officers were called to a shooting at about 11:40 p.m. Saturday in Kelsby, police said.',
  )

  it('joins a report the scorer rejects when it gives the same clock time on the same day', () => {
    const later = report(
      'b',
      'A gunman fled after firing into a crowd at 11:40 p.m. Saturday, a spokesman told reporters.',
    )
    assert.equal(groupStories([first, later], never).length, 1)
    const index = createStoryIndex(never)
    index.add(first)
    const restored = storyIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())), never)
    assert.equal(restored.add(later).story, 'story-a')
    const other = report(
      'c',
      'A gunman fled after firing into a crowd at 11:10 p.m. Saturday, a spokesman told reporters.',
    )
    assert.equal(groupStories([first, other], never).length, 2)
  })

  it('joins a report that gives two of the same ages on the same day', () => {
    const early = report(
      'd',
      'Two teenagers, ages 16 and 19, were wounded in a shooting Saturday in Kelsby, police said.',
    )
    const later = report(
      'e',
      'Police named the two wounded in the Kelsby shooting, Ana Brell, 19, and Otto Veem, 16, on Saturday.',
    )
    assert.equal(groupStories([early, later], never).length, 1)
    const one = report(
      'f',
      'Police named the two wounded in the Kelsby shooting, Ana Brell, 19, and Otto Veem, 44, on Saturday.',
    )
    assert.equal(groupStories([early, one], never).length, 2)
  })

  it('joins a report a day later that gives the same address, though it names no day', () => {
    const monthly = (id: string, text: string): Doc => ({
      ...makeDoc({ id, text, meta: { source: 'test', published: '2031-05-05' } }),
      mentions: [],
      dates: [
        {
          span: { start: text.indexOf('May'), end: text.indexOf('May') + 3 },
          text: 'May',
          value: '2031-05',
          precision: 'month',
          type: 'DATE',
          relative: false,
        },
      ],
    })
    const early = report(
      'g',
      'A man was wounded by gunfire in the 1400 block of West Main Street on Saturday, police said.',
    )
    const later = monthly(
      'h',
      'Neighbours on Main Street said the shooting at 1400 W. Main Street was the third in May.',
    )
    assert.equal(groupStories([early, later], never).length, 1)
    const next = monthly(
      'i',
      'Neighbours on Main Street said the shooting at 900 W. Main Street was the third in May.',
    )
    assert.equal(groupStories([early, next], never).length, 2)
  })

  it('reads clock times and ages from the lede, none from a time stamp or a round-up', () => {
    const read = (text: string) => {
      const f = featurise(report('x', `${text} Saturday.`))
      return { clocks: f.clocks, ages: f.ages }
    }
    assert.deepEqual(
      read('Posted 8:18 PM EST. A 17-year-old was shot about 2 a.m. and Jo Remm, 24, at 10:15 PM.'),
      {
        clocks: [120, 1335],
        ages: [17, 24],
      },
    )
    assert.deepEqual(read('The victims, ages 17, 19 and 22, were hurt.').ages, [17, 19, 22])
    assert.deepEqual(read('On May 3, 2031, Rue Tam, 24, was hurt on Route 66, police said.').ages, [24])
    const addresses = (text: string): string[] => featurise(report('x', `${text} Saturday.`)).addresses
    assert.deepEqual(addresses('Shots hit 1917 E. Prospect Road and the 1400 block of West Oak.'), [
      '1917:prospect',
      '1400:oak',
    ])
    assert.deepEqual(read('Shots at 1 a.m., 2 a.m., 3 a.m., 4 a.m. and 5 a.m.').clocks, [])
  })
})

describe('story index: reports days apart on one rare street', () => {
  // A report with the day it names (`named`, or a month only) and one wounded.
  const report = (id: string, text: string, published: string, named: string): Doc => {
    const at = (word: string) => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: [],
      dates: [
        {
          span: at(named.length === 10 ? 'Saturday' : 'May'),
          text: named.length === 10 ? 'Saturday' : 'May',
          value: named,
          precision: named.length === 10 ? 'day' : 'month',
          type: 'DATE',
          relative: named.length === 10,
        },
      ],
      quantities: [
        { span: at('one'), text: 'one', low: 1, best: 1, high: 1, role: 'injured', counted: 'people' },
      ],
    } as Doc
  }
  const first = report(
    'a',
    'Gunfire in the 900 block of Quillmarch Avenue on Saturday night left one man wounded, police said.',
    '2031-05-04',
    '2031-05-03',
  )
  const later = (street: string): Doc =>
    report(
      'b',
      `Detectives canvassed ${street} Avenue in May, where one man was wounded, and asked neighbours for video.`,
      '2031-05-07',
      '2031-05',
    )

  it('joins a later report that names no day when it shares a rare street and the count', () => {
    assert.equal(groupStories([first, later('Quillmarch')], never).length, 1)
  })

  it('joins a later report that gives no count when it shares a rare street', () => {
    const uncounted = { ...later('Quillmarch'), quantities: [] } as Doc
    assert.equal(groupStories([first, uncounted], never).length, 1)
  })

  it('keeps them apart when the street is a common word (a street of that name runs through many towns)', () => {
    const common = [
      report('c', first.text.replace('Quillmarch', 'Washington'), '2031-05-04', '2031-05-03'),
      later('Washington'),
    ]
    assert.equal(groupStories(common, never).length, 2)
  })

  it('keeps them apart when the counts differ or the story is more than a week older', () => {
    const two = later('Quillmarch')
    const other = {
      ...two,
      quantities: two.quantities?.map((q) => ({ ...q, best: 2, low: 2, high: 2 })),
    } as Doc
    assert.equal(groupStories([first, other], never).length, 2)
    const late = { ...two, meta: { ...two.meta, published: '2031-05-20' } } as Doc
    assert.equal(groupStories([first, late], never).length, 2)
  })
})

describe('story index: reports of one day about one rare person with one count', () => {
  const report = (id: string, text: string, figures: number[], quoted = false): Doc => {
    const at = (word: string, from = 0): { start: number; end: number } => {
      const start = text.indexOf(word, from)
      return { start, end: start + word.length }
    }
    let from = 0
    const quantities = figures.map((figure) => {
      const span = at(String(figure), from)
      from = span.end
      return {
        span,
        text: String(figure),
        low: figure,
        best: figure,
        high: figure,
        role: 'killed',
        counted: 'people',
      }
    })
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published: '2031-05-04' } }),
      mentions: [
        { span: at('Dorran Vell'), text: 'Dorran Vell', type: 'PERSON', entity: 'P-vell' },
        { span: at('Vell', at('Dorran Vell').end), text: 'Vell', type: 'PERSON', entity: 'P-vell' },
      ],
      dates: [
        {
          span: at('Saturday'),
          text: 'Saturday',
          value: '2031-05-03',
          precision: 'day',
          type: 'DATE',
          relative: true,
        },
      ],
      quantities,
      quotes: quoted
        ? [
            {
              span: at('"'),
              content: at('"'),
              speaker: { span: at('Vell'), text: 'Vell', entity: 'P-vell' },
              direct: true,
            },
          ]
        : [],
    } as Doc
  }
  const first = report(
    'a',
    'Dorran Vell was charged after 2 people were killed in a bar fight on Saturday. Vell is held.',
    [2],
  )
  const second = report(
    'b',
    'Prosecutors say Dorran Vell opened fire in the bar on Saturday, and 2 people were killed. Vell denies it.',
    [2],
  )

  it('joins a report the scorer rejects when its main person, rare so far, day and count match', () => {
    assert.equal(groupStories([first, second], never).length, 1)
  })

  it('keeps them apart when the person is only quoted', () => {
    const quoted = report(
      'c',
      'Prosecutors say Dorran Vell opened fire in the bar on Saturday, and 2 people were killed. Vell said "no".',
      [2],
      true,
    )
    assert.deepEqual(featurise(quoted).subjects, [])
    assert.equal(groupStories([first, quoted], never).length, 2)
  })

  it('keeps a round-up giving several counts of one kind apart', () => {
    const roundUp = report(
      'd',
      'Dorran Vell was charged on Saturday after 2 people were killed in a bar, one of the weekend shootings that killed 5. Vell is held.',
      [2, 5],
    )
    assert.equal(groupStories([first, roundUp], never).length, 2)
  })
})

/**
 * The three behaviours of a cue only undated reports use: it keeps apart two reports worded alike, a
 * dated report ignores it, and a snapshot keeps it. `first` and `same` share the cue, `other` differs
 * (ids 'a', 'b', 'c'); `feature` is the clash the scorer weighs.
 */
const undatedCueTests = (cue: string, feature: string, first: Doc, same: Doc, other: Doc): void => {
  // A scorer that joins on shared wording unless the cue disagrees.
  const scorer = { bias: -0.3, weights: { lexical: 1, [feature]: -5 } }
  const options = { scorer, bareScorer: scorer }

  it(`keeps apart undated reports whose ${cue} differ`, () => {
    const index = createStoryIndex(options)
    index.prime([first, same, other])
    for (const d of [first, same, other]) index.add(d)
    assert.equal(index.storyOf('a'), index.storyOf('b'))
    assert.notEqual(index.storyOf('a'), index.storyOf('c'))
  })

  it(`ignores the ${cue} of a dated report, whose days say when`, () => {
    const dated = { ...other, meta: { ...other.meta, published: '2031-05-04' } }
    const index = createStoryIndex(options)
    index.prime([first, dated])
    index.add(first)
    index.add(dated)
    assert.equal(index.storyOf('a'), index.storyOf('c'))
  })

  it(`keeps the story's ${cue} in a snapshot`, () => {
    const index = createStoryIndex(options)
    index.prime([first, same, other])
    index.add(first)
    const restored = storyIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())), options)
    restored.add(other)
    assert.notEqual(restored.storyOf('a'), restored.storyOf('c'))
  })
}

describe('StoryIndex: the weekday of undated reports', () => {
  // Two made-up undated reports of similar break-ins at one shop: worded alike, told apart by the day.
  const report = (id: string, day: string, extra: string) =>
    doc(
      id,
      `Burglars broke into the Merrow hardware shop in Tolby on ${day} night and took power tools. ${extra} Police in Tolby are asking for witnesses.`,
    )
  undatedCueTests(
    'weekdays',
    'weekdayClash',
    report('a', 'Tuesday', 'The owner found the back door forced.'),
    report('b', 'Tuesday', 'A neighbour heard glass breaking.'),
    report('c', 'Saturday', 'The owner found the back door forced.'),
  )
})

describe('StoryIndex: the figures of undated reports', () => {
  // Made-up undated reports of two similar earthquakes on one coast: worded alike, told apart by magnitude.
  const report = (id: string, magnitude: string, extra: string): Doc => {
    const text = `A magnitude-${magnitude} earthquake shook the Orlavik coast and cut power to fishing villages. ${extra} Crews in Orlavik are checking the harbour walls.`
    const start = text.indexOf(magnitude)
    const best = Number(magnitude)
    return {
      ...doc(id, text),
      quantities: [
        {
          span: { start, end: start + magnitude.length },
          text: magnitude,
          low: best,
          best,
          high: best,
          counted: '',
          role: 'other',
        },
      ],
    }
  }
  undatedCueTests(
    'figures',
    'figureClash',
    report('a', '5.7', 'Shelves fell in the shops.'),
    report('b', '5.7', 'A ferry turned back to port.'),
    report('c', '6.2', 'Shelves fell in the shops.'),
  )
})

describe('story index: reports naming the same two rare persons', () => {
  const report = (id: string, text: string, published: string, title?: string): Doc => {
    const mentions = ['Tamsin Orlo', 'Bexley Crane', 'Quillan Dodd', 'Harrowgate', 'Wendlebury']
      .filter((name) => text.includes(name))
      .map((name) => {
        const start = text.indexOf(name)
        const type = name.includes(' ') ? 'PERSON' : 'GPE'
        return { span: { start, end: start + name.length }, text: name, type, entity: `${type}-${name}` }
      })
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published, ...(title ? { title } : {}) } }),
      mentions,
    } as Doc
  }
  const first = report(
    'a',
    'Police said Bexley Crane shot Tamsin Orlo outside a laundry in Harrowgate late on the night, and Crane fled in a grey van.',
    '2031-06-01',
  )
  const later = (names: string, title?: string, town = 'Harrowgate'): Doc =>
    report(
      'b',
      `${names} were named by police after the shooting outside a ${town} laundry; the grey van was found.`,
      // More than the few days within which a small town's name alone ties two reports.
      '2031-06-09',
      title,
    )

  it('joins a report the scorer rejects when it names both rare persons with some shared wording', () => {
    assert.equal(groupStories([first, later('Bexley Crane and Tamsin Orlo')], never).length, 1)
  })

  it('keeps them apart when only one of the persons is shared', () => {
    assert.equal(groupStories([first, later('Bexley Crane and Quillan Dodd')], never).length, 2)
  })

  it('keeps them apart when the report is set in another place', () => {
    assert.equal(
      groupStories([first, later('Bexley Crane and Tamsin Orlo', undefined, 'Wendlebury')], never).length,
      2,
    )
  })

  it('keeps a round-up headline apart though it names both', () => {
    const roundUp = later('Bexley Crane and Tamsin Orlo', 'Three shootings in Harrowgate overnight')
    assert.equal(groupStories([first, roundUp], never).length, 2)
  })
})

describe('story index: undated reports naming the same two rare persons', () => {
  // Made-up undated reports of two similar arrests in one town, each naming one suspect most and the
  // same two officers, and each giving its own suspect's age: two events, told apart by whom each is
  // about and the figures.
  const report = (id: string, suspect: string, age: string): Doc => {
    const surname = suspect.split(' ')[1]
    const text = `Officers Bexley Crane and Tamsin Orlo arrested ${suspect} outside a laundry in Harrowgate. ${surname}, ${age}, was held. ${surname} had fled in a grey van.`
    const at = (word: string, from = 0): { start: number; end: number } => {
      const start = text.indexOf(word, from)
      return { start, end: start + word.length }
    }
    const mention = (span: { start: number; end: number }, type: string, entity: string) => ({
      span,
      text: text.slice(span.start, span.end),
      type,
      entity,
    })
    const full = at(suspect)
    const second = at(surname, full.end)
    const best = Number(age)
    return {
      ...doc(id, text),
      mentions: [
        mention(at('Bexley Crane'), 'PERSON', 'P-Crane'),
        mention(at('Tamsin Orlo'), 'PERSON', 'P-Orlo'),
        mention(full, 'PERSON', `P-${surname}`),
        mention(second, 'PERSON', `P-${surname}`),
        mention(at(surname, second.end), 'PERSON', `P-${surname}`),
        mention(at('Harrowgate'), 'GPE', 'GPE-Harrowgate'),
      ],
      quantities: [{ span: at(age), text: age, low: best, best, high: best, counted: '', role: 'other' }],
    } as Doc
  }
  const first = report('a', 'Dell Marrow', '27')
  const other = report('b', 'Tobin Saxe', '31')

  it('keeps a report about another person with other figures apart from a young undated story', () => {
    assert.deepEqual(groupsOf(groupStories([first, other], never)), [['a'], ['b']])
  })

  it('joins a report about the same person, figure and persons', () => {
    assert.deepEqual(groupsOf(groupStories([first, report('b', 'Dell Marrow', '27')], never)), [['a', 'b']])
  })
})

describe('story index: reports sharing rare names', () => {
  // Mentions as a tagger gives them; each report resolves its persons on its own (an entity per report).
  const report = (id: string, text: string, published: string, types: Record<string, string>): Doc => {
    const mentions = Object.entries(types)
      .filter(([name]) => text.includes(name))
      .map(([name, type]) => {
        const start = text.indexOf(name)
        const entity = type === 'PERSON' ? `${id}-${name}` : name
        return { span: { start, end: start + name.length }, text: name, type, entity }
      })
    return { ...makeDoc({ id, text, meta: { source: 'test', published } }), mentions } as Doc
  }
  const types = {
    'Tamsin Orlo': 'PERSON',
    Orlo: 'PERSON',
    'Quarnby Tavern': 'FAC',
    'Quarnby Infirmary': 'ORG',
  }
  const at = (town: string) => ({ ...types, [town]: 'GPE' })
  // Later reports come over a week after the first: past the few days within which a small town's name
  // alone ties two reports.
  const first = report(
    'a',
    'Tamsin Orlo was shot in the car park of the Quarnby Tavern in Harrowgate and taken to the Quarnby Infirmary.',
    '2031-06-01',
    at('Harrowgate'),
  )

  it('joins a report the scorer rejects when it shares two rare names, though its persons resolve apart', () => {
    const later = report(
      'b',
      'Orlo, a cook at the Quarnby Tavern, remains in hospital after the Harrowgate shooting, friends said.',
      '2031-06-09',
      at('Harrowgate'),
    )
    assert.equal(groupStories([first, later], never).length, 1)
  })

  it('keeps them apart when the rare names shared are the town’s and an organisation’s', () => {
    const other = report(
      'b',
      'A cook was shot near a bakery in Harrowgate and taken to the Quarnby Infirmary, friends said.',
      '2031-06-09',
      at('Harrowgate'),
    )
    assert.equal(groupStories([first, other], never).length, 2)
  })

  it('keeps them apart when the rare names shared are the words of one name', () => {
    const other = report(
      'b',
      'Tamsin Orlo, a cook, said she heard shots near a bakery in Harrowgate and called for help, friends said.',
      '2031-06-09',
      at('Harrowgate'),
    )
    assert.equal(groupStories([first, other], never).length, 2)
  })

  it('keeps them apart when the report is set in another place', () => {
    const elsewhere = report(
      'b',
      'Orlo, a cook at the Quarnby Tavern, remains in hospital after the Wendlebury shooting, friends said.',
      '2031-06-04',
      at('Wendlebury'),
    )
    assert.equal(groupStories([first, elsewhere], never).length, 2)
  })
})

describe('story index: the first report to name someone', () => {
  const report = (id: string, text: string, published: string): Doc => {
    const mentions = ['Tamsin Orlo', 'Harrowgate', 'Wendlebury']
      .filter((name) => text.includes(name))
      .map((name) => {
        const start = text.indexOf(name)
        const type = name.includes(' ') ? 'PERSON' : 'GPE'
        return { span: { start, end: start + name.length }, text: name, type, entity: `${type}-${name}` }
      })
    return { ...makeDoc({ id, text, meta: { source: 'test', published } }), mentions } as Doc
  }
  const first = report('a', 'A woman was shot outside a laundry in Harrowgate late at night.', '2031-06-01')
  const named = (town: string): Doc =>
    report('b', `Police named Tamsin Orlo as the woman shot outside a ${town} laundry.`, '2031-06-02')
  // Wording alone never reaches the join score; `personsNew` does.
  const scorer = { bias: -3, weights: { lexical: 1, personsNew: 5 } }
  const options = { scorer, bareScorer: scorer }

  it('lets a story that names nobody take in the first report naming someone in its place', () => {
    assert.equal(groupStories([first, named('Harrowgate')], options).length, 1)
  })

  it('not when the report names another place', () => {
    assert.equal(groupStories([first, named('Wendlebury')], options).length, 2)
  })
})

describe('story index: a rare person shared days later', () => {
  const report = (id: string, text: string, published: string, title?: string): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    const mentions = ['Tamsin Orlo', 'Bram Keddle']
      .filter((name) => text.includes(name))
      .map((name) => ({ span: at(name), text: name, type: 'PERSON', entity: `PERSON-${name}` }))
    const quantities = text.includes('one of two')
      ? [{ span: at('two'), text: 'two', low: 2, best: 2, high: 2, role: 'injured', counted: 'people' }]
      : []
    const meta = { source: 'test', published, ...(title ? { title } : {}) }
    return { ...makeDoc({ id, text, meta }), mentions, quantities } as Doc
  }
  const first = report(
    'a',
    'Tamsin Orlo was one of two people shot outside a laundry late at night.',
    '2031-06-01',
  )
  const later = (name: string, title?: string, count = 'one of two people'): Doc =>
    report('b', `Friends held a vigil for ${name}, ${count} shot outside a laundry.`, '2031-06-06', title)
  // The gap alone keeps them apart; `gapRarePerson` gives it back.
  const scorer = { bias: 1, weights: { gapLong: -5, gapRarePerson: 5 } }
  const options = { scorer, bareScorer: scorer }

  it('lets a report days later naming the story’s rare person and its toll join it', () => {
    assert.equal(groupStories([first, later('Tamsin Orlo')], options).length, 1)
  })

  it('not when it names another person', () => {
    assert.equal(groupStories([first, later('Bram Keddle')], options).length, 2)
  })

  it('not when it gives no toll', () => {
    assert.equal(groupStories([first, later('Tamsin Orlo', undefined, 'a neighbour')], options).length, 2)
  })

  it('not when it is a round-up', () => {
    assert.equal(groupStories([first, later('Tamsin Orlo', 'Two shootings overnight')], options).length, 2)
  })
})

describe('story index: the two rare persons a story is about, placed elsewhere', () => {
  const report = (id: string, text: string, published: string): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    const mentions = ['Tamsin Orlo', 'Bram Keddle']
      .flatMap((name) =>
        [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({ name, start: m.index ?? 0 })),
      )
      .map(({ name, start }) => ({
        span: { start, end: start + name.length },
        text: name,
        type: 'PERSON',
        entity: `PERSON-${name}`,
      }))
    const quantities = text.includes('wounded two')
      ? [{ span: at('two'), text: 'two', low: 2, best: 2, high: 2, role: 'injured', counted: 'people' }]
      : []
    return { ...makeDoc({ id, text, meta: { source: 'test', published } }), mentions, quantities } as Doc
  }
  const first = report(
    'a',
    'Police said Bram Keddle wounded two people outside a laundry. Bram Keddle fled; Tamsin Orlo was among the wounded.',
    '2031-06-01',
  )
  const hearing = (toll: string): Doc =>
    report(
      'b',
      `Bram Keddle, accused of a shooting that ${toll} outside a laundry, appeared in court. Bram Keddle faces charges; Tamsin Orlo testified.`,
      '2031-06-04',
    )

  it('lets a report naming both, the same one most, and the toll join the story', () => {
    assert.equal(groupStories([first, hearing('wounded two people')], never).length, 1)
  })

  it('not without the toll', () => {
    assert.equal(groupStories([first, hearing('frightened neighbours')], never).length, 2)
  })
})

describe('story index: long-gap follow-ups naming many of the story’s persons', () => {
  const people = ['Corin Vasko', 'Maelis Drury', 'Tobin Ferraz', 'Ysolde Kemp']
  const report = (id: string, text: string, published: string, day: string, title?: string): Doc => {
    const at = (word: string): { start: number; end: number } => {
      const start = text.indexOf(word)
      return { start, end: start + word.length }
    }
    // A person named by surname alone resolves to the one named in full (as entity linking does).
    const named = (name: string): string => (text.includes(name) ? name : name.split(' ')[1])
    const mentions = [...people, 'Ostrava Falls', 'Quarnby County']
      .filter((name) => text.includes(named(name)))
      .map((name) => {
        const type = name === 'Ostrava Falls' || name === 'Quarnby County' ? 'GPE' : 'PERSON'
        return { span: at(named(name)), text: named(name), type, entity: `${type}-${name}` }
      })
    const dates = [
      {
        span: at('on Monday'),
        text: 'on Monday',
        value: day,
        precision: 'day',
        type: 'DATE',
        relative: true,
      },
    ]
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published, ...(title ? { title } : {}) } }),
      mentions,
      dates,
    } as Doc
  }
  const shooting = (title?: string): Doc =>
    report(
      'a',
      'Corin Vasko and Maelis Drury were wounded in Ostrava Falls on Monday; police named Tobin Ferraz and Ysolde Kemp as suspects. Corin Vasko is recovering.',
      '2031-03-04',
      '2031-03-03',
      title,
    )
  const plea = (names: string[], town = 'Ostrava Falls'): Doc =>
    report(
      'b',
      `${names.join(', ')}: a plea hearing opened in ${town} on Monday before Judge Arden Plume. ${names[0]} spoke first.`,
      '2031-07-15',
      '2031-07-14',
    )

  it('links a report months later naming four of its rare persons and its place, though not its day', () => {
    assert.equal(groupStories([shooting(), plea(people)]).length, 1)
  })

  it('keeps it apart when it names only three of them, each by surname', () => {
    assert.equal(groupStories([shooting(), plea(['Vasko', 'Drury', 'Ferraz'])]).length, 2)
  })

  it('links a report naming two of them in full: four rare name words of two names', () => {
    assert.equal(groupStories([shooting(), plea(people.slice(0, 2))]).length, 1)
  })

  it('keeps it apart when it names one of them in full', () => {
    assert.equal(groupStories([shooting(), plea(people.slice(0, 1))]).length, 2)
  })

  it('links a report placed elsewhere (the county’s court) when it names three of them in full', () => {
    assert.equal(groupStories([shooting(), plea(people.slice(0, 3), 'Quarnby County')]).length, 1)
  })

  it('keeps a report placed elsewhere apart when it names only two of them in full', () => {
    assert.equal(groupStories([shooting(), plea(people.slice(0, 2), 'Quarnby County')]).length, 2)
  })

  it('keeps it apart when the story took in a round-up', () => {
    assert.equal(groupStories([shooting('Weekend shootings in Ostrava Falls'), plea(people)]).length, 2)
  })

  it('links a report naming four of them and its place though it names no day at all', () => {
    const text = `${people.join(', ')}: a plea hearing opened in Ostrava Falls before Judge Arden Plume.`
    const dayless = { ...report('b', text, '2031-07-15', '2031-07-14'), dates: [] }
    assert.equal(groupStories([shooting(), dayless]).length, 1)
  })

  it('links a report naming three of them in full though it names no place at all', () => {
    const text = `${people.slice(0, 3).join(', ')}: a plea hearing opened on Monday before Judge Arden Plume.`
    assert.equal(groupStories([shooting(), report('b', text, '2031-07-15', '2031-07-14')]).length, 1)
  })

  it('keeps the round-up mark in a snapshot', () => {
    const index = createStoryIndex()
    index.add(shooting('Weekend shootings in Ostrava Falls'))
    const state = index.toJSON()
    assert.equal(state.stories[0].roundUp, true)
    const restored = storyIndexFromJSON(JSON.parse(JSON.stringify(state)))
    assert.equal(restored.add(plea(people)).isNew, true)
  })
})

describe('story index: long-gap follow-ups naming the persons the story is about', () => {
  const people = ['Corin Vasko', 'Maelis Drury', 'Tobin Ferraz']
  const places = ['Ostrava Falls', 'Quarnby County']
  const report = (id: string, text: string, published: string): Doc => {
    const mentions = resolvedMentions(text, [...people, 'Ysolde Kemp'], places)
    return { ...makeDoc({ id, text, meta: { source: 'test', published } }), mentions, dates: [] } as Doc
  }
  const shooting = (again: boolean): Doc =>
    report(
      'a',
      `Corin Vasko and Maelis Drury were wounded in Ostrava Falls; police arrested Tobin Ferraz. ${
        again ? 'Vasko and Drury were taken to hospital, and Ferraz was held without bail.' : ''
      }`,
      '2031-03-04',
    )
  const plea = report(
    'b',
    'Ferraz pleaded guilty in Ostrava Falls to wounding Vasko and Drury, before Judge Arden Plume.',
    '2031-07-15',
  )

  it('links a report months later naming three rare persons its story named again and again', () => {
    assert.equal(groupStories([shooting(true), plea]).length, 1)
  })

  it('keeps it apart when the story named each of them once only, in passing', () => {
    assert.equal(groupStories([shooting(false), plea]).length, 2)
  })

  it('links a report headlined like a round-up ("murders") through those persons alone', () => {
    const titled = (story: Doc): Doc => ({
      ...story,
      meta: { ...story.meta, title: 'Ostrava Falls murders: plea' },
    })
    assert.equal(groupStories([shooting(true), titled(plea)]).length, 1)
    assert.equal(groupStories([shooting(false), titled(plea)]).length, 2)
  })

  it('links a report placed elsewhere (the county’s court) when it names four of them', () => {
    const four = report(
      'a',
      'Corin Vasko, Maelis Drury and Ysolde Kemp were wounded in Ostrava Falls; police arrested Tobin Ferraz. Vasko, Drury and Kemp were taken to hospital, and Ferraz was held without bail.',
      '2031-03-04',
    )
    const court = (names: string): Doc =>
      report('b', `Ferraz pleaded guilty in Quarnby County to wounding ${names}.`, '2031-07-15')
    assert.equal(groupStories([four, court('Vasko, Drury and Kemp')]).length, 1)
    assert.equal(groupStories([four, court('Vasko and Drury')]).length, 2)
  })

  it('links it to a closed story through its follow-up record, also after a snapshot', () => {
    const filler = doc('z', 'The Harrowgate council voted to raise bus fares again this week.', '2031-07-14')
    const index = createStoryIndex({ evictEvery: 1 })
    index.add(shooting(true))
    index.add(filler)
    const state = JSON.parse(JSON.stringify(index.toJSON()))
    assert.equal(state.stories[0].open, false)
    assert.deepEqual(
      state.stories[0].followUpPersons,
      people.map((name) => `PERSON-${name}`),
    )
    assert.equal(storyIndexFromJSON(state).add(plea).isNew, false)
    assert.equal(index.add(plea).isNew, false)
  })
})

describe('StoryIndex: the first joins of a young undated story', () => {
  // Made-up undated reports of two similar arrests of two players of one club, worded alike: told apart
  // by the person each names and the age each gives.
  const report = (id: string, name: string, age: string, extra: string, lead = ''): Doc => {
    const surname = name.split(' ')[1]
    const text = `${lead}Quarry Lions player ${name} was arrested on suspicion of drunken driving in Farholm. ${surname}, ${age}, was released on bail. ${extra} The club said it was aware of the arrest.`
    const at = (word: string, from = 0): { start: number; end: number } => {
      const start = text.indexOf(word, from)
      return { start, end: start + word.length }
    }
    const full = at(name)
    const person = (span: { start: number; end: number }) => ({
      span,
      text: text.slice(span.start, span.end),
      type: 'PERSON' as const,
      entity: `P-${surname}`,
    })
    const best = Number(age)
    return {
      ...doc(id, text),
      mentions: [person(full), person(at(surname, full.end))],
      quantities: [{ span: at(age), text: age, low: best, best, high: best, counted: '', role: 'other' }],
    }
  }
  // A scorer that joins on shared wording alone.
  const scorer = { bias: -0.2, weights: { lexical: 1 } }
  const options = { scorer, bareScorer: scorer }
  const grouped = (docs: Doc[]): string[][] => groupsOf(groupStories(docs, options))
  const first = report('a', 'Dell Marrow', '27', 'He was due in court next month.')

  it('keeps apart an article whose main person and figures both differ from a young story', () => {
    assert.deepEqual(grouped([first, report('b', 'Tobin Saxe', '31', 'He was due in court next month.')]), [
      ['a'],
      ['b'],
    ])
  })

  it('joins it when the person is the same', () => {
    assert.deepEqual(grouped([first, report('b', 'Dell Marrow', '28', 'He was due in court next month.')]), [
      ['a', 'b'],
    ])
  })

  it('joins it when a specific agrees: the weekday both name', () => {
    const monday = report('a', 'Dell Marrow', '27', 'He was due in court.', 'On Monday ')
    const other = report('b', 'Tobin Saxe', '31', 'He was due in court.', 'On Monday ')
    assert.deepEqual(grouped([monday, other]), [['a', 'b']])
  })

  it('leaves a story of several members to the scorer', () => {
    const extras = [
      'He was due in court.',
      'His lawyer declined comment.',
      'He was held overnight.',
      'Bail was set.',
    ]
    // Members naming different players: no agreement on whom the story is about (see the next block).
    const players = ['Dell Marrow', 'Ivo Penn', 'Cal Roff', 'Ned Tull']
    const members = extras.map((extra, i) => report(`a${i}`, players[i], '27', extra))
    const other = report('b', 'Tobin Saxe', '31', 'He was due in court.')
    assert.deepEqual(grouped([...members, other]), [['a0', 'a1', 'a2', 'a3', 'b']])
  })
})

describe('StoryIndex: whom the members of an undated story agree it is about', () => {
  // Made-up undated reports of two similar arrests of two players of one club, worded alike and giving no
  // figure: the reports of each name their player throughout, and the other one at most in passing.
  const report = (id: string, name: string, extra: string, passing = ''): Doc => {
    const surname = name.split(' ')[1]
    const tail = passing ? ` It was the club's second arrest after ${passing}'s.` : ''
    const text = `Quarry Lions player ${name} was arrested on suspicion of drunken driving in Farholm. ${surname} was released on bail. ${extra} The club said it was aware of the arrest.${tail}`
    const at = (word: string, from = 0): { start: number; end: number } => {
      const start = text.indexOf(word, from)
      return { start, end: start + word.length }
    }
    const person = (span: { start: number; end: number }, entity: string) => ({
      span,
      text: text.slice(span.start, span.end),
      type: 'PERSON' as const,
      entity,
    })
    const full = at(name)
    // Entity ids differ per report, as resolution leaves "Marrow" and "Dell Marrow" of two reports apart.
    const mentions = [person(full, `P-${id}-1`), person(at(surname, full.end), `P-${id}-2`)]
    if (passing) mentions.push(person(at(passing, text.indexOf('second arrest')), `P-${id}-3`))
    return { ...doc(id, text), mentions }
  }
  // A scorer that joins on shared wording alone.
  const scorer = { bias: -0.2, weights: { lexical: 1 } }
  const options = { scorer, bareScorer: scorer }
  const grouped = (docs: Doc[]): string[][] => groupsOf(groupStories(docs, options))
  const story = [
    report('a1', 'Dell Marrow', 'He was due in court next month.'),
    report('a2', 'Dell Marrow', 'His lawyer declined comment.'),
  ]

  it("keeps an article about another person, never naming the story's, out of a story that agrees on one", () => {
    assert.deepEqual(grouped([...story, report('b', 'Tobin Saxe', 'He was held overnight.')]), [
      ['a1', 'a2'],
      ['b'],
    ])
  })

  it("joins it when it names the story's person too", () => {
    const b = report('b', 'Tobin Saxe', 'He was held overnight.', 'Marrow')
    assert.deepEqual(grouped([...story, b]), [['a1', 'a2', 'b']])
  })

  it('joins it to a single report: one report is no agreement', () => {
    assert.deepEqual(grouped([story[0], report('b', 'Tobin Saxe', 'He was held overnight.')]), [['a1', 'b']])
  })

  it('keeps it out when two thirds of the members agree', () => {
    const three = [...story, report('a3', 'Ivo Penn', 'He was held overnight.', 'Marrow')]
    assert.deepEqual(grouped([...three, report('b', 'Tobin Saxe', 'Bail was set.')]), [
      ['a1', 'a2', 'a3'],
      ['b'],
    ])
  })

  it('keeps it out after a snapshot', () => {
    const index = createStoryIndex(options)
    for (const d of story) index.add(d)
    const restored = storyIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())), options)
    assert.equal(restored.add(report('b', 'Tobin Saxe', 'He was held overnight.')).isNew, true)
  })

  it('joins it when the members name different people most', () => {
    const mixed = [story[0], report('a2', 'Ivo Penn', 'His lawyer declined comment.')]
    assert.deepEqual(grouped([...mixed, report('b', 'Tobin Saxe', 'He was held overnight.')]), [
      ['a1', 'a2', 'b'],
    ])
  })

  it('leaves dated reports to the scorer', () => {
    const dated = (d: Doc): Doc => ({ ...d, meta: { ...d.meta, published: '2031-03-02' } })
    const b = report('b', 'Tobin Saxe', 'He was held overnight.')
    assert.deepEqual(grouped([...story, b].map(dated)), [['a1', 'a2', 'b']])
  })

  // The same reports stating a fine (a figure) or the fans hurt (a casualty count), and the year of the
  // club's last arrest.
  const withSpecific = (d: Doc, year: string, role: 'other' | 'injured' = 'other'): Doc => {
    const number = role === 'other' ? '2500' : '4'
    const said = role === 'other' ? `The fine was ${number} crowns` : `${number} fans were hurt`
    const text = `${d.text} ${said}, the most since ${year}.`
    const start = text.indexOf(number, d.text.length)
    const span = { start, end: start + number.length }
    const value = Number(number)
    const quantity = { span, text: number, low: value, best: value, high: value, counted: '', role }
    return { ...d, text, quantities: [quantity] }
  }
  const saxe = report('b', 'Tobin Saxe', 'He was held overnight.')

  it('joins it when a figure agrees', () => {
    const fined = story.map((d) => withSpecific(d, '2019'))
    assert.deepEqual(grouped([...fined, withSpecific(saxe, '2019')]), [['a1', 'a2', 'b']])
  })

  it('keeps it out when the figure agrees but the years clash', () => {
    const fined = story.map((d) => withSpecific(d, '2019'))
    assert.deepEqual(grouped([...fined, withSpecific(saxe, '2024')]), [['a1', 'a2'], ['b']])
  })

  it('keeps it out when a casualty count agrees but the years clash', () => {
    const hurt = story.map((d) => withSpecific(d, '2019', 'injured'))
    assert.deepEqual(grouped([...hurt, withSpecific(saxe, '2019', 'injured')]), [['a1', 'a2', 'b']])
    assert.deepEqual(grouped([...hurt, withSpecific(saxe, '2024', 'injured')]), [['a1', 'a2'], ['b']])
  })
})

describe('StoryIndex: an undated article close to an established story', () => {
  // Made-up undated reports of one flood at a mill, worded alike; the scorer below refuses any weekday
  // clash, so an article naming another weekday joins only through the established story's wording.
  const report = (id: string, weekday: string, extra: string): Doc => ({
    ...doc(
      id,
      `On ${weekday} the river Tamsel burst its banks at the Orrin mill near Wexbury, flooding the weaving hall and the dye works. ${extra} Owners said the looms were ruined.`,
    ),
    mentions: [],
  })
  const scorer = { bias: -0.2, weights: { lexical: 1, weekdayClash: -2 } }
  const options = { scorer, bareScorer: scorer }
  const grouped = (docs: Doc[]): string[][] => groupsOf(groupStories(docs, options))
  const extras = [
    'Crews pumped water all night.',
    'No one was hurt.',
    'Roads were closed.',
    'Insurers sent assessors.',
  ]
  const members = extras.map((extra, i) => report(`a${i}`, 'Monday', extra))
  const article = report('b', 'Friday', 'Volunteers filled sandbags.')

  it('joins a story of four members whose wording it shares, though the scorer refuses the weekday', () => {
    assert.deepEqual(grouped([...members, article]), [['a0', 'a1', 'a2', 'a3', 'b']])
  })

  it('leaves a story of three members to the scorer', () => {
    assert.deepEqual(grouped([...members.slice(0, 3), article]), [['a0', 'a1', 'a2'], ['b']])
  })

  it('leaves bare reports (no mentions) to the scorer', () => {
    const bare = (d: Doc): Doc => ({ ...d, mentions: undefined })
    assert.deepEqual(grouped([...members, article].map(bare)), [['a0', 'a1', 'a2', 'a3'], ['b']])
  })

  it('keeps out an article naming another year', () => {
    const years = extras.map((extra, i) =>
      report(`a${i}`, 'Monday', `${extra} It was the worst flood since 1987.`),
    )
    const other = report('b', 'Friday', 'It was the worst flood since 2004.')
    assert.deepEqual(grouped([...years, other]), [['a0', 'a1', 'a2', 'a3'], ['b']])
  })
})

describe('story index: candidates through a rare person', () => {
  const report = (id: string, text: string, published: string): Doc => {
    const mentions = ['Tamsin Orlo', 'Bexley Crane', 'Quillan Dodd'].flatMap((name) =>
      [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({
        span: { start: m.index, end: m.index + name.length },
        text: name,
        type: 'PERSON',
        entity: `PERSON-${name}`,
      })),
    )
    return { ...makeDoc({ id, text, meta: { source: 'test', published } }), mentions } as Doc
  }
  const first = report(
    'a',
    'Tamsin Orlo was hurt in a shooting outside a laundry late on Friday.',
    '2031-06-01',
  )
  // The later report's heaviest terms are another person's, so it shares none the first report posted.
  const later = (named: string): Doc =>
    report(
      'b',
      `Quillan Dodd, a cousin, said Quillan Dodd drove ${named} to the clinic; Quillan Dodd waited there.`,
      '2031-06-03',
    )
  const candidatesOf = (next: Doc): string[] => {
    const seen = new Map<string, string[]>()
    const index = createStoryIndex({
      queryTerms: 1,
      decide: (d, candidates) => {
        seen.set(
          d.id,
          candidates.map((c) => c.story),
        )
        return null
      },
    })
    index.add(first)
    index.add(next)
    return seen.get(next.id) ?? []
  }

  it('compares a report with an earlier story naming a rare person it names, though no heavy term is shared', () => {
    assert.deepEqual(candidatesOf(later('Tamsin Orlo')), ['story-a'])
  })

  it('does not when the person differs', () => {
    assert.deepEqual(candidatesOf(later('Bexley Crane')), [])
  })
})

describe('StoryIndex: an undated article about the person a story is about', () => {
  // Made-up undated reports of one signing; the scorer below puts another weekday just short of the
  // threshold, so the article joins only through the person both name most.
  const report = (id: string, weekday: string, name: string, extra: string): Doc => {
    const text = `On ${weekday} ${name} signed with the Harlow Owls, and ${name} will start next season. ${extra}`
    const mentions = [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({
      span: { start: m.index, end: m.index + name.length },
      text: name,
      type: 'PERSON',
      entity: `PERSON-${name}`,
    }))
    return { ...doc(id, text), mentions } as Doc
  }
  const scorer = { bias: -0.2, weights: { lexical: 1, weekdayClash: -1 } }
  const options = { scorer, bareScorer: scorer }
  const grouped = (docs: Doc[]): string[][] => groupsOf(groupStories(docs, options))
  const extras = ['Fans cheered.', 'The fee was not given.', 'He passed a medical.']
  const members = extras.map((extra, i) => report(`a${i}`, 'Monday', 'Tamsin Orlo', extra))

  it('joins a story of three members naming most the person it names most', () => {
    const article = report('b', 'Friday', 'Tamsin Orlo', 'Coaches were pleased.')
    assert.deepEqual(grouped([...members, article]), [['a0', 'a1', 'a2', 'b']])
  })

  it('leaves an article about another person to the scorer', () => {
    const article = report('b', 'Friday', 'Quillan Dodd', 'Coaches were pleased.')
    assert.deepEqual(grouped([...members, article]), [['a0', 'a1', 'a2'], ['b']])
  })
})

describe('StoryIndex: a one-report fragment merged into the story an undated report shows it to be', () => {
  // Made-up undated reports of one flood: the first tells the river, the second the rescue, the third both.
  const report = (id: string, text: string): Doc => ({ ...doc(id, text), mentions: [] })
  const river =
    'The Wendle burst its banks overnight and flooded the lower mill road, the ferry landing and the old tannery.'
  const rescue =
    'Volunteers with rowing boats carried stranded pensioners from rooftops to the chapel hall, where blankets waited.'
  const first = report('a', river)
  const second = report('b', rescue)
  const both = report('c', `${river} ${rescue}`)
  // A scorer that joins on shared wording alone, so the first two reports (sharing none) start two stories.
  const scorer = { bias: -1, weights: { lexical: 4 } }
  const options = { scorer, bareScorer: scorer }

  it('merges the fragment into the older story when a report fits both, and reports the merge', () => {
    const index = createStoryIndex(options)
    index.prime([first, second, both])
    assert.equal(index.add(first).story, 'story-a')
    assert.equal(index.add(second).story, 'story-b')
    assert.deepEqual(index.add(both), { story: 'story-a', isNew: false, merged: ['story-b'] })
    assert.deepEqual(groupsOf(index.stories()), [['a', 'b', 'c']])
    assert.equal(index.storyOf('b'), 'story-a')
    assert.deepEqual(index.add(second), { story: 'story-a', isNew: false })
  })

  it('continues from a snapshot taken after a merge as if it had never stopped', () => {
    const later = report('d', `${rescue} The chapel hall stayed open a second night.`)
    const index = createStoryIndex(options)
    index.prime([first, second, both, later])
    for (const d of [first, second, both]) index.add(d)
    const restored = storyIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())), options)
    assert.deepEqual(restored.add(later), index.add(later))
    assert.deepEqual(restored.stories(), index.stories())
    assert.equal(restored.storyOf('b'), 'story-a')
  })

  it('keeps them apart when the two stories name different weekdays', () => {
    const monday = report('a', `On Monday ${river.toLowerCase()}`)
    const friday = report('b', `On Friday ${rescue.toLowerCase()}`)
    const index = createStoryIndex(options)
    index.prime([monday, friday, both])
    for (const d of [monday, friday]) index.add(d)
    assert.equal(index.add(both).merged, undefined)
    assert.equal(index.stories().length, 2)
  })

  it('leaves dated reports to the scorer', () => {
    const dated = [first, second, both].map((d) => ({ ...d, meta: { ...d.meta, published: '2031-04-02' } }))
    assert.equal(groupStories(dated, options).length, 2)
  })
})

describe('story index: a court report about a rare person its story is about', () => {
  const people = ['Corin Vasko', 'Tobin Ferraz', 'Arden Plume', 'Quill Darrow', 'Mark White']
  const places = ['Ostrava Falls', 'Quarnby County']
  const courtWords = ['sentenced', 'charged with', 'trial']
  const courtTypes: Record<string, string> = {
    sentenced: 'sentencing',
    'charged with': 'charge',
    trial: 'trial',
  }
  // The court words are typed as the events stage types them.
  const report = (id: string, text: string, published: string): Doc => {
    const mentions = resolvedMentions(text, people, places)
    const events: Doc['events'] = []
    for (const word of courtWords) {
      const start = text.indexOf(word)
      if (start >= 0)
        events.push({ span: { start, end: start + word.length }, text: word, type: courtTypes[word] })
    }
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions,
      events,
      dates: [],
    } as Doc
  }
  const shooting = report(
    'a',
    'Corin Vasko was shot dead in Ostrava Falls on Sunday; police arrested Tobin Ferraz. Ferraz was held without bail.',
    '2031-03-04',
  )
  const court = (text: string): Doc => report('b', text, '2031-07-15')

  it('links a sentencing months later naming the accused and the town, though not the day', () => {
    const sentencing = court('Ferraz was sentenced in Ostrava Falls to 40 years in prison for the killing.')
    assert.equal(groupStories([shooting, sentencing]).length, 1)
  })

  it('keeps apart a report of no court step, or one placed in no town the story names', () => {
    assert.equal(
      groupStories([shooting, court('Ferraz spoke at a school in Ostrava Falls about his past.')]).length,
      2,
    )
    assert.equal(
      groupStories([shooting, court('Ferraz was sentenced in Quarnby County to 40 years in prison.')]).length,
      2,
    )
  })

  it('keeps apart a report about a person whose every name word is common in news (a poor key)', () => {
    const common = report(
      'a',
      'Corin Vasko was shot dead in Ostrava Falls on Sunday; police arrested Mark White. White was held without bail.',
      '2031-03-04',
    )
    const sentencing = court('White was sentenced in Ostrava Falls to 40 years in prison for the killing.')
    assert.equal(groupStories([common, sentencing]).length, 2)
  })

  it('keeps apart a report about a person its story named once only, in passing', () => {
    const once = report(
      'a',
      'Corin Vasko was shot dead in Ostrava Falls on Sunday; police are looking for a gunman.',
      '2031-03-04',
    )
    assert.equal(
      groupStories([
        once,
        court('Vasko was charged with fraud in Ostrava Falls before he died, the court heard.'),
      ]).length,
      2,
    )
  })

  it('keeps apart a report that names the person in passing, after three others it names more', () => {
    const trial = court(
      'At a trial in Ostrava Falls, Corin Vasko’s brother Arden Plume and Quill Darrow spoke. Vasko, Plume and Darrow wept as the case against Ferraz went on.',
    )
    assert.equal(groupStories([shooting, trial]).length, 2)
  })
})

describe('story index: the gap the scorer reads ends at its last scored report', () => {
  // Analysed reports with one date each: `day` named (as "Saturday" or "Friday"), published on `published`.
  const report = (id: string, text: string, published: string, cue: string, day: string): Doc => {
    const start = text.indexOf(cue)
    return {
      ...makeDoc({ id, text, meta: { source: 'test', published } }),
      mentions: [],
      dates: [
        {
          span: { start, end: start + cue.length },
          text: cue,
          value: day,
          precision: 'day',
          type: 'DATE',
          relative: true,
        },
      ],
    } as Doc
  }
  // A scorer that joins reports within a few days of a story and nothing else.
  const recent = {
    scorer: { bias: 1, weights: { gap: -10 } },
    bareScorer: { bias: 1, weights: { gap: -10 } },
  }
  const first = report(
    'a',
    'A man was shot and wounded in the 1400 block of West Tamber Avenue on Saturday night, police said.',
    '2031-05-04',
    'Saturday',
    '2031-05-03',
  )
  // Ten days on, the street rule links it (same street, the day of the shooting named): the scorer did not.
  const followUp = report(
    'b',
    'Police arrested a man in the shooting on Tamber Avenue that left a man wounded Saturday, May 3.',
    '2031-05-14',
    'Saturday',
    '2031-05-03',
  )
  // Another shooting, reported the same day as the follow-up.
  const other = report(
    'c',
    'A woman was shot and wounded outside a store on Friday night, police said.',
    '2031-05-14',
    'Friday',
    '2031-05-13',
  )

  it('links the follow-up through the street rule', () => {
    assert.equal(groupStories([first, followUp], recent).length, 1)
  })

  it('keeps a new event of the follow-up day out: the story is not recent for the scorer', () => {
    const index = createStoryIndex(recent)
    for (const d of [first, followUp]) index.add(d)
    assert.equal(index.add(other).isNew, true)
  })

  it('keeps the scored day in a snapshot', () => {
    const index = createStoryIndex(recent)
    for (const d of [first, followUp]) index.add(d)
    const restored = storyIndexFromJSON(JSON.parse(JSON.stringify(index.toJSON())), recent)
    assert.equal(restored.add(other).isNew, true)
  })
})
