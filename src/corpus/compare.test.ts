import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { Doc, Entity, EntityType, Fact } from '../model/types.ts'
import { analyseDocument } from '../pipeline/default.ts'
import { compareStory } from './compare.ts'
import { find, makeFixture } from './fixtures.test-helpers.ts'
import { headlineOf } from './headline.ts'
import { storyRecord } from './story-record.ts'

// A made-up story told by three made-up outlets.
const A_TEXT =
  'Northern Front fighters shell Veldmark depot\n\n' +
  'The Northern Front claimed the March 3 rocket attack on the Veldmark depot. ' +
  'A rocket hit a barracks at the depot in Ostravia, killing four soldiers and wounding at least 20. ' +
  'Police later arrested 6 people in Tarsk on Friday. ' +
  'Governor Ilse Marr condemned the attack.'

const B_TEXT =
  'Army strikes back after depot attack\n\n' +
  'In early March, after a rebel attack hit an army depot in Ostravia, killing four troops and injuring 25 others, ' +
  'the army struck back at the Northern Front. ' +
  'A drone hit a car in Karvik on Wednesday. ' +
  'Two other people were also killed in the raid.'

const C_TEXT = 'Depot shelled\n\nFive soldiers were killed when rockets hit the depot in Ostravia on March 3.'

