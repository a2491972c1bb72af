import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { makeDoc } from '../model/doc.ts'
import type { Doc } from '../model/types.ts'
import { dayOf, featurise, nextWord, segmentHash, wordEnd } from './grouping-features.ts'

const doc = (text: string, extra: Partial<Doc> = {}, published?: string): Doc => ({
  ...makeDoc({ text, meta: { source: 'test', ...(published ? { published } : {}) } }),
  ...extra,
})

describe('featurise: names from capitalised phrases', () => {
  const cases: [string, string, string[]][] = [
    ['a mid-sentence name', 'Crews reached Port Elsby late.', ['port elsby']],
    ['sentence-initial word not a name unless capitalised elsewhere', 'Firefighters came. They left.', []],
    ['sentence-initial name repeated mid-sentence', 'Varnow spoke. Then Varnow left.', ['varnow']],
    ['calendar words are not names', 'It happened on Monday in March near Tolby.', ['tolby']],
    ['a comma splits two names', 'It hit Drumore, Kelvale overnight.', ['drumore', 'kelvale']],
    [
      'a Title Case headline keeps only words capitalised in ordinary sentences',
      'Storm Batters Coastal Town Of Kelvale\nThe storm reached Kelvale at dawn.',
      ['kelvale'],
    ],
  ]
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(featurise(doc(text)).names.sort(), expected.sort()))
  }
})

