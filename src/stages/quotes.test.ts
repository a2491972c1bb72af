import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { assertDoc } from '../model/invariants.ts'
import type { Doc, Mention } from '../model/types.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { findQuoteRegions, quotes } from './quotes.ts'
import { segment } from './segment.ts'
import { tokenize, tokenizeText } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), quotes()])
const analyse = (text: string, mentions?: Mention[]): Doc => {
  const doc = makeDoc({ text, meta: { source: 'test' } })
  if (mentions) doc.mentions = mentions
  run(doc)
  assertDoc(doc)
  return doc
}
const slice = (doc: Doc, span?: { start: number; end: number }): string | undefined =>
  span && doc.text.slice(span.start, span.end)
const summary = (doc: Doc) =>
  (doc.quotes ?? []).map((q) => ({
    speaker: q.speaker?.text,
    cue: slice(doc, q.cue),
    content: slice(doc, q.content),
    direct: q.direct,
  }))

// All made-up text: invented people, towns and events.
describe('quotes', () => {
  const cases: [string, string, { speaker?: string; cue?: string; content: string; direct: boolean }[]][] = [
    [
      'cue after, speaker first',
      '“The bridge will reopen in May,” Mayor Ana Ruiz said.',
      [{ speaker: 'Mayor Ana Ruiz', cue: 'said', content: 'The bridge will reopen in May', direct: true }],
    ],
    [
      'cue after, inverted with appositive',
      '"We are not worried," said Tom Vale, a spokesman for the port.',
      [{ speaker: 'Tom Vale', cue: 'said', content: 'We are not worried', direct: true }],
    ],
    [
      'cue before with colon',
      'Ruiz said: “The ferry runs on time.”',
      [{ speaker: 'Ruiz', cue: 'said', content: 'The ferry runs on time.', direct: true }],
    ],
    [
      'document as speaker through a container noun',
      '“The harbour is closed,” a translation of the statement reads.',
      [{ speaker: 'the statement', cue: 'reads', content: 'The harbour is closed', direct: true }],
    ],
    [
      'indirect with that',
      'The council said that the vote was delayed.',
      [{ speaker: 'The council', cue: 'said', content: 'the vote was delayed', direct: false }],
    ],
    [
      'indirect told reporters',
      'Officials told reporters on Monday that the dam held.',
      [{ speaker: 'Officials', cue: 'told', content: 'the dam held', direct: false }],
    ],
    [
      'according to, first',
      'According to the Harbor Times, the ferry was late.',
      [{ speaker: 'the Harbor Times', cue: 'According to', content: 'the ferry was late', direct: false }],
    ],
    [
      'according to, last',
      'The ferry was late, according to port officials.',
      [{ speaker: 'port officials', cue: 'according to', content: 'The ferry was late', direct: false }],
    ],
    [
      'according to, in the middle',
      'Now, according to recent polls, some voters in Eastport are wavering.',
      [
        {
          speaker: 'recent polls',
          cue: 'according to',
          content: 'some voters in Eastport are wavering',
          direct: false,
        },
      ],
    ],
    [
      'hearer without that',
      'Ruiz told the council members she would run again.',
      [{ speaker: 'Ruiz', cue: 'told', content: 'she would run again', direct: false }],
    ],
    [
      'told with a plain object keeps it',
      'Ruiz told a story about the harbour.',
      [{ speaker: 'Ruiz', cue: 'told', content: 'a story about the harbour', direct: false }],
    ],
    [
      'cue at the end',
      'The ferry sank near the pier, a government spokesman said.',
      [
        {
          speaker: 'a government spokesman',
          cue: 'said',
          content: 'The ferry sank near the pier',
          direct: false,
        },
      ],
    ],
    [
      'accused / denied / vowed',
      'The union accused the mayor of lying. The mayor denied the charge. Strikers vowed to return.',
      [
        { speaker: 'The union', cue: 'accused', content: 'the mayor of lying', direct: false },
        { speaker: 'The mayor', cue: 'denied', content: 'the charge', direct: false },
        { speaker: 'Strikers', cue: 'vowed', content: 'to return', direct: false },
      ],
    ],
    [
      'appositive subject of indirect quote',
      'Ruiz, the mayor of Eastport, said the funds had arrived.',
      [{ speaker: 'Ruiz', cue: 'said', content: 'the funds had arrived', direct: false }],
    ],
    [
      'adjunct before the speaker',
      'After the meeting Ruiz said the plan was dead.',
      [{ speaker: 'Ruiz', cue: 'said', content: 'the plan was dead', direct: false }],
    ],
    [
      'second cue sharing the subject',
      'Ruiz said the budget was tight but added, “We will manage.”',
      [
        { speaker: 'Ruiz', cue: 'said', content: 'the budget was tight', direct: false },
        { speaker: 'Ruiz', cue: 'added', content: 'We will manage.', direct: true },
      ],
    ],
    [
      'participle after a comma takes the subject',
      'The port authority issued a statement, saying the pier was safe.',
      [{ speaker: 'The port authority', cue: 'saying', content: 'the pier was safe', direct: false }],
    ],
    [
      'named appositive is the speaker',
      'The club’s treasurer, Lena Holm, said the accounts were in order.',
      [{ speaker: 'Lena Holm', cue: 'said', content: 'the accounts were in order', direct: false }],
    ],
    [
      'leading adjunct is not content',
      'Earlier, in her speech, Holm said the club would grow.',
      [{ speaker: 'Holm', cue: 'said', content: 'the club would grow', direct: false }],
    ],
    [
      'reduced relative before the cue',
      'The report released Monday said the harbour was silting up.',
      [{ speaker: 'The report', cue: 'said', content: 'the harbour was silting up', direct: false }],
    ],
    [
      'time adjunct after the speaker',
      'The ferry company on Tuesday said that fares would rise.',
      [{ speaker: 'The ferry company', cue: 'said', content: 'fares would rise', direct: false }],
    ],
    [
      'headline in title case',
      'Mayor Ruiz Says Bridge Will Reopen Soon\n\nThe bridge is closed.',
      [{ speaker: 'Mayor Ruiz', cue: 'Says', content: 'Bridge Will Reopen Soon', direct: false }],
    ],
    [
      'a mistyped closing mark is read by its spacing',
      '“The tide is turning today,“ the captain said.',
      [{ speaker: 'the captain', cue: 'said', content: 'The tide is turning today', direct: true }],
    ],
    ['adjective before a cue noun is no speaker', 'Vale made wildly bigoted claims about the town.', []],
    [
      'indirect question keeps its wh-word',
      'Pollsters asked voters whether the mayor was honest.',
      [{ speaker: 'Pollsters', cue: 'asked', content: 'whether the mayor was honest', direct: false }],
    ],
    [
      'headline with a colon',
      'Ruiz: The Bridge Will Reopen in Spring\n\nThe bridge is shut.',
      [{ speaker: 'Ruiz', cue: ':', content: 'The Bridge Will Reopen in Spring', direct: false }],
    ],
    [
      'headings with a colon are not speakers',
      'Big Win For Eastport: Council Holds Off On Vote\n\nContributing: Ana Ruiz, Tom Vale and Lena Holm\n\nUPDATE: The Vote Was Held Today',
      [],
    ],
    [
      'stance verb',
      'The union rejected the offer from the port.',
      [{ speaker: 'The union', cue: 'rejected', content: 'the offer from the port', direct: false }],
    ],
    [
      'quoted fragment at the end of a paraphrase',
      'The files were kept in a “burn bag,” the paper reported.',
      [
        {
          speaker: 'the paper',
          cue: 'reported',
          content: 'The files were kept in a “burn bag,”',
          direct: false,
        },
      ],
    ],
    [
      'quoted fragment inside a paraphrase after that',
      'The council said that “grave errors” were made in the plan.',
      [
        {
          speaker: 'The council',
          cue: 'said',
          content: '“grave errors” were made in the plan',
          direct: false,
        },
      ],
    ],
    [
      'hearer after a quote ending its sentence',
      '“Get ready for a long night!” she told the crowd.',
      [{ speaker: 'she', cue: 'told', content: 'Get ready for a long night!', direct: true }],
    ],
    [
      'long adjunct after the cue',
      '“It was made up,” he said of the claim during a call to a radio show.',
      [{ speaker: 'he', cue: 'said', content: 'It was made up', direct: true }],
    ],
    [
      'name before its description',
      '“We are ready,” Tom Vale, Mayor of Eastport, said.',
      [{ speaker: 'Tom Vale', cue: 'said', content: 'We are ready', direct: true }],
    ],
    [
      'manner-of-speaking verb',
      '“Nobody believes that,” scoffed Ana Ruiz, a council member.',
      [{ speaker: 'Ana Ruiz', cue: 'scoffed', content: 'Nobody believes that', direct: true }],
    ],
    [
      'participle clause before the speaker',
      'Speaking on a radio show last week, Vale said the port would reopen.',
      [{ speaker: 'Vale', cue: 'said', content: 'the port would reopen', direct: false }],
    ],
    [
      'party and state in parentheses',
      'Sen. Ann Lee (D-Ore.) said she will release her records.',
      [
        {
          speaker: 'Sen. Ann Lee (D-Ore.)',
          cue: 'said',
          content: 'she will release her records',
          direct: false,
        },
      ],
    ],
    [
      'quantified speaker after the cue',
      'The vote was closer than expected, said several observers.',
      [
        {
          speaker: 'several observers',
          cue: 'said',
          content: 'The vote was closer than expected',
          direct: false,
        },
      ],
    ],
    ['scare quote is not a quote', 'Critics mocked the so-called “experts” on the panel.', []],
    ['infinitive is not a cue', 'She went online to suggest that the vote was rigged.', []],
    [
      'inverted cue opening the sentence',
      'Said Lena Holm, who grew up nearby, “We were all so proud of her.”',
      [{ speaker: 'Lena Holm', cue: 'Said', content: 'We were all so proud of her.', direct: true }],
    ],
    [
      'object pronoun between cue and quote',
      'The mayor called it “a disgrace to the whole town.”',
      [{ speaker: 'The mayor', cue: 'called', content: 'a disgrace to the whole town.', direct: true }],
    ],
    ['noun after a determiner is not a cue', 'His claims were never tested in court.', []],
    [
      'noun after a possessive is not a cue',
      'Eastland’s full-throated support for the plan surprised no one.',
      [],
    ],
    ['according to with nothing after it', 'according to “,', []],
  ]
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(summary(analyse(text)), expected))
  }

  it('continues a multi-sentence quote and resolves a pronoun to the named speaker', () => {
    const doc = analyse(
      '“We will rebuild,” Mayor Ana Ruiz said. “It will take two years.” She told reporters that funds were short.',
    )
    assert.deepEqual(summary(doc), [
      { speaker: 'Mayor Ana Ruiz', cue: 'said', content: 'We will rebuild', direct: true },
      { speaker: 'Mayor Ana Ruiz', cue: undefined, content: 'It will take two years.', direct: true },
      { speaker: 'Mayor Ana Ruiz', cue: 'told', content: 'funds were short', direct: false },
    ])
  })

  it('a quote after a sentence that names its speaker takes that speaker', () => {
    const doc = analyse(
      'Ruiz said in a statement on Friday that she would stay.\n\n“I am not going anywhere, and nor is the council.”',
    )
    assert.equal(doc.quotes?.at(-1)?.speaker?.text, 'Ruiz')
    assert.equal(doc.quotes?.at(-1)?.direct, true)
  })

  it('a colon at the end of a paragraph introduces the block quote below it', () => {
    const doc = analyse(
      'The mayor wrote on her blog:\n\n“The bridge will be rebuilt by spring, whatever it costs.”',
    )
    assert.deepEqual(summary(doc), [
      {
        speaker: 'The mayor',
        cue: 'wrote',
        content: 'The bridge will be rebuilt by spring, whatever it costs.',
        direct: true,
      },
    ])
  })

  it('resolves a pronoun to the one person the mentions name, and not when two are named', () => {
    const one = 'Ana Ruiz toured the port. She said the repairs were late.'
    const two = 'Ana Ruiz met Lena Holm at the port. She said the repairs were late.'
    const person = (text: string, name: string): Mention => {
      const start = text.indexOf(name)
      return { span: { start, end: start + name.length }, text: name, type: 'PERSON' }
    }
    assert.equal(analyse(one, [person(one, 'Ana Ruiz')]).quotes?.[0].speaker?.text, 'Ana Ruiz')
    assert.equal(
      analyse(two, [person(two, 'Ana Ruiz'), person(two, 'Lena Holm')]).quotes?.[0].speaker?.text,
      'She',
    )
  })

  it('keeps the pronoun when resolution is off', () => {
    const doc = makeDoc({
      text: 'Ruiz said the plan works. She added that it was cheap.',
      meta: { source: 'test' },
    })
    createPipeline([tokenize(), segment(), quotes({ resolvePronouns: false })])(doc)
    assert.deepEqual(
      doc.quotes?.map((q) => q.speaker?.text),
      ['Ruiz', 'She'],
    )
  })

  it('sets the speaker entity from mentions', () => {
    const text = 'Ana Ruiz said the plan works.'
    const doc = analyse(text, [
      { span: { start: 0, end: 8 }, text: 'Ana Ruiz', type: 'PERSON', entity: 'e1' },
    ])
    assert.equal(doc.quotes?.[0].speaker?.entity, 'e1')
  })

  it('quote span covers speaker, cue and content', () => {
    const doc = analyse('“Rain is coming,” said the forecaster.')
    assert.equal(slice(doc, doc.quotes?.[0].span), '“Rain is coming,” said the forecaster')
  })

  it('reports an unclosed quote as a message, not an exception', () => {
    const doc = analyse('He said: “We will not go\n\nThe next paragraph has no quote.')
    assert.ok(doc.messages.some((m) => m.rule === 'quotes/unclosed'))
  })

  it('handles an empty document', () => assert.deepEqual(analyse('').quotes, []))

  it('takes the noun a "who" clause describes as the speaker, and no sentence-opening "As"', () => {
    assert.deepEqual(
      summary(analyse('A neighbour who saw the car said the driver fled.')).map((q) => q.speaker),
      ['A neighbour'],
    )
    const opening = summary(analyse('As police arrived, officers said the road was closed.'))
    assert.ok(
      opening.every((q) => !/^As\b/.test(q.speaker ?? '')),
      JSON.stringify(opening),
    )
  })

  it('reads "declined to comment" as speech but not a figure that "declined in recent months"', () => {
    assert.deepEqual(analyse('Cases and deaths have declined in recent months across Ostravia.').quotes, [])
    assert.deepEqual(
      summary(analyse('Mayor Ilse Marr declined to comment on the closure.')).map((q) => q.speaker),
      ['Mayor Ilse Marr'],
    )
  })
})