const a = makeFixture({
  id: 'a',
  text: A_TEXT,
  title: 'Northern Front fighters shell Veldmark depot',
  published: '2025-03-08',
  outlet: 'Daily Alpha',
  mentions: [
    { at: 'Northern Front', type: 'ORG', entity: 'e-front' },
    { at: 'Northern Front', nth: 1, type: 'ORG', entity: 'e-front' },
    { at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' },
    { at: 'Tarsk', type: 'GPE', entity: 'e-tarsk' },
    { at: 'Ilse Marr', type: 'PERSON', entity: 'e-marr' },
  ],
  dates: [
    { at: 'March 3', value: '2025-03-03' },
    { at: 'Friday', value: '2025-03-07' },
  ],
  quantities: [
    { at: 'four soldiers', low: 4, best: 4, high: 4, counted: 'soldiers', role: 'killed' },
    { at: 'at least 20', low: 20, best: 20, high: null, role: 'injured' },
    { at: '6 people', low: 6, best: 6, high: 6, counted: 'people', role: 'arrested' },
  ],
  events: [
    { at: 'rocket attack', type: 'attack' },
    { at: 'hit', type: 'attack' },
    { at: 'arrested', type: 'arrest' },
  ],
})

const b = makeFixture({
  id: 'b',
  text: B_TEXT,
  title: 'Army strikes back after depot attack',
  published: '2025-03-13',
  outlet: 'Beta News',
  mentions: [
    { at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' },
    { at: 'Northern Front', type: 'ORG', entity: 'e-front' },
    { at: 'Karvik', type: 'GPE', entity: 'e-karvik' },
  ],
  dates: [
    {
      at: 'early March',
      value: '2025-03',
      precision: 'month',
      range: { start: '2025-03-01', end: '2025-03-10' },
    },
    { at: 'Wednesday', value: '2025-03-12' },
  ],
  quantities: [
    { at: 'four troops', low: 4, best: 4, high: 4, counted: 'troops', role: 'killed' },
    { at: '25 others', low: 25, best: 25, high: 25, counted: 'others', role: 'injured' },
    { at: 'Two other people', low: 2, best: 2, high: 2, counted: 'people', role: 'killed' },
  ],
  events: [
    { at: 'attack', nth: 1, type: 'attack' },
    { at: 'struck back', type: 'attack' },
    { at: 'raid', type: 'attack' },
  ],
})

const c = makeFixture({
  id: 'c',
  text: C_TEXT,
  published: '2025-03-04',
  mentions: [{ at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' }],
  dates: [{ at: 'March 3', value: '2025-03-03' }],
  quantities: [{ at: 'Five soldiers', low: 5, best: 5, high: 5, counted: 'soldiers', role: 'killed' }],
  events: [{ at: 'hit', type: 'attack' }],
})

const entities: Entity[] = [
  { id: 'e-front', type: 'ORG', name: 'Northern Front', aliases: [], mentions: [] },
  { id: 'e-ostravia', type: 'GPE', name: 'Ostravia', aliases: [], mentions: [] },
  { id: 'e-tarsk', type: 'GPE', name: 'Tarsk', aliases: [], mentions: [] },
  { id: 'e-karvik', type: 'GPE', name: 'Karvik', aliases: [], mentions: [] },
  { id: 'e-marr', type: 'PERSON', name: 'Ilse Marr', aliases: [], mentions: [] },
]

const quantityFacts = (facts: Fact[], role: string): Fact[] =>
  facts.filter((f) => f.kind === 'quantity' && f.key.startsWith(`quantity:${role}:`))
const valueTexts = (f: Fact): string[] => f.values.map((v) => `${v.document}:${v.evidence[0].text}`)

describe('compareStory: lining up numbers by what they count', () => {
  const { facts } = compareStory([a, b], entities)

  it('lines up the same toll told in different words (killed: agree)', () => {
    const killed = quantityFacts(facts, 'killed')
    const same = killed.find((f) => f.values.length === 2)
    assert.ok(same, 'a killed fact told by both reports')
    assert.deepEqual(valueTexts(same), ['a:four soldiers', 'b:four troops'])
    assert.equal(same.status, 'agree')
    assert.deepEqual(same.missing, [])
  })

  it('reads "at least 20" and "25" as compatible and reconciles them', () => {
    const [injured] = quantityFacts(facts, 'injured')
    assert.deepEqual(valueTexts(injured), ['a:at least 20', 'b:25 others'])
    assert.equal(injured.status, 'compatible')
    assert.deepEqual(injured.reconciled, {
      low: 20,
      best: 25,
      high: 25,
      sources: { low: ['a'], best: ['b'], high: ['b'] },
    })
  })

  it('keeps a toll of a different incident (another place) apart, unique to its report', () => {
    const other = quantityFacts(facts, 'killed').find((f) =>
      f.values.some((v) => v.evidence[0].text === 'Two other people'),
    )
    assert.ok(other)
    assert.equal(other.values.length, 1)
    assert.equal(other.status, 'unique')
    assert.deepEqual(other.missing, ['a'])
    assert.match(other.about, /Karvik/)
  })

  it('says which report leaves a fact out', () => {
    const [arrested] = quantityFacts(facts, 'arrested')
    assert.equal(arrested.status, 'unique')
    assert.deepEqual(arrested.missing, ['b'])
  })

  it('gives the number and the sentence it was read in as evidence', () => {
    const [injured] = quantityFacts(facts, 'injured')
    const [num, sentence] = injured.values[0].evidence
    assert.equal(num.text, 'at least 20')
    assert.ok(sentence.start <= num.start && sentence.end >= num.end)
    assert.equal(sentence.text, A_TEXT.slice(sentence.start, sentence.end))
    assert.match(sentence.text, /^A rocket hit a barracks.*20\.$/)
  })

  it('dates the main event: a day inside a vague range is compatible', () => {
    const date = facts.find((f) => f.kind === 'date')
    assert.ok(date)
    assert.deepEqual(
      date.values.map((v) => v.value),
      ['2025-03-03', '2025-03'],
    )
    assert.equal(date.status, 'compatible')
  })

  it('names the actors each report names, and who leaves one out', () => {
    const front = facts.find((f) => f.key === 'actor:e-front')
    assert.equal(front?.status, 'agree')
    const marr = facts.filter((f) => f.key === 'actor:e-marr')
    // Named once in passing by one report: not a main actor.
    assert.equal(marr.length, 0)
  })

  it('reports the main event type and where it happened', () => {
    const event = facts.find((f) => f.kind === 'event')
    assert.equal(event?.status, 'agree')
    assert.deepEqual(
      event?.values.map((v) => v.value),
      ['attack', 'attack'],
    )
    const place = facts.find((f) => f.kind === 'place')
    assert.equal(place?.key, 'place:e-ostravia')
    assert.equal(place?.status, 'agree')
  })

  it('never lines up two facts of the same report', () => {
    for (const f of facts) {
      const docs = f.values.map((v) => v.document)
      assert.equal(new Set(docs).size, docs.length, f.key)
    }
    assert.equal(new Set(facts.map((f) => f.key)).size, facts.length, 'fact keys are unique')
  })
})

describe('compareStory: conflicts and story metadata', () => {
  it('finds a conflicting toll (four vs five soldiers killed)', () => {
    const { facts } = compareStory([a, c], entities)
    const [killed] = quantityFacts(facts, 'killed')
    assert.deepEqual(valueTexts(killed), ['a:four soldiers', 'c:Five soldiers'])
    assert.equal(killed.status, 'conflict')
    assert.equal(killed.reconciled?.low, 4)
    assert.equal(killed.reconciled?.high, 5)
    // Tie between one source each: the later report's figure.
    assert.equal(killed.reconciled?.best, 4)
  })

  it('takes the title of the central document and the publication range', () => {
    const out = compareStory([c, a, b], entities)
    assert.equal(out.title, 'Northern Front fighters shell Veldmark depot')
    assert.deepEqual(out.dateRange, { start: '2025-03-04', end: '2025-03-13' })
  })

  it('degrades gracefully when layers are missing', () => {
    const bare = makeFixture({ id: 'x', text: 'First line here. Second one.', withSentences: false })
    const out = compareStory([bare, bare.id === 'y' ? bare : { ...bare, id: 'y' }], [])
    assert.equal(out.title, 'First line here.')
    assert.deepEqual(out.facts, [])
    assert.equal(out.dateRange, undefined)
    assert.equal(out.framing.voices.length, 2)
  })

  it('takes no documents or an empty one without complaint', () => {
    assert.deepEqual(compareStory([], []), {
      earlierFigures: [],
      title: '',
      facts: [],
      framing: { labels: [], loaded: [], voices: [], hedges: [] },
    })
    const empty = makeFixture({ id: 'e', text: '' })
    assert.deepEqual(compareStory([empty], []).facts, [])
  })

  it('works without entity resolution, keying actors by name', () => {
    const strip = (d: typeof a) => ({ ...d, mentions: d.mentions?.map(({ entity: _, ...m }) => m) })
    const { facts } = compareStory([strip(a), strip(b)], [])
    const front = facts.find((f) => f.kind === 'actor' && f.key === 'actor:name:northern front')
    assert.equal(front?.status, 'agree')
  })
})

describe('compareStory: the counted noun and the place', () => {
  const d1 = makeFixture({
    id: 'd1',
    text: 'A drone hit a barracks in Ostravia, killing three Veldmark Army Reserve soldiers. Ostravia troops were on alert.',
    mentions: [
      { at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' },
      { at: 'Ostravia', nth: 1, type: 'GPE', entity: 'e-ostravia' },
    ],
    // The counted noun as a weak quantities stage might read it.
    quantities: [{ at: 'three', low: 3, best: 3, high: 3, counted: 'reserve', role: 'killed' }],
  })
  const d2 = makeFixture({
    id: 'd2',
    text: 'Three officials died in Ostravia. Three soldiers were killed in Ostravia.',
    mentions: [
      { at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' },
      { at: 'Ostravia', nth: 1, type: 'GPE', entity: 'e-ostravia' },
    ],
    quantities: [
      { at: 'Three officials', low: 3, best: 3, high: 3, counted: 'officials', role: 'killed' },
      { at: 'Three soldiers', low: 3, best: 3, high: 3, counted: 'soldiers', role: 'killed' },
    ],
  })
  const { facts } = compareStory([d1, d2], entities)

  it('reads the class from the nouns after the number when the counted noun tells nothing', () => {
    const both = quantityFacts(facts, 'killed').find((f) => f.values.length === 2)
    assert.deepEqual(both && valueTexts(both), ['d1:three', 'd2:Three soldiers'])
    assert.match(both?.about ?? '', /^soldiers killed in Ostravia/)
  })

  it('names only places where something happened, not places used as modifiers', () => {
    const place = facts.filter((f) => f.kind === 'place')
    assert.deepEqual(
      place.map((f) => [f.key, f.values.map((v) => v.evidence[0].start)]),
      [['place:e-ostravia', [find(d1.text, 'Ostravia').start, find(d2.text, 'Ostravia').start]]],
    )
  })
})

describe('compareStory: implied counts', () => {
  const mk = (id: string, text: string, quantities: Parameters<typeof makeFixture>[0]['quantities']) =>
    makeFixture({ id, text, quantities })
  const one = { low: 1, best: 1, high: 1, role: 'killed' as const }
  const p = mk('p', 'One person was killed in the blast.', [{ at: 'One person', ...one }])
  const q = mk('q', 'A man was killed in the blast.', [{ at: 'A man', ...one }])
  const r = mk('r', 'Two people were killed in the blast. A man was hurt.', [
    { at: 'Two people', low: 2, best: 2, high: 2, role: 'killed' },
    { at: 'A man', ...one, role: 'injured' },
  ])

  it('lines an implied count up with a stated figure it agrees with', () => {
    const [killed] = quantityFacts(compareStory([p, q], []).facts, 'killed')
    assert.deepEqual(valueTexts(killed), ['p:One person', 'q:A man'])
    assert.equal(killed.status, 'agree')
  })

  it('never reads a conflict from an implied count, and drops one no report backs', () => {
    const { facts } = compareStory([q, r], [])
    const killed = quantityFacts(facts, 'killed')
    assert.deepEqual(killed.map(valueTexts), [['r:Two people']])
    assert.deepEqual(quantityFacts(facts, 'injured'), [])
  })

  it('treats implied counts as stated when asked', () => {
    const killed = quantityFacts(compareStory([q, r], [], { impliedCounts: 'always' }).facts, 'killed')
    assert.equal(killed[0].status, 'conflict')
  })
})

describe('compareStory: figures without a role', () => {
  const claims = (id: string, text: string, figures: string[]) =>
    makeFixture({
      id,
      text,
      quantities: figures.map((at) => {
        const n = Number(at.replace(/,/g, ''))
        return { at, low: n, best: n, high: n, role: 'other' as const }
      }),
    })
  const u = claims('u', 'Claims fell to 293,000 from 310,000. There were 4 offices.', [
    '293,000',
    '310,000',
    '4',
  ])
  const v = claims('v', 'Claims fell by 17,000 to 293,000. There were 4 offices.', ['17,000', '293,000', '4'])
  const w = claims('w', 'Claims were 301,000.', ['301,000'])

  it('lines up identical figures as agreement and says who leaves them out', () => {
    const facts = compareStory([u, v, w], []).facts.filter((f) => f.key.startsWith('quantity:other:'))
    assert.deepEqual(
      facts.map((f) => [f.key, f.status, f.values.map((x) => x.document), f.missing]),
      [['quantity:other:293000', 'agree', ['u', 'v'], ['w']]],
    )
  })

  it('leaves out ages, and lines up a small figure only with the same figure of the same thing', () => {
    const fixture = (id: string, text: string, figures: [string, string][]) =>
      makeFixture({
        id,
        text,
        quantities: figures.map(([at, counted]) => {
          const n = Number(at)
          return { at, low: n, best: n, high: n, counted, role: 'other' as const }
        }),
      })
    const a = fixture('a', 'Vasko, 49, got 20 years. The jury of 12 jurors sat for 15 days.', [
      ['49', ''],
      ['20', 'years'],
      ['12', 'jurors'],
      ['15', 'days'],
    ])
    const b = fixture('b', 'Vasko (49) got 20 years after 15 hearings.', [
      ['49', ''],
      ['20', 'years'],
      ['15', 'hearings'],
    ])
    const shared = compareStory([a, b], [])
      .facts.filter((f) => f.key.startsWith('quantity:other:'))
      .map((f) => f.about)
    assert.deepEqual(shared, ['the figure 20 (years)'])
  })
})

describe('compareStory: the event fact', () => {
  const doc = (id: string, text: string, events: [string, string][]) =>
    makeFixture({ id, text, events: events.map(([at, type]) => ({ at, type })) })
  const x = doc('x', 'A bomb went off. The bombing was an attack.', [
    ['bomb went off', 'bombing'],
    ['bombing', 'bombing'],
    ['attack', 'attack'],
  ])
  const y = doc('y', 'An explosion shook the square. The blast was an attack.', [
    ['explosion', 'explosion'],
    ['blast', 'explosion'],
    ['attack', 'attack'],
  ])
  const z = doc('z', 'Crowds marched in a protest.', [['protest', 'protest']])
  const cases: [string, (typeof x)[], string, string[]][] = [
    ['same main type', [x, { ...x, id: 'x2' }], 'agree', ['bombing', 'bombing']],
    ['different emphasis, a shared type', [x, y], 'compatible', ['bombing', 'explosion']],
    // Grouped into one story, reports that name the event differently differ in emphasis.
    ['nothing in common', [x, z], 'compatible', ['bombing', 'protest']],
  ]
  for (const [name, docs, status, values] of cases) {
    it(name, () => {
      const event = compareStory(docs, []).facts.find((f) => f.kind === 'event')
      assert.equal(event?.status, status)
      assert.deepEqual(
        event?.values.map((v) => v.value),
        values,
      )
    })
  }
})

describe('compareStory: sums of money', () => {
  const money = (id: string, text: string, at: string, n: number) =>
    makeFixture({ id, text, quantities: [{ at, low: n, best: n, high: n, role: 'money' }] })
  const cases: [string, number, number, string[]][] = [
    ['close sums conflict', 14e9, 24e9, ['conflict']],
    ['sums orders apart are different things', 1.9e12, 300, ['unique', 'unique']],
  ]
  for (const [name, x, y, statuses] of cases) {
    it(name, () => {
      const a = money('a', `The plan costs ${x} dollars.`, String(x), x)
      const b = money('b', `The plan costs ${y} dollars.`, String(y), y)
      const facts = compareStory([a, b], []).facts.filter((f) => f.kind === 'quantity')
      assert.deepEqual(
        facts.map((f) => f.status),
        statuses,
      )
    })
  }
})

describe('compareStory: which date is the main event’s', () => {
  const dateOf = (text: string): string | undefined => {
    const doc = analyseDocument(
      makeDoc({ id: 'd', text, meta: { source: 'd.txt', published: '2025-05-09' } }),
    )
    const fact = compareStory([doc], []).facts.find((f) => f.kind === 'date')
    return fact ? String(fact.values[0].value) : undefined
  }

  it('dates the event from a later sentence that tells no event when nothing else dates it', () => {
    const text =
      'Man charged\n\nA man was charged with attempted murder, prosecutors said. He appeared before a judge. ' +
      'His lawyer did not comment. Investigators said the victim was found about 9 p.m. Tuesday outside a bar.'
    assert.equal(dateOf(text), '2025-05-06T21:00')
  })

  it('does not date the event by the time in a page stamp after its date', () => {
    const text =
      'Two charged after girl shot Posted: Friday, May 9, 2025 10:21 AM EDT\n\n' +
      'Two men were charged after a girl was shot at a home in Dellport.'
    assert.equal(dateOf(text), undefined)
  })

  it('takes a day up to the report’s over a later one (a hearing set for next week)', () => {
    const text =
      'Hearing set\n\nA hearing is set for Monday in the shooting of two men in Dellport on Wednesday, officials said.'
    assert.equal(dateOf(text), '2025-05-07')
  })

  it('takes the date of the lead over a later one next to a trigger (the lead tells the report’s own event)', () => {
    const text =
      'Gunman wounds two in Dellport\n\n' +
      'Two men were wounded in Dellport on Wednesday night, when a gunman fired at a crowd. ' +
      'The victims were taken to a hospital. Officers searched the area. ' +
      'Residents recalled that a similar shooting last month left one man dead.'
    assert.equal(dateOf(text), '2025-05-07TNI')
  })

  it('passes over the day a statement was made ("police said Friday") for the event’s own day', () => {
    const text =
      'Dellport shooting\n\n' +
      'A woman was shot on Tuesday in Dellport, police said Friday. ' +
      'She is in stable condition.'
    assert.equal(dateOf(text), '2025-05-06')
  })

  it('passes over the page stamp ("Posted: ...") ', () => {
    const text =
      'Dellport shooting\n\nPosted: May 9, 2025\n\n' +
      'A woman was shot in Dellport early Monday. She is in stable condition.'
    assert.equal(dateOf(text), '2025-05-05')
  })

  it('passes over a stamp line with a clock time, and a line holding only a date', () => {
    const stamped =
      'Dellport shooting\n\nPosted: Friday, May 9, 2025 10:21 AM EST\n\n' +
      'A woman was shot in a Dellport shooting. She is in stable condition.'
    assert.equal(dateOf(stamped), undefined)
    const dated = 'Dellport shooting\n\nMay 9, 2025 12:45 PM\n\nA woman was shot in Dellport early Monday.'
    assert.equal(dateOf(dated), '2025-05-05')
  })

  it('passes over the date in a dateline ("DELLPORT (May 9, 2025) –"): the day the report was filed', () => {
    const text = 'Dellport shooting\n\nDELLPORT (May 9, 2025) – A woman was shot early Monday. She is stable.'
    assert.equal(dateOf(text), '2025-05-05')
  })

  it('prefers a named day to a bare clock time that only takes the publication day', () => {
    const text =
      'Dellport shooting\n\n' +
      'The shooting was reported at 11:30 p.m. near a bar. ' +
      'A man was shot Thursday outside the bar in Dellport.'
    assert.equal(dateOf(text), '2025-05-08')
  })
})

describe('compareStory: the day of an undated report', () => {
  const dated = analyseDocument(
    makeDoc({
      id: 'dated',
      text: 'Depot shelled\n\nRockets hit the Veldmark depot on Tuesday, killing four soldiers, officials said.',
      meta: { source: 'dated.txt', published: '2025-03-06' },
    }),
  )
  const undated = (text: string) =>
    analyseDocument(makeDoc({ id: 'undated', text, meta: { source: 'undated.txt' } }))
  const dateOf = (docs: Doc[]) => compareStory(docs, []).facts.find((f) => f.kind === 'date')

  it('reads its weekday as the day a dated report gives, and says so', () => {
    const fact = dateOf([
      dated,
      undated('Rebels shell depot\n\nRebels shelled the Veldmark depot on Tuesday, killing four soldiers.'),
    ])
    assert.equal(fact?.status, 'agree')
    const value = fact?.values.find((v) => v.document === 'undated')
    assert.equal(value?.value, '2025-03-04')
    assert.equal(value?.inferredFrom, 'dated')
    assert.equal(value?.evidence[0].text, 'Tuesday')
    assert.equal(fact?.values.find((v) => v.document === 'dated')?.inferredFrom, undefined)
  })

  it('leaves out a weekday that meets no dated report’s day', () => {
    const fact = dateOf([
      dated,
      undated('Rebels shell depot\n\nRebels shelled the Veldmark depot on Friday, killing four soldiers.'),
    ])
    assert.deepEqual(fact?.missing, ['undated'])
  })

  it('reads a month and day without a year the same way', () => {
    const fact = dateOf([
      dated,
      undated('Rebels shell depot\n\nRebels shelled the Veldmark depot on March 4, killing four soldiers.'),
    ])
    assert.equal(fact?.values.find((v) => v.document === 'undated')?.value, '2025-03-04')
  })
})

describe('compareStory: where it happened', () => {
  it('takes the dateline’s place as where a local report’s event happened', () => {
    const text =
      'Two hurt in shooting\n\nDELLPORT (KXYZ) — Two men were wounded in a shooting on Tuesday night, police said. ' +
      'Both were taken to a hospital.'
    const doc = analyseDocument(
      makeDoc({ id: 'd', text, meta: { source: 'd.txt', published: '2025-05-09' } }),
    )
    const places = compareStory([doc], []).facts.filter((f) => f.kind === 'place')
    assert.deepEqual(
      places.map((f) => f.values[0].value),
      ['DELLPORT'],
    )
  })
})

describe('compareStory: where it happened, city before country', () => {
  it('names a city before the country it lies in, whichever the reports name more', () => {
    // Real place names, a made-up event.
    const text =
      'Floods in France\n\nFloods swept through towns in France on Monday, killing two people, officials said. ' +
      'In France, rivers rose overnight. A bridge collapsed in Lyon on Monday during the floods.'
    const doc = analyseDocument(
      makeDoc({ id: 'd', text, meta: { source: 'd.txt', published: '2025-05-09' } }),
    )
    const places = compareStory([doc], [])
      .facts.filter((f) => f.kind === 'place')
      .map((f) => String(f.values[0].value))
    assert.deepEqual(places, ['Lyon', 'France'])
  })
})

/** Place facts of a one-report story, in order, as the analysed text gives them. */
const placesOf = (text: string): string[] =>
  compareStory(
    [analyseDocument(makeDoc({ id: 'd', text, meta: { source: 'd.txt', published: '2025-05-09' } }))],
    [],
  )
    .facts.filter((f) => f.kind === 'place')
    .map((f) => String(f.values[0].value))

describe('compareStory: where it happened, the town before a part of it', () => {
  it('names the town before the part of it the report names first', () => {
    // Made-up places and event.
    const text =
      'Man shot in South Quarnby\n\nA man was shot in South Quarnby on Monday night, police said. ' +
      'Officers in South Quarnby found him on a porch. The shooting was the second in Quarnby this week.'
    assert.deepEqual(placesOf(text).slice(0, 2), ['Quarnby', 'South Quarnby'])
  })

  it('names a listed city before a neighbourhood written with a compass word', () => {
    // A real city, a made-up event.
    const text =
      'Two shot on the East Side\n\nTwo men were shot on the East Side on Monday night, police said. ' +
      'The shooting on the East Side was the third in Memphis this week.'
    assert.deepEqual(placesOf(text).slice(0, 2), ['Memphis', 'East Side'])
  })

  it('names a town before the state the report names more often', () => {
    // A real state, a made-up town and event.
    const text =
      'Ohio shooting leaves one dead\n\nA man was killed in a shooting in Ohio on Monday, police said. ' +
      'The shooting in Ohio happened on a street in Quarnby. It was the second shooting in Ohio this week.'
    assert.deepEqual(placesOf(text).slice(0, 2), ['Quarnby', 'Ohio'])
  })

  it('names a town before the county the report names more often', () => {
    // Made-up county, town and event.
    const text =
      'Harlow County shooting leaves one hurt\n\nA man was shot in Harlow County on Monday, deputies said. ' +
      'The shooting in Harlow County happened on a farm in Dellport. It was the second shooting in Harlow County this year.'
    assert.deepEqual(placesOf(text).slice(0, 2), ['Dellport', 'Harlow County'])
  })
})

describe('compareStory: where it happened, when no sentence telling it says', () => {
  /** Place facts of a one-report story whose one mention is typed as given (the tagger's reading). */
  const fixturePlaces = (text: string, mention: { at: string; type: EntityType }): string[] =>
    compareStory([makeFixture({ id: 'd', text, mentions: [mention] })], [])
      .facts.filter((f) => f.kind === 'place')
      .map((f) => String(f.values[0].value))

  it('takes a place the report names elsewhere', () => {
    const text =
      'Man charged after shooting\n\nA man was charged with attempted murder on Friday, prosecutors said. ' +
      'He had been living with relatives in Quarnby since March.'
    assert.deepEqual(placesOf(text), ['Quarnby'])
  })

  it('takes a listed city for a place where a place is expected, whatever the tagger read', () => {
    assert.deepEqual(
      fixturePlaces('Man shot\n\nA man was shot in Jackson on Sunday night. He was taken to a hospital.', {
        at: 'Jackson',
        type: 'PERSON',
      }),
      ['Jackson'],
    )
  })

  it('takes the town its police are named after, however the tagger typed it', () => {
    assert.deepEqual(
      fixturePlaces(
        'Man shot\n\nA man was shot on Sunday night, Quarnby police said. He was taken to a hospital.',
        { at: 'Quarnby', type: 'ORG' },
      ),
      ['Quarnby'],
    )
  })

  it('reads the town off the name of its police department when nothing else places it', () => {
    const doc = makeFixture({
      id: 'd',
      text: 'Man shot\n\nA man was shot on Sunday night, the Quarnby Police Department said.',
      mentions: [{ at: 'Quarnby Police Department', type: 'ORG' }],
    })
    const [place] = compareStory([doc], []).facts.filter((f) => f.kind === 'place')
    assert.equal(place?.about, 'where it happened: Quarnby')
    assert.equal(place?.values[0].value, 'Quarnby')
    const { start, end } = place.values[0].evidence[0]
    assert.equal(doc.text.slice(start, end), 'Quarnby')
  })

  it('names the town before the street in it', () => {
    const text =
      'Man shot\n\nA man was shot on Pellam Avenue in Dellport on Sunday night, police said. ' +
      'He was taken to a hospital.'
    assert.deepEqual(placesOf(text), ['Dellport', 'Pellam Avenue'])
  })

  it('takes where the people in it live ("a Marlowe man")', () => {
    const text =
      'Man wounded\n\nA 21-year-old Marlowe man was wounded by a shotgun blast early Sunday, a spokesman said. ' +
      'He is expected to survive.'
    assert.deepEqual(placesOf(text), ['Marlowe'])
  })
})

describe('compareStory: a place named by its responders', () => {
  it('reads "Dellport police" as the place of a local event', () => {
    const text =
      'Man wounded\n\nA man was wounded in a shooting on Tuesday night, Dellport police said. ' +
      'He was taken to a hospital.'
    const doc = analyseDocument(
      makeDoc({ id: 'd', text, meta: { source: 'd.txt', published: '2025-05-09' } }),
    )
    const places = compareStory([doc], []).facts.filter((f) => f.kind === 'place')
    assert.deepEqual(
      places.map((f) => f.values[0].value),
      ['Dellport'],
    )
  })
})

describe('headlineOf', () => {
  const cases: [string, string][] = [
    ['Two hurt in Dellport crash - WXYZ Channel 4', 'Two hurt in Dellport crash'],
    ['Two hurt in Dellport crash - KXYZ-TV | ABC 7 - Dellport, Ostravia', 'Two hurt in Dellport crash'],
    ['Two hurt in Dellport crash | Dellport News, Weather & Sports', 'Two hurt in Dellport crash'],
    ['Two hurt in Dellport crash - dellportdaily.com', 'Two hurt in Dellport crash'],
    // Not a site: a headline with a dash, or too little headline left.
    ['Marr - Brandt Summit Ends Early', 'Marr - Brandt Summit Ends Early'],
    ['Stocks fall - index down 500 points', 'Stocks fall - index down 500 points'],
    ['Crash - WXYZ News', 'Crash - WXYZ News'],
  ]
  for (const [title, expected] of cases) it(title, () => assert.equal(headlineOf(title), expected))
})

describe('compareStory: a country before an event is its author, not its place', () => {
  it('reads "a US drone strike in Dellport" as happening in Dellport, not in the US', () => {
    const text = 'Strike kills two\n\nA US drone strike in Dellport killed two officials on Wednesday.'
    const doc = analyseDocument(
      makeDoc({ id: 'd', text, meta: { source: 'd.txt', published: '2025-05-09' } }),
    )
    const places = compareStory([doc], [])
      .facts.filter((f) => f.kind === 'place')
      .map((f) => f.values[0].value)
    assert.ok(!places.includes('US'), JSON.stringify(places))
  })
})

describe('compareStory: where a figure was counted', () => {
  const d1 = makeFixture({
    id: 'd1',
    text: 'Vasko, a rebel commander in charge of operations in Ostravia, was killed in a strike in Dellport.',
    mentions: [
      { at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' },
      { at: 'Dellport', type: 'GPE', entity: 'e-dellport' },
    ],
    quantities: [{ at: 'Vasko', low: 1, best: 1, high: 1, counted: 'vasko', role: 'killed' }],
  })
  const d2 = makeFixture({
    id: 'd2',
    text: 'A drone killed a rebel commander. Officials said the strike was part of a campaign in Ostravia.',
    mentions: [{ at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' }],
    quantities: [{ at: 'a rebel commander', low: 1, best: 1, high: 1, counted: 'commander', role: 'killed' }],
  })

  it('leaves out a place inside the aside that describes the counted person', () => {
    const { facts } = compareStory([d1, d2], [])
    const killed = quantityFacts(facts, 'killed')
    assert.ok(
      killed.some((f) => /killed in Dellport/.test(f.about ?? '')),
      killed.map((f) => f.about).join(' | '),
    )
    assert.ok(!killed.some((f) => /Ostravia/.test(f.about ?? '')), killed.map((f) => f.about).join(' | '))
  })

  it('places a figure told in a sentence naming no place where the figure before it was counted', () => {
    const d3 = makeFixture({
      id: 'd3',
      text: 'Vasko, a rebel commander in charge of operations in Ostravia, was killed in a strike in Dellport. Two other rebel officers were also killed.',
      mentions: [
        { at: 'Ostravia', type: 'GPE', entity: 'e-ostravia' },
        { at: 'Dellport', type: 'GPE', entity: 'e-dellport' },
      ],
      quantities: [
        { at: 'Vasko', low: 1, best: 1, high: 1, counted: 'vasko', role: 'killed' },
        { at: 'Two', low: 2, best: 2, high: 2, counted: 'officers', role: 'killed' },
      ],
    })
    const { facts } = compareStory([d3, d2], [])
    const officers = quantityFacts(facts, 'killed').find((f) => /officers/.test(f.about ?? ''))
    assert.equal(officers?.about, 'officers killed in Dellport')
  })
})

describe('compareStory: figures of others', () => {
  const d1 = makeFixture({
    id: 'd1',
    text: 'A gunman was killed by police after a rampage that left two others dead.',
    quantities: [
      { at: 'A gunman', low: 1, best: 1, high: 1, counted: 'gunman', role: 'killed' },
      { at: 'two', low: 2, best: 2, high: 2, counted: 'others', role: 'killed' },
    ],
  })
  const d2 = makeFixture({
    id: 'd2',
    text: 'Three people died in the rampage, the gunman among them.',
    quantities: [{ at: 'Three', low: 3, best: 3, high: 3, counted: 'people', role: 'killed' }],
  })
  const d3 = makeFixture({
    id: 'd3',
    text: 'The rampage killed a man and injured 30 others.',
    quantities: [
      { at: 'a man', low: 1, best: 1, high: 1, counted: 'man', role: 'killed' },
      { at: '30', low: 30, best: 30, high: 30, counted: 'others', role: 'injured' },
    ],
  })
  const d4 = makeFixture({
    id: 'd4',
    text: 'Officials said 41 people were injured in the rampage.',
    quantities: [{ at: '41', low: 41, best: 41, high: 41, counted: 'people', role: 'injured' }],
  })
  const { facts } = compareStory([d1, d2, d3, d4], [])

  it('"two others dead" after a death leaves that one out: never set against a total of three', () => {
    const fact = quantityFacts(facts, 'killed').find((f) => f.values.some((v) => v.document === 'd2'))
    assert.ok(fact, JSON.stringify(quantityFacts(facts, 'killed').map(valueTexts)))
    assert.notEqual(fact.status, 'conflict', JSON.stringify(valueTexts(fact)))
    // The figure itself stays exact: two others, not "at least 2".
    const values = quantityFacts(facts, 'killed').flatMap((f) => f.values)
    const others = values.find((v) => v.document === 'd1' && v.evidence[0].text === 'two')
    assert.deepEqual(others?.value, { low: 2, best: 2, high: 2 }, JSON.stringify(values))
  })

  it('"injured 30 others" after the dead is the whole count of injured, in conflict with 41', () => {
    const fact = quantityFacts(facts, 'injured').find((f) => f.values.length === 2)
    assert.equal(fact?.status, 'conflict', JSON.stringify(quantityFacts(facts, 'injured').map(valueTexts)))
  })
})

/** A made-up article through the default pipeline, published on `published`. */
const analysed = (id: string, text: string, published: string): Doc =>
  analyseDocument({ id, text, meta: { source: `${id}.txt`, published } })

describe('compareStory: what a figure counts', () => {
  it('does not read who was counted from the lead that follows a title', () => {
    const read = (id: string, text: string) => analysed(id, text, '2031-05-04')
    const docs = [
      read(
        'a',
        'Arrest Made in Fatal Shooting Outside Dellport Bar\n\n' +
          'Dellport police have made an arrest in the fatal shooting that took place on Friday outside a bar.',
      ),
      read(
        'b',
        'Man killed outside Dellport bar\n\nA man was shot and killed outside a bar in Dellport on Friday.',
      ),
    ]
    const killed = compareStory(docs, []).facts.filter((f) => f.kind === 'quantity' && /killed/.test(f.about))
    assert.ok(killed.length > 0, 'the title\'s "fatal shooting" is a death')
    for (const fact of killed) assert.doesNotMatch(fact.about, /police/)
  })
})

describe('compareStory: a date that opens a period', () => {
  it('does not date a figure: the story keeps its death toll', () => {
    const docs = [
      analysed(
        'a',
        '1 killed, 4 others wounded in Dellport shooting\n\n' +
          'A teenaged girl was killed early Saturday during a shooting at a block party in Dellport. ' +
          'Several other people were injured.',
        '2031-06-07',
      ),
      analysed(
        'b',
        'Reward nears $8,500 for arrest in Dellport block party slaying\n\n' +
          'In the minutes after Tamsin Reeve was shot earlier this year, deputies fought a rush of people ' +
          'leaving a block party near Dellport.\n\n' +
          'Homicide map For a map of all county homicides since 2001, go to the website.\n\n' +
          'The June 7 gathering had erupted in gunfire, and six people were injured.',
        '2031-10-16',
      ),
    ]
    const record = storyRecord(docs, compareStory(docs, []).earlierFigures)
    assert.equal(record?.killed.best, 1, JSON.stringify(record?.killed))
  })
})

describe('compareStory: a follow-up dates its own news', () => {
  it("leaves out a lone later day near the report's publication instead of a conflict", () => {
    const docs = [
      analysed(
        'a',
        'Two killed in Dellport shooting\n\nTwo men were shot dead in Dellport on Monday night.',
        '2031-01-21',
      ),
      analysed(
        'b',
        'Dellport shooting victims named\n\nTwo men were killed in Dellport on Monday night.',
        '2031-01-22',
      ),
      analysed(
        'c',
        'Suspect arrested in Dellport double killing\n\nPolice arrested a suspect on Friday in the killing of two men in Dellport.',
        '2031-02-24',
      ),
    ]
    const date = compareStory(docs, []).facts.find((f) => f.kind === 'date')
    assert.deepEqual(
      date?.values.map((v) => [v.document, v.value]),
      [
        ['a', '2031-01-20TNI'],
        ['b', '2031-01-20TNI'],
      ],
    )
    assert.deepEqual(date?.missing, ['c'])
    assert.equal(date?.status, 'agree')
  })
})
