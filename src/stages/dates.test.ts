import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { makeDoc } from '../model/doc.ts'
import { assertDoc } from '../model/invariants.ts'
import type { DateMention } from '../model/types.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { dates } from './dates.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), dates()])

const analyse = (text: string, published?: string) => {
  const doc = run(makeDoc({ text, meta: { source: 'test', published } }))
  assertDoc(doc)
  return doc
}

/** Published on Thursday 2024-02-08 unless a row says otherwise. */
const THURSDAY = '2024-02-08'

type Expect = Partial<Pick<DateMention, 'value' | 'precision' | 'type' | 'relative'>> & {
  range?: [string, string]
}

// [sentence, published, expression text, expected]
const CASES: [string, string | undefined, string, Expect][] = [
  [
    'The plant shut on March 3, 2021. That day, workers marched.',
    THURSDAY,
    'That day',
    { value: '2021-03-03' },
  ],
  [
    'The flood came in May 2019. Later that same month, the dam broke.',
    THURSDAY,
    'that same month',
    { value: '2019-05' },
  ],
  ['No charges are expected in Tuesday’s shooting.', THURSDAY, 'Tuesday', { value: '2024-02-06' }],
  ['She posted the photo in December.', '2016-08-10', 'December', { value: '2015-12' }],
  ['He will visit the plant in December.', '2016-08-10', 'December', { value: '2016-12' }],
  ['Prices rose in January, traders said.', '2023-10-26', 'January', { value: '2024-01' }],
  ['A week later, the suspect was arrested.', THURSDAY, 'A week', { value: 'P1W', type: 'DURATION' }],
  [
    'Injuries rose from January to November 2014.',
    THURSDAY,
    'January',
    { value: '2014-01', relative: false },
  ],
  [
    'The chief speaks at 3:30 this afternoon.',
    THURSDAY,
    '3:30 this afternoon',
    { value: '2024-02-08T15:30' },
  ],
  [
    'The ferry sank on Wednesday near the harbour.',
    THURSDAY,
    'Wednesday',
    { value: '2024-02-07', precision: 'day', type: 'DATE', relative: true },
  ],
  ['Officials met Thursday to review the plan.', THURSDAY, 'Thursday', { value: '2024-02-08' }],
  ['Crews reopened the bridge Friday.', THURSDAY, 'Friday', { value: '2024-02-02' }],
  ['The council will vote Friday on the budget.', THURSDAY, 'Friday', { value: '2024-02-09' }],
  ['Actor Will Hale spoke Friday at the gala.', THURSDAY, 'Friday', { value: '2024-02-02' }],
  ['Wednesday’s storm flooded the valley.', THURSDAY, 'Wednesday', { value: '2024-02-07' }],
  [
    'The report was filed on Jan. 28 by the agency.',
    THURSDAY,
    'Jan. 28',
    { value: '2024-01-28', precision: 'day' },
  ],
  ['The report was filed on Feb. 7 by the agency.', THURSDAY, 'Feb. 7', { value: '2024-02-07' }],
  ['The museum closed on Dec. 3 for repairs.', THURSDAY, 'Dec. 3', { value: '2023-12-03' }],
  ['The hearing ended Feb 7th after a long day.', THURSDAY, 'Feb 7th', { value: '2024-02-07' }],
  [
    'The law took effect on 7 February 2024 in the province.',
    THURSDAY,
    '7 February 2024',
    { value: '2024-02-07', relative: false },
  ],
  [
    'The festival opened January 28, 2024, to large crowds.',
    undefined,
    'January 28, 2024',
    { value: '2024-01-28', relative: false },
  ],
  [
    'The log shows 2024-02-07 as the start.',
    THURSDAY,
    '2024-02-07',
    { value: '2024-02-07', relative: false },
  ],
  [
    'Prices rose in late January after the frost.',
    THURSDAY,
    'late January',
    { value: '2024-01', precision: 'month', range: ['2024-01-21', '2024-01-31'] },
  ],
  [
    'Prices fell in mid-January after the thaw.',
    THURSDAY,
    'mid-January',
    { value: '2024-01', range: ['2024-01-11', '2024-01-20'] },
  ],
  [
    'Prices fell in early January after the thaw.',
    THURSDAY,
    'early January',
    { value: '2024-01', range: ['2024-01-01', '2024-01-10'] },
  ],
  [
    'The pilots struck last week over pay.',
    THURSDAY,
    'last week',
    { value: '2024-W05', precision: 'week', range: ['2024-01-29', '2024-02-04'] },
  ],
  [
    'Talks resumed this week in the capital.',
    THURSDAY,
    'this week',
    { value: '2024-W06', range: ['2024-02-05', '2024-02-11'] },
  ],
  [
    'The dam burst yesterday morning.',
    THURSDAY,
    'yesterday morning',
    { value: '2024-02-07TMO', type: 'TIME' },
  ],
  [
    'The dam burst yesterday after heavy rain.',
    THURSDAY,
    'yesterday',
    { value: '2024-02-07', precision: 'day' },
  ],
  ['The mayor spoke today at the town hall.', THURSDAY, 'today', { value: '2024-02-08' }],
  [
    'Sales slumped last month across the region.',
    THURSDAY,
    'last month',
    { value: '2024-01', precision: 'month', range: ['2024-01-01', '2024-01-31'] },
  ],
  ['The bank was fined last year for fraud.', THURSDAY, 'last year', { value: '2023', precision: 'year' }],
  [
    'The truck overturned two days ago on the highway.',
    THURSDAY,
    'two days ago',
    { value: '2024-02-06', precision: 'day' },
  ],
  [
    'The mill closed in 2023 after a fire.',
    THURSDAY,
    '2023',
    { value: '2023', precision: 'year', relative: false },
  ],
  [
    'Crime fell sharply in the 1990s in the city.',
    THURSDAY,
    'the 1990s',
    { value: '199', precision: 'decade' },
  ],
  ['The canal will reopen this spring.', THURSDAY, 'this spring', { value: '2024-SP', precision: 'season' }],
  [
    'Revenue grew in the third quarter of 2023.',
    THURSDAY,
    'the third quarter of 2023',
    { value: '2023-Q3', precision: 'quarter' },
  ],
  ['Revenue grew in the third quarter, the firm said.', THURSDAY, 'the third quarter', { value: '2023-Q3' }],
  [
    'Shops have been busy earlier this month.',
    THURSDAY,
    'earlier this month',
    { value: '2024-02', range: ['2024-02-01', '2024-02-07'] },
  ],
  ['The summit will open next Tuesday.', THURSDAY, 'next Tuesday', { value: '2024-02-13' }],
  [
    'Shots were heard Tuesday night near the depot.',
    THURSDAY,
    'Tuesday night',
    { value: '2024-02-06TNI', type: 'TIME', precision: 'time' },
  ],
  [
    'The polls closed at 3 p.m. on schedule.',
    THURSDAY,
    '3 p.m.',
    { value: '2024-02-08T15:00', type: 'TIME' },
  ],
  [
    'The meeting began at 10:30 a.m. Tuesday.',
    THURSDAY,
    '10:30 a.m. Tuesday',
    { value: '2024-02-06T10:30', type: 'TIME' },
  ],
  [
    'The siege lasted three years before the truce.',
    THURSDAY,
    'three years',
    { value: 'P3Y', type: 'DURATION', precision: 'duration' },
  ],
  ['He signed a two-year contract.', THURSDAY, 'two-year', { value: 'P2Y', type: 'DURATION' }],
  [
    'Exports fell over the past two months.',
    THURSDAY,
    'the past two months',
    { value: 'P2M', type: 'DURATION' },
  ],
  ['The guards are changed every week at the fort.', THURSDAY, 'every week', { value: 'P1W', type: 'SET' }],
  ['The ferry runs daily to the island.', THURSDAY, 'daily', { value: 'P1D', type: 'SET' }],
  [
    'The club meets each Thursday in the hall.',
    THURSDAY,
    'each Thursday',
    { value: 'XXXX-WXX-4', type: 'SET' },
  ],
  ['Output is now higher than before.', THURSDAY, 'now', { value: 'PRESENT_REF', relative: false }],
  [
    'The plant was sold a year ago to investors.',
    THURSDAY,
    'a year ago',
    { value: '2023', precision: 'year' },
  ],
  [
    'In the 20th century the town grew fast.',
    THURSDAY,
    'the 20th century',
    { value: '19', precision: 'century' },
  ],
  [
    'The river froze in the winter of 1995 again.',
    THURSDAY,
    'the winter of 1995',
    { value: '1995-WI', precision: 'season' },
  ],
  [
    'The tower was built in March 1998 by the firm.',
    THURSDAY,
    'March 1998',
    { value: '1998-03', precision: 'month', relative: false },
  ],
  [
    'Exports rose at the end of 2022 again.',
    THURSDAY,
    'the end of 2022',
    { value: '2022', range: ['2022-09-01', '2022-12-31'] },
  ],
  ['The fair was held last November in the park.', THURSDAY, 'last November', { value: '2023-11' }],
  ['The vote took place Sunday, Feb. 4, in the north.', THURSDAY, 'Sunday, Feb. 4', { value: '2024-02-04' }],
  ['The firm reported results for fiscal 2023 today.', THURSDAY, 'fiscal 2023', { value: '2023' }],
  ['Turnout was low in 2019, about 40 percent.', THURSDAY, '2019', { value: '2019' }],
  ['The storm hit on Wednesday.', '2024-02-07', 'Wednesday', { value: '2024-02-07' }],
  ['The deadline is Dec. 15 for all bids.', '2023-10-26', 'Dec. 15', { value: '2023-12-15' }],
  [
    'The plant opened in January this year.',
    THURSDAY,
    'January this year',
    { value: '2024-01', precision: 'month' },
  ],
  ['The plant opened in June last year.', THURSDAY, 'June last year', { value: '2023-06' }],
  ['Profit rose in the quarter ended Sept. 30.', '2023-10-26', 'the quarter', { value: '2023-Q3' }],
  ['Profit rose in the latest quarter.', '2023-10-26', 'the latest quarter', { value: '2023-Q3' }],
  [
    'Sales rose in the third quarter. They fell a year earlier.',
    '2023-10-26',
    'a year earlier',
    { value: '2022-Q3' },
  ],
  [
    'Sales in next year’s first quarter may fall.',
    '2023-10-26',
    'next year’s first quarter',
    { value: '2024-Q1' },
  ],
  ['The repair took 2 1/2 years to finish.', THURSDAY, '2 1/2 years', { value: 'P2Y6M', type: 'DURATION' }],
  ['The vote lasted 5 1/2 hours in all.', THURSDAY, '5 1/2 hours', { value: 'PT5H30M' }],
  [
    'Crowds gathered over the weekend downtown.',
    THURSDAY,
    'the weekend',
    { value: '2024-W05-WE', range: ['2024-02-03', '2024-02-04'] },
  ],
  ['The strike ended nearly two years ago.', THURSDAY, 'nearly two years ago', { value: '2022' }],
  ['The talks went on for a six year period.', THURSDAY, 'six year', { value: 'P6Y', type: 'DURATION' }],
  ['The trial took a year and a half.', THURSDAY, 'a year and a half', { value: 'P1Y6M', type: 'DURATION' }],
  ['The case ran two and a half years.', THURSDAY, 'two and a half years', { value: 'P2Y6M' }],
  [
    'The market closed at 18:00 UTC as usual.',
    THURSDAY,
    '18:00 UTC',
    { value: '2024-02-08T18:00Z', type: 'TIME' },
  ],
  ['Rebels have held the pass for years.', THURSDAY, 'years', { value: 'PXY', type: 'DURATION' }],
  ['Rents have climbed in recent months.', THURSDAY, 'recent months', { value: 'PXM', type: 'DURATION' }],
  ['The plan saves $5 million a year for the city.', THURSDAY, 'a year', { value: 'P1Y', type: 'SET' }],
  [
    'Unrest grew in the late 1960s.',
    THURSDAY,
    'the late 1960s',
    { value: '196', precision: 'decade', range: ['1967-01-01', '1969-12-31'] },
  ],
  ['The fleet sailed in the first half of 2022.', THURSDAY, 'the first half of 2022', { value: '2022-H1' }],
  ['Wages rose 3% in Q4 2023.', THURSDAY, 'Q4 2023', { value: '2023-Q4' }],
  [
    'The blast at 10am on Saturday killed two.',
    THURSDAY,
    '10am',
    { value: '2024-02-03T10:00', type: 'TIME' },
  ],
  ['The blast at 10am on Saturday killed two.', THURSDAY, 'Saturday', { value: '2024-02-03', type: 'DATE' }],
  [
    'Police arrived at 10:30pm last Thursday.',
    THURSDAY,
    '10:30pm last Thursday',
    { value: '2024-02-01T22:30' },
  ],
  ['He left at 7.15am by train.', THURSDAY, '7.15am', { value: '2024-02-08T07:15' }],
  ['The form is dated 13/02/2024 in ink.', THURSDAY, '13/02/2024', { value: '2024-02-13', relative: false }],
  [
    'The summit on Feb. 7-8 ended badly.',
    THURSDAY,
    'Feb. 7-8',
    { value: '2024-02-07', range: ['2024-02-07', '2024-02-08'] },
  ],
  ['Protests resumed this past weekend.', THURSDAY, 'this past weekend', { value: '2024-W05-WE' }],
  [
    'The jet landed at 0800 UTC on the strip.',
    THURSDAY,
    '0800 UTC',
    { value: '2024-02-08T08:00Z', type: 'TIME' },
  ],
  [
    'Profits will rise by the end of the year.',
    THURSDAY,
    'the end of the year',
    { value: '2024', range: ['2024-09-01', '2024-12-31'] },
  ],
  ['The ban stays for two more weeks.', THURSDAY, 'two more weeks', { value: 'P2W' }],
  ['The band split in ’82 after a tour.', THURSDAY, '’82', { value: '1982' }],
  ['Shops closed on Christmas Eve early.', THURSDAY, 'Christmas Eve', { value: '2023-12-24' }],
  [
    'The march was held at Easter 2023 in the square.',
    THURSDAY,
    'Easter 2023',
    { value: '2023-04-09', relative: false },
  ],
  ['Families met at Thanksgiving last year.', THURSDAY, 'Thanksgiving last year', { value: '2023-11-23' }],
  [
    'The dam failed on Jan. 20. The next day, crews arrived.',
    THURSDAY,
    'The next day',
    { value: '2024-01-21' },
  ],
  [
    'The dam failed on Jan. 20. Three days later, crews arrived.',
    THURSDAY,
    'Three days later',
    { value: '2024-01-23' },
  ],
  [
    'The mill shut in March 2020; the following year it reopened.',
    THURSDAY,
    'the following year',
    { value: '2021' },
  ],
  ['The envoy arrived on Tuesday last week.', THURSDAY, 'Tuesday last week', { value: '2024-01-30' }],
  [
    'The 2014-2016 drought ruined farms.',
    THURSDAY,
    '2014-2016',
    { value: '2014', range: ['2014-01-01', '2016-12-31'] },
  ],
  [
    'The 2020–21 season was cut short.',
    THURSDAY,
    '2020–21',
    { value: '2020', range: ['2020-01-01', '2021-12-31'] },
  ],
  ['The envoy will arrive on Friday of next week.', THURSDAY, 'Friday of next week', { value: '2024-02-16' }],
  [
    'Footage from November 2015 shows the chase.',
    THURSDAY,
    'November 2015',
    { value: '2015-11', relative: false },
  ],
  [
    'The shooting happened Monday around 10:45 p.m. outside.',
    THURSDAY,
    '10:45 p.m.',
    { value: '2024-02-05T22:45' },
  ],
  [
    'The call came at 12:17 Saturday morning from a caller.',
    THURSDAY,
    '12:17 Saturday morning',
    { value: '2024-02-03T12:17' },
  ],
  ['The 30-day truce held.', THURSDAY, '30-day', { value: 'P30D', type: 'DURATION' }],
  ['Sales fell in the last half of 2022.', THURSDAY, 'the last half of 2022', { value: '2022-H2' }],
  ['Talks may resume in the near future.', THURSDAY, 'the near future', { value: 'FUTURE_REF' }],
  ['Profit in the 2022 second quarter fell.', THURSDAY, 'the 2022 second quarter', { value: '2022-Q2' }],
  ['A few days later, the rebels withdrew.', THURSDAY, 'A few days', { value: 'PXD', type: 'DURATION' }],
  [
    'Fans queued early last weekend.',
    THURSDAY,
    'early last weekend',
    { value: '2024-W05-WE', range: ['2024-02-03', '2024-02-04'] },
  ],
  ['In the past, the river flooded.', THURSDAY, 'the past', { value: 'PAST_REF' }],
  ['Nobody knows what the future holds.', THURSDAY, 'the future', { value: 'FUTURE_REF' }],
]