describe('featurise: terms and cues', () => {
  it('stems words, drops function words, keeps years and numbers as cues', () => {
    const f = featurise(doc('The floods of 2029 flooded 40 homes in Tolby.'))
    assert.deepEqual(f.years, [2029])
    assert.ok(f.terms.has('flood'))
    assert.ok(!f.terms.has('the'))
    assert.ok(f.terms.has('#40'))
    assert.ok(f.terms.has('n:tolby'))
    assert.ok(f.terms.has('y:2029'))
  })

  const titles: [string, Doc, number][] = [
    [
      'a title in metadata weighs double',
      { ...doc('Rain fell on Tolby.'), meta: { source: 't', title: 'Floods' } },
      2,
    ],
    ['a short first line stands in for a missing title', doc('Floods\nRain fell on Tolby.'), 2],
    ['a long first line is body text', doc(`Floods ${'and more words '.repeat(20)}\nRain fell.`), 1],
  ]
  for (const [name, d, weight] of titles)
    it(name, () => assert.equal(featurise(d).terms.get('flood'), weight))

  it('reads the weekday the lede names first, Monday as 0', () => {
    assert.equal(
      featurise(doc('A barn burned near Tolby on Tuesday night. By Friday it was rebuilt.')).weekday,
      1,
    )
    assert.equal(featurise(doc('A barn burned near Tolby.')).weekday, -1)
    // Past the lede, a weekday is background ("the club meets every Sunday").
    assert.equal(
      featurise(doc(`${'A barn burned near Tolby. '.repeat(10)}It reopens on Sunday.`)).weekday,
      -1,
    )
  })

  it("passes over the weekday of a page's stamp line: the day it was posted, not the event's", () => {
    const dated = (text: string, date: string): Doc => {
      const start = text.indexOf(date)
      const span = { start, end: start + date.length }
      return doc(text, {
        dates: [{ span, text: date, value: '2031-03-05', precision: 'day', type: 'DATE', relative: false }],
      })
    }
    const cases: [string, Doc, number][] = [
      [
        'a stamp word opens the line',
        doc('Posted: Friday 10:21 AM\nA barn burned near Tolby on Tuesday.'),
        1,
      ],
      [
        'the line holds only a date',
        dated(
          'WEDNESDAY , MARCH 5 , 2031\nA barn burned near Tolby on Tuesday.',
          'WEDNESDAY , MARCH 5 , 2031',
        ),
        1,
      ],
      ['a stamp and no other weekday', doc('Updated Friday\nA barn burned near Tolby.'), -1],
      ['a weekday in a sentence is read', doc('By Friday , a barn near Tolby had burned.'), 4],
    ]
    for (const [name, d, weekday] of cases) assert.equal(featurise(d).weekday, weekday, name)
  })

  it('reads the figures the text states, without counts, small numbers, years, dates or clock times', () => {
    const text =
      'Posted 2 / 3 / 2031 10 : 45\nA magnitude-5.7 quake shook Orlavik in 2031 on May 14, killing 12 people. Teodor Brann, 37, said 3 homes and 250 sheep were lost.'
    // The quantity `figure` inside the first occurrence of `context`.
    const quantity = (context: string, figure: string, role: 'killed' | 'other' = 'other') => {
      const start = text.indexOf(context) + context.indexOf(figure)
      const best = Number(figure)
      return {
        span: { start, end: start + figure.length },
        text: figure,
        low: best,
        best,
        high: best,
        counted: '',
        role,
      }
    }
    const may = text.indexOf('May 14')
    const f = featurise(
      doc(text, {
        quantities: [
          quantity('2 /', '2'),
          quantity('3 / 2031', '3'),
          quantity('10 :', '10'),
          quantity(': 45', '45'),
          quantity('5.7', '5.7'),
          quantity('in 2031', '2031'),
          quantity('May 14', '14'),
          quantity('12 people', '12', 'killed'),
          quantity('37', '37'),
          quantity('3 homes', '3'),
          quantity('250', '250'),
        ],
        dates: [
          {
            span: { start: may, end: may + 6 },
            text: 'May 14',
            value: null,
            precision: 'day',
            type: 'DATE',
            relative: false,
          },
        ],
      }),
    )
    assert.deepEqual(f.figures.sort(), ['250', '37', '5.7'])
  })

  it('reads the publication day', () => {
    assert.equal(featurise(doc('x', {}, '1970-01-11')).day, 10)
    assert.equal(featurise(doc('x')).day, null)
  })

  it('uses pipeline mentions and events when present', () => {
    const text = 'Troops shelled Norvik.'
    const f = featurise(
      doc(text, {
        mentions: [{ span: { start: 15, end: 21 }, text: 'Norvik', type: 'GPE', entity: 'E7' }],
        events: [{ span: { start: 7, end: 14 }, text: 'shelled', type: 'attack' }],
      }),
    )
    assert.deepEqual(f.places, ['E7'])
    assert.deepEqual(f.events, ['attack'])
    assert.ok(f.terms.has('e:E7'))
    assert.ok(f.terms.has('ev:attack'))
  })

  it('reads the days the lede names, casualty counts and the people named most', () => {
    const text = 'Gunfire on Tuesday in Norvik killed 3. Ada Brell said Brell saw Tom Quill. Later text.'
    const date = (start: number, end: number, value: string) => ({
      span: { start, end },
      text: text.slice(start, end),
      value,
      precision: 'day' as const,
      type: 'DATE' as const,
      relative: true,
    })
    const count = (start: number, role: 'killed' | 'money', best: number) => ({
      span: { start, end: start + 1 },
      text: text.slice(start, start + 1),
      low: best,
      best,
      high: best,
      counted: '',
      role,
    })
    const person = (start: number, end: number, entity: string) => ({
      span: { start, end },
      text: text.slice(start, end),
      type: 'PERSON' as const,
      entity,
    })
    const f = featurise(
      doc(text, {
        dates: [date(11, 18, '2031-05-06'), date(79, 84, '2031-04-01')],
        quantities: [count(36, 'killed', 3), count(36, 'money', 3)],
        mentions: [person(39, 47, 'E1'), person(53, 58, 'E1'), person(63, 71, 'E2')],
      }),
      { maxWords: 14 },
    )
    // The second date lies after the first 14 words: not the lede.
    assert.deepEqual(f.days, [dayOf('2031-05-06')])
    assert.deepEqual(f.counts, ['killed:3'])
    assert.deepEqual(f.persons, [
      ['E1', 2],
      ['E2', 1],
    ])
  })

  it('does not take a holiday the tagger called a person for a person', () => {
    const text = 'On Christmas Ada Brell was shot in Norvik.'
    const f = featurise(
      doc(text, {
        dates: [
          {
            span: { start: 3, end: 12 },
            text: 'Christmas',
            value: '2031-12-25',
            precision: 'day',
            type: 'DATE',
            relative: false,
          },
        ],
        mentions: [
          { span: { start: 3, end: 12 }, text: 'Christmas', type: 'PERSON', entity: 'E1' },
          { span: { start: 13, end: 22 }, text: 'Ada Brell', type: 'PERSON', entity: 'E2' },
        ],
      }),
    )
    assert.deepEqual(f.persons, [['E2', 1]])
  })

  it('counts only the first maxWords words', () => {
    const f = featurise(doc('alpha beta gamma delta'), { maxWords: 2 })
    assert.deepEqual(f.words, ['alpha', 'beta'])
  })
})