describe('findQuoteRegions', () => {
  const cases: [string, string, string[]][] = [
    ['curly', 'A “b c” d “e”.', ['b c', 'e']],
    ['straight', 'A "b c" d "e".', ['b c', 'e']],
    [
      'paragraph-spanning quote repeats the opening mark',
      '“One two.\n\n“Three four.”',
      ['One two.', 'Three four.'],
    ],
    ['trailing comma left out', '“Yes, we can,” she said.', ['Yes, we can']],
    ['two apostrophes as a double quote', "''We will win,'' he said.", ['We will win']],
    [
      'curly single quotes, apostrophes inside',
      'A ‘don’t tread on us’ sign, the Democrats’ plan.',
      ['don’t tread on us'],
    ],
    [
      'single quotes nested in double quotes',
      '“They chanted ‘go home’ all night.”',
      ['They chanted ‘go home’ all night.'],
    ],
  ]
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const regions = findQuoteRegions(text, tokenizeText(text))
      assert.deepEqual(
        regions.map((r) => text.slice(r.inner.start, r.inner.end)),
        expected,
      )
    })
  }
})

describe('quotes and framing on arbitrary text', () => {
  it('never throw and keep every span valid', async () => {
    const fc = await import('fast-check')
    const { framing } = await import('./framing.ts')
    const all = createPipeline([tokenize(), segment(), quotes(), framing()])
    // Pieces that exercise the quote and cue logic in odd combinations.
    const piece = fc.constantFrom(
      '“',
      '”',
      '"',
      "''",
      '‘',
      '’',
      ',',
      '.',
      ':',
      '\n\n',
      ' said ',
      ' told ',
      'He',
      ' she ',
      'Ana Ruiz',
      ' the mayor ',
      ' according to ',
      ' that ',
      'so-called ',
      'regime',
      ' and added',
      ', saying ',
      'Mr.',
      ' ',
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 40 }), (parts) => {
        const doc = all(makeDoc({ text: parts.join(''), meta: { source: 'fuzz' } }))
        assertDoc(doc)
      }),
      { numRuns: 2000 },
    )
  })
})