describe('dates: expressions resolved against the publication date', () => {
  for (const [sentence, published, expression, expected] of CASES) {
    test(`${expression} in "${sentence}" (${published ?? 'no date'})`, () => {
      const doc = analyse(sentence, published)
      const found = doc.dates?.find((d) => d.text === expression)
      assert.ok(found, `expected "${expression}", found ${JSON.stringify(doc.dates?.map((d) => d.text))}`)
      const { range, ...rest } = expected
      for (const [key, value] of Object.entries(rest)) {
        assert.equal(found[key as keyof DateMention], value, `${key} of "${expression}"`)
      }
      if (range) assert.deepEqual(found.range, { start: range[0], end: range[1] })
    })
  }
})

// Text that holds no temporal expression, or words that only look like one.
const NEGATIVES: [string, string][] = [
  ['May I ask a question?', 'May'],
  ['The troops march north at dawn.', 'march'],
  ['Some 2000 troops crossed the border.', '2000'],
  ['The fund raised $1999 from donors.', '1999'],
  ['The sun rose over the hills.', 'sun'],
  ['He was the second speaker.', 'second'],
  ['The fall of the city shocked many.', 'fall'],
  ['Prices are expected to fall sharply.', 'fall'],
  ['Ministers Anna Berg and Jan Novak signed the pact.', 'Jan'],
  ['Mr. Lowe, 52 years old, will retire.', '52 years'],
  ['Rivals hold more than a quarter of the market.', 'quarter'],
  ['The bank reported a quarterly loss.', 'quarterly'],
  ['She won a second term easily.', 'second'],
  ['Most voters are in their 70s now.', '70s'],
  ['Stores slashed prices on Black Friday again.', 'Friday'],
  ['The Sunday Times ran the story first.', 'Sunday'],
  ['Flight 1549 landed on the river.', '1549'],
  ['She leaves aunts and uncles, April (Dennis) Smith and others.', 'April'],
  ['A 14-year old girl was hurt.', '14-year'],
  ['The photo ran in the Naples Daily News on Sunday.', 'Daily'],
  ['The past president spoke first.', 'past'],
  ['The future king visited the city.', 'future'],
  ['She drank from a hot spring near the hills.', 'spring'],
  ['They wed in Paris.', 'wed'],
  ['Shots rang out in the 1400 block of Elm Road.', '1400'],
  ['The party was held at 1700 Almeda Street downtown.', '1700'],
  ['Police gathered around March Street overnight.', 'March'],
]