describe('featurise: page furniture', () => {
  it('leaves sentences the caller flags out of terms and names, but not out of shingle words', () => {
    const text = 'Sign up for our daily newsletter today. Floods hit Tolby.'
    const plain = featurise(doc(text))
    const filtered = featurise(doc(text), {}, (hash) => hash === plain.segments[0])
    assert.ok(plain.terms.has('newslett'))
    assert.ok(!filtered.terms.has('newslett'))
    assert.ok(filtered.terms.has('flood'))
    assert.deepEqual(filtered.words, plain.words)
  })

  it('leaves mentions inside flagged sentences out too', () => {
    const text = 'Read our Privacy Policy before you comment here.\nFloods hit Tolby.'
    const mentions = [
      { span: { start: 9, end: 23 }, text: 'Privacy Policy', type: 'ORG' as const, entity: 'E1' },
      { span: { start: 59, end: 64 }, text: 'Tolby', type: 'GPE' as const, entity: 'E2' },
    ]
    const plain = featurise(doc(text, { mentions }))
    const filtered = featurise(doc(text, { mentions }), {}, (hash) => hash === plain.segments[0])
    assert.ok(plain.terms.has('e:E1'))
    assert.ok(!filtered.terms.has('e:E1'))
    assert.deepEqual(filtered.places, ['E2'])
  })

  it('hashes sentences by their letters and digits only', () => {
    assert.equal(segmentHash('Sign up for our newsletter!'), segmentHash('sign up, for our  NEWSLETTER'))
    assert.equal(segmentHash('Too short.'), null)
  })
})

describe('dayOf', () => {
  const cases: [string | undefined, number | null][] = [
    ['1970-01-02', 1],
    ['1970-02', 31],
    ['1971', 365],
    ['2024-02-07T10:00:00Z', 19760],
    ['soon', null],
    [undefined, null],
  ]
  for (const [iso, expected] of cases) it(String(iso), () => assert.equal(dayOf(iso), expected))
})

describe('nextWord', () => {
  const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu
  const words = (s: string): string[] => {
    const out: string[] = []
    for (let at = nextWord(s, 0); at >= 0; at = nextWord(s, wordEnd())) out.push(s.slice(at, wordEnd()))
    return out
  }

  it('finds the words the word pattern matches, joiners, accents and astral letters included', () => {
    assert.deepEqual(words("U.S. well-known o’clock, Zoë's 2,000 𝐀b -x- '"), [
      'U.S',
      'well-known',
      'o’clock',
      "Zoë's",
      '2',
      '000',
      '𝐀b',
      'x',
    ])
    const chars = fc.constantFrom('a', 'Z', '7', 'é', '𝐀', ' ', "'", '’', '.', '-', ',', '\n', '!', '\t')
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }), (parts) => {
        const s = parts.join('')
        assert.deepEqual(words(s), s.match(WORD) ?? [])
      }),
    )
  })
})
