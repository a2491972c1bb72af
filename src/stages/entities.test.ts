import assert from 'node:assert/strict'
import { describe, it, test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { assertDoc } from '../model/invariants.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { entities } from './entities.ts'
import { type Tag, trainTagger } from './entity-tagger.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), entities()])
const mentionsOf = (text: string): string[] =>
  (run(makeDoc({ text, meta: { source: 'test.txt' } })).mentions ?? []).map((m) => `${m.text}/${m.type}`)

// Made-up sentences; the shipped model should find these common patterns.
describe('entities stage with the shipped model', () => {
  const cases: [string, string[]][] = [
    ['Jane Morrow flew to Paris on Monday.', ['Jane Morrow/PERSON', 'Paris/GPE']],
    ['The French government said Germany would help.', ['French/NORP', 'Germany/GPE']],
    ['Officials at the United Nations met in Nairobi.', ['United Nations/ORG', 'Nairobi/GPE']],
    [
      'Heavy rain fell across Europe and the Middle East, officials in Vienna said.',
      ['Europe/LOC', 'Middle East/LOC', 'Vienna/GPE'],
    ],
  ]
  for (const [text, expected] of cases) {
    it(text, () => {
      const got = mentionsOf(text)
      for (const e of expected) assert.ok(got.includes(e), `expected ${e} in ${got.join(', ')}`)
    })
  }

  it('types every name of a list by its class noun ("firms including A, B and C", "A, B and other carmakers")', () => {
    const got = mentionsOf(
      'Tech firms including Vantrel, Oskora and Pemberly rallied, as did Quillo, Darnet and other carmakers. ' +
        'Countries such as Velmora and Ostravia protested.',
    )
    for (const e of [
      'Vantrel/ORG',
      'Oskora/ORG',
      'Pemberly/ORG',
      'Quillo/ORG',
      'Darnet/ORG',
      'Velmora/GPE',
      'Ostravia/GPE',
    ]) {
      assert.ok(got.includes(e), `expected ${e} in ${got.join(', ')}`)
    }
  })

  it('keeps a remit after "of" in an institution\'s name ("Department of Justice"), and drops a title after a name', () => {
    const got = mentionsOf(
      'The Dellport Department of Justice and the Quarnby Department of Criminal Justice said the Vantrel Bank CEO resigned.',
    )
    for (const e of ['Dellport Department of Justice/ORG', 'Quarnby Department of Criminal Justice/ORG']) {
      assert.ok(got.includes(e), `expected ${e} in ${got.join(', ')}`)
    }
    assert.ok(!got.some((m) => m.startsWith('Vantrel Bank CEO')), got.join(', '))
  })

  it('reads the name after "Minister of Justice" or "Secretary of State for Health" as the official, not the remit', () => {
    const got = mentionsOf(
      'Minister of Justice Orla Venner met Secretary of State for Health Piet Daskel in Quarnby on Monday.',
    )
    for (const e of ['Orla Venner/PERSON', 'Piet Daskel/PERSON']) {
      assert.ok(got.includes(e), `expected ${e} in ${got.join(', ')}`)
    }
    assert.ok(!got.some((m) => m.startsWith('Justice') || m.startsWith('Health')), got.join(', '))
  })

  it('reads a dateline as a place, and the same name elsewhere in the text as that place', () => {
    const got = mentionsOf('Teen hurt\n\nNORTH QUARNBY (KXYZ) – A teen was hurt in North Quarnby on Friday.')
    assert.ok(got.includes('NORTH QUARNBY/GPE'), got.join(', '))
    assert.ok(got.includes('North Quarnby/GPE'), got.join(', '))
  })

  it('reads a name with an age as a person, whatever its last word ("21-year-old Tom Parish", "Ann Borough, 34,")', () => {
    const got = mentionsOf(
      'Police say 21-year-old Tom Parish fled. Ann Borough, 34, was arrested in Calcasieu Parish.',
    )
    for (const e of ['Tom Parish/PERSON', 'Ann Borough/PERSON', 'Calcasieu Parish/GPE'])
      assert.ok(got.includes(e), `expected ${e} in ${got.join(', ')}`)
  })

  it('leaves titles out of names and reads the employer before a title', () => {
    const got = mentionsOf(
      'Acme Corp CEO Jane Morrow met Spokeswoman Lia Brandt and Gen. Paul Ortiz in Paris.',
    )
    for (const e of ['Acme Corp/ORG', 'Jane Morrow/PERSON', 'Lia Brandt/PERSON', 'Paul Ortiz/PERSON']) {
      assert.ok(got.includes(e), `expected ${e} in ${got.join(', ')}`)
    }
    assert.ok(!got.some((m) => /CEO|Spokeswoman|Gen\./.test(m)), got.join(', '))
  })

  it('does not split names that begin with a word used as a title', () => {
    const got = mentionsOf('Workers at General Motors went on strike, Prime Minister Rishi Sunak said.')
    assert.ok(got.includes('General Motors/ORG'), got.join(', '))
    assert.ok(got.includes('Rishi Sunak/PERSON'), got.join(', '))
  })

  it('keeps mention text equal to its span and the doc valid', () => {
    const text = 'Doctors’ union chief Mira Soto told Reuters that Kenya’s health ministry was “slow”.'
    const doc = run(makeDoc({ text, meta: { source: 'test.txt' } }))
    assertDoc(doc)
    assert.ok((doc.mentions ?? []).length > 0)
    for (const m of doc.mentions ?? []) assert.equal(m.text, text.slice(m.span.start, m.span.end))
    assert.ok(mentionsOf(text).includes('Kenya/GPE'))
  })

  it('never starts or ends a mention with punctuation, even when the tagger takes some in', () => {
    // A tiny made-up model that learned to tag "!" as part of a name.
    const sentences = [
      { words: ['Zorbia', '!', 'cried', 'Elna', '.'], tags: ['B-LOC', 'I-LOC', 'O', 'B-PER', 'O'] as Tag[] },
      { words: ['Quarn', '!', 'said', 'Elna', '.'], tags: ['B-LOC', 'I-LOC', 'O', 'B-PER', 'O'] as Tag[] },
    ]
    const model = trainTagger([sentences], { bits: 12, epochs: 5 })
    const text = 'Zorbia! cried Elna.'
    const doc = createPipeline([tokenize(), segment(), entities({ model })])(
      makeDoc({ text, meta: { source: 't' } }),
    )
    assert.deepEqual(
      (doc.mentions ?? []).map((m) => m.text),
      ['Zorbia', 'Elna'],
    )
  })

  it('reports a message instead of throwing when tokens are missing', () => {
    const doc = makeDoc({ text: 'Nothing here.', meta: { source: 'test.txt' } })
    const messages: string[] = []
    const result = entities().run(doc, { report: (m) => messages.push(m.rule) })
    assert.deepEqual(result, [])
    assert.deepEqual(messages, ['entities:no-input'])
  })
})

test('headline names are kept only when the article names them too', async () => {
  const { confirmHeadlineMentions } = await import('./entities.ts')
  const text = 'Storm at Least Hits Northport Harbour Bay\nThe storm hit Northport on Monday.'
  const at = (s: string, from = 0) => {
    const start = text.indexOf(s, from)
    return { span: { start, end: start + s.length }, text: s, type: 'GPE' as const }
  }
  const mentions = [at('Least'), at('Northport Harbour Bay'), at('Northport', 40)]
  const kept = confirmHeadlineMentions(text, mentions, [true, true, false])
  assert.deepEqual(
    kept.map((m) => [m.text, m.span.start]),
    [
      ['Northport', text.indexOf('Northport')],
      ['Northport', text.indexOf('Northport', 40)],
    ],
  )
  for (const m of kept) assert.equal(text.slice(m.span.start, m.span.end), m.text)
  // An article that is all headline keeps what the tagger found.
  assert.equal(confirmHeadlineMentions(text, mentions.slice(0, 2), [true, true]).length, 2)
})

test('AP-style title-case headlines are read as carrying no case information', async () => {
  const { sentenceMode, MODE_UPPER } = await import('./entity-tagger.ts')
  const cases: [string, boolean][] = [
    ['Drone Strike on Harbour Depot Kills at Least 12', true],
    ['Attacks On US Troops Resume', true],
    ['The mayor of Northport said on Monday that the port would reopen', false],
    ['Manchester United 2 Arsenal 1', false],
  ]
  for (const [sentence, upper] of cases) {
    assert.equal(sentenceMode(sentence.split(' ')).mode === MODE_UPPER, upper, sentence)
  }
})