describe('dates: words that are not dates', () => {
  for (const [sentence, word] of NEGATIVES) {
    test(`"${word}" in "${sentence}"`, () => {
      const doc = analyse(sentence, THURSDAY)
      assert.equal(
        doc.dates?.some((d) => d.text.includes(word)),
        false,
        JSON.stringify(doc.dates),
      )
    })
  }
})

describe('dates: without a publication date', () => {
  // [sentence, expression]
  const RELATIVE: [string, string][] = [
    ['The ferry sank on Wednesday.', 'Wednesday'],
    ['The ferry sank on Jan. 28 in fog.', 'Jan. 28'],
    ['The ferry sank last week in fog.', 'last week'],
    ['The ferry sank yesterday in fog.', 'yesterday'],
    ['The ferry sank two days ago in fog.', 'two days ago'],
  ]
  for (const [sentence, expression] of RELATIVE) {
    test(`"${expression}" is unresolved and reported`, () => {
      const doc = analyse(sentence)
      const found = doc.dates?.find((d) => d.text === expression)
      assert.ok(found, JSON.stringify(doc.dates))
      assert.equal(found.value, null)
      assert.equal(found.relative, true)
      const message = doc.messages.find(
        (m) => m.rule === 'dates/unresolved' && m.span?.start === found.span.start,
      )
      assert.ok(message, JSON.stringify(doc.messages))
      assert.equal(message.severity, 'info')
    })
  }
  test('absolute dates still resolve and are not reported', () => {
    const doc = analyse('The ferry sank on January 28, 2024, in fog.')
    assert.equal(doc.dates?.[0]?.value, '2024-01-28')
    assert.equal(doc.messages.length, 0)
  })
  test('a malformed publication date is a warning, not an exception', () => {
    const doc = analyse('The ferry sank on Wednesday.', 'last Tuesday')
    assert.equal(doc.dates?.[0]?.value, null)
    assert.ok(doc.messages.some((m) => m.rule === 'dates/bad-published' && m.severity === 'warning'))
  })
})

