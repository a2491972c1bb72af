import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { assertDoc } from '../model/invariants.ts'
import type { Doc, Framing, Mention } from '../model/types.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { framing } from './framing.ts'
import { quotes } from './quotes.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), quotes(), framing()])
const analyse = (text: string, mentions?: Mention[]): Framing => {
  const doc: Doc = makeDoc({ text, meta: { source: 'test' } })
  if (mentions) doc.mentions = mentions
  run(doc)
  assertDoc(doc)
  assert.ok(doc.framing)
  return doc.framing
}

// All made-up text: invented people, towns and groups.
describe('framing: loaded words and voice', () => {
  const cases: [string, string, string[]][] = [
    ['outlet voice', 'The council slammed the blatant land grab.', ['slammed/outlet', 'blatant/outlet']],
    [
      'direct quote is the speaker’s voice',
      '“These thugs are lying,” the mayor said.',
      ['thugs/quoted', 'lying/quoted'],
    ],
    [
      'words in quotation marks are quoted even with no cue',
      'He called the rally a “disgrace” to the town.',
      ['disgrace/quoted'],
    ],
    [
      'indirect speech stays in the outlet’s voice',
      'The mayor said the regime was radical.',
      ['regime/outlet', 'radical/outlet'],
    ],
    ['plain words of conflict are not loaded', 'The attacks continued through the war.', []],
    [
      'neutral report verbs are not loaded',
      'The ministry said it carried out the inspection and announced the results.',
      [],
    ],
    ['names are not loaded words', 'Officials met Liberty Grace in Eastport.', []],
  ]
  for (const [name, text, expected] of cases) {
    it(name, () =>
      assert.deepEqual(
        analyse(text).loaded.map((l) => `${l.text}/${l.voice}`),
        expected,
      ),
    )
  }
  it('records the lexicon', () => {
    for (const l of analyse('The regime blasted the vile attack.').loaded) assert.ok(l.lexicon.length > 0)
  })
})

describe('framing: hedges', () => {
  const cases: [string, string, string[]][] = [
    [
      'hedge adverbs and modals',
      'The ferry reportedly sank and may have drifted.',
      ['reportedly/hedge', 'may/hedge'],
    ],
    [
      'distancing word and scare quotes',
      'The so-called reform was called “fair” by its backers.',
      ['so-called/distancing', '“fair”/distancing'],
    ],
    [
      'attribution, longest match',
      'According to reports, the dam held.',
      ['According to reports/attribution'],
    ],
    ['claimed distances', 'The group claimed the blast.', ['claimed/distancing']],
    ['May the month is not a hedge', 'The vote is in May.', []],
    ['nouns that look like hedges are not', 'Police said the suspect assumed a false name, no doubt.', []],
    ['a speaker quote is not a scare quote', '“Stay calm,” the chief said.', []],
  ]
  for (const [name, text, expected] of cases) {
    it(name, () =>
      assert.deepEqual(
        analyse(text).hedges.map((h) => `${h.text}/${h.kind}`),
        expected,
      ),
    )
  }
  it('hedge inside a direct quote is the speaker’s', () => {
    assert.deepEqual(
      analyse('“It could collapse at any time,” the engineer said.').hedges.map((h) => h.voice),
      ['quoted'],
    )
  })
})

describe('framing: labels', () => {
  const cases: [string, string, string[]][] = [
    [
      'pre-modifiers',
      'Rebel Northland lawmaker Jane Doe voted no.',
      ['Rebel Northland lawmaker -> Jane Doe'],
    ],
    [
      'appositive',
      'The blast killed Tom Vale, a militia commander in charge of drones, on Friday.',
      ['a militia commander in charge of drones -> Tom Vale'],
    ],
    [
      'copular',
      'The Harbor Front is an armed group affiliated with the port.',
      ['an armed group affiliated with the port -> Harbor Front'],
    ],
    [
      'backer compound',
      'Eastland-backed militia groups fired rockets.',
      ['Eastland-backed militia groups -> -'],
    ],
    ['place adjective alone is not a label', 'Rain fell across southern Northland.', []],
    [
      'a verb or object before a name is not a label',
      'Voters want to help elect Ana Ruiz after the debate Tom Vale lost.',
      [],
    ],
    [
      'description before the name',
      'The raid killed a senior Eastland militia commander, Omar al-Talib.',
      ['a senior Eastland militia commander -> Omar al-Talib'],
    ],
    [
      'a fronted place and a clause are not an appositive',
      'In Eastport, the questions will take longer to answer.',
      [],
    ],
    ['description after a preposition is a place, not a label', 'In the old harbour, Vale said nothing.', []],
    [
      'coordinated modifiers stay in the appositive',
      'Police met Tom Vale, a commander of anti-tax and anti-toll protests in Eastport, on Friday.',
      ['a commander of anti-tax and anti-toll protests in Eastport -> Tom Vale'],
    ],
  ]
  for (const [name, text, expected] of cases) {
    it(name, () =>
      assert.deepEqual(
        analyse(text).labels.map((l) => `${l.text} -> ${l.target?.text ?? '-'}`),
        expected,
      ),
    )
  }
  it('uses mentions for targets when present', () => {
    const text = 'Police chief Ana Ruiz resigned.'
    const labels = analyse(text, [
      { span: { start: 13, end: 21 }, text: 'Ana Ruiz', type: 'PERSON', entity: 'p1' },
    ]).labels
    assert.deepEqual(
      labels.map((l) => [l.text, l.target?.text, l.target?.entity]),
      [['Police chief', 'Ana Ruiz', 'p1']],
    )
  })
  it('an organisation name may modify a role, a person name may not', () => {
    const text = 'Harbor Council spokesman Tom Vale met Ana Ruiz.'
    const labels = analyse(text, [
      { span: { start: 0, end: 14 }, text: 'Harbor Council', type: 'ORG' },
      { span: { start: 25, end: 33 }, text: 'Tom Vale', type: 'PERSON' },
      { span: { start: 38, end: 46 }, text: 'Ana Ruiz', type: 'PERSON' },
    ]).labels
    assert.deepEqual(
      labels.map((l) => `${l.text} -> ${l.target?.text}`),
      ['Harbor Council spokesman -> Tom Vale'],
    )
  })
  it('a label inside a quote is in the quoted voice', () => {
    const labels = analyse('“Eastland-backed gangs run the port,” the mayor said.').labels
    assert.deepEqual(
      labels.map((l) => l.voice),
      ['quoted'],
    )
  })
})