describe('dates: the fallback publication date option', () => {
  test('is used only when the doc has none', () => {
    const pipeline = createPipeline([tokenize(), segment(), dates({ fallbackPublished: THURSDAY })])
    const doc = pipeline(makeDoc({ text: 'It rained yesterday.', meta: { source: 'test' } }))
    assert.equal(doc.dates?.[0]?.value, '2024-02-07')
    const own = pipeline(
      makeDoc({ text: 'It rained yesterday.', meta: { source: 'test', published: '2020-05-05' } }),
    )
    assert.equal(own.dates?.[0]?.value, '2020-05-04')
  })
})

// Pieces of temporal language, glued at random with filler, to check that any mix keeps the invariants.
const PIECES = [
  'last',
  'next',
  'this',
  'the',
  'early',
  'late',
  'mid-',
  'Jan.',
  'May',
  'March',
  '28',
  '28th',
  '2024',
  "'98",
  '1990s',
  'Wednesday',
  '’s',
  'night',
  'morning',
  'p.m.',
  '3',
  ':',
  '30',
  'a',
  'year',
  'years',
  'ago',
  'earlier',
  'quarter',
  'third-quarter',
  'half',
  'and',
  'every',
  'week',
  'daily',
  'now',
  'recent',
  'for',
  'in',
  'of',
  ',',
  '.',
  '/',
  '-',
  'fiscal',
  'the end of',
  'two',
  'several',
  'UTC',
  'spring',
  'fall',
  'weekend',
  'Q3',
  '1/2',
  'more than',
  'nearly',
  '\n',
  'Feb.',
  '29',
  '30',
  '31',
  'Christmas',
  'Easter',
  '2023',
  'Tuesday',
  'later',
  'next day',
]

describe('dates: invariants on random temporal word salad', () => {
  test('never throws, spans match their text, values are ISO-like or null', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 30 }),
        fc.constantFrom(THURSDAY, undefined, '1999-12-31', '2020-02-29'),
        (words, published) => {
          const doc = analyse(words.join(' '), published)
          for (const d of doc.dates ?? []) {
            assert.ok(d.span.end > d.span.start)
            if (d.value !== null) assert.match(d.value, /^(P|X|\d|[A-Z]+_REF)/)
            if (d.range) assert.ok(d.range.start <= d.range.end, JSON.stringify(d))
            const day = /^(\d{4}-\d{2}-\d{2})/.exec(d.value ?? '')
            if (day)
              assert.equal(
                new Date(`${day[1]}T00:00:00Z`).toISOString().slice(0, 10),
                day[1],
                JSON.stringify(d),
              )
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
