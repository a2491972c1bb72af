/**
 * Context typing of names the gazetteers do not know. Every sentence is made up for these tests;
 * names like "Quarnby" and "Zorvex" are invented so that neither the tagger nor the gazetteers know them.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { EntityType } from '../model/types.ts'
import { createPipeline } from '../pipeline/stage.ts'
import {
  contextCue,
  entities,
  namesFromTags,
  nationalityShaped,
  placeWordBefore,
  type TaggedName,
  typeNamesInContext,
} from './entities.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

/** Splits on spaces and finds the name (its words, in order) in the sentence. */
const locate = (sentence: string, name: string): { words: string[]; from: number; to: number } => {
  const words = sentence.split(' ')
  const parts = name.split(' ')
  const from = words.findIndex((_, i) => parts.every((p, j) => words[i + j] === p))
  assert.ok(from >= 0, `${name} not in ${sentence}`)
  return { words, from, to: from + parts.length - 1 }
}

describe('contextCue', () => {
  const cases: [string, string, EntityType | undefined, EntityType?][] = [
    // [sentence, name, expected cue, the tagger's type if it matters]
    ['a blast in the port city of Quarnby killed four', 'Quarnby', 'GPE'],
    ['talks in the southern province of Quarnby collapsed', 'Quarnby', 'GPE'],
    ['ferries to the island of Quarnby stopped', 'Quarnby', 'LOC'],
    ['the stock capital of Zorvex tripled', 'Zorvex', undefined],
    ['rebels attacked Quarnby province on Monday', 'Quarnby', 'GPE'],
    ['the Quarnby city of Ostrel', 'Quarnby', undefined],
    ['an Arctic town , they said', 'Arctic', undefined, 'MISC'],
    ['Interior Minister Tilda Marsk said', 'Tilda Marsk', 'PERSON'],
    ['a statement from Mr. Quarnby said', 'Quarnby', 'PERSON'],
    ['the company spokesman Quarnby said', 'Quarnby', 'PERSON'],
    ['refugees from former Zorvexia arrived', 'Zorvexia', undefined],
    ['the Zorvex Red Cross said', 'Zorvex Red Cross', 'ORG'],
    ['a report by the Ministry of Tides said', 'Ministry of Tides', 'ORG'],
    ['flights left Quarnby International Airport', 'Quarnby International Airport', 'FAC'],
    ['Zorvex , a Quarnby-based rebel militia that has fought', 'Zorvex', 'ORG'],
    ['Zorvex , a terrorist group armed by its neighbour', 'Zorvex', 'ORG'],
    ['Zorvex is a company that makes drones', 'Zorvex', 'ORG'],
    ['Zorvex , a bank teller , said', 'Zorvex', undefined],
    ["Marsk , a well-known miners ' leader , spoke", 'Marsk', 'PERSON'],
    ['shares of the miner Zorvex fell', 'Zorvex', 'ORG'],
    ['Quarnby , a fishing town of 3,000 people', 'Quarnby', 'GPE'],
    ["Zorvex , the country 's main airport , closed", 'Zorvex', undefined],
    ['In Quarnby , a militia attacked the depot', 'Quarnby', undefined],
    ['In Quarnby , a town near the border , troops', 'Quarnby', 'GPE'],
    ['reporters in the capital , Quarnby , on Monday', 'Quarnby', 'GPE'],
    ['general counsel of the company , Tilda Marsk , said', 'Tilda Marsk', undefined],
    ['Quarnby said on Monday', 'Quarnby', undefined],
    ['shares of the automaker Zorvex fell', 'Zorvex', 'ORG'],
    ['said broker Tilda Marsk', 'Tilda Marsk', undefined, 'PERSON'],
    ['shares of the brokerage Zorvex fell', 'Zorvex', 'ORG'],
    ['a hearing in Quarnby , Calif. , on Monday', 'Quarnby', 'GPE'],
    ['a fire in Quarnby , France , killed two', 'Quarnby', 'GPE'],
    ['Tilda Marsk , Zorvex and others', 'Tilda Marsk', undefined],
    ['the 27-year-old Kenyan won', 'Kenyan', undefined, 'NORP'],
    ['the 27-year-old Zorvex won', 'Zorvex', 'PERSON', 'PERSON'],
    ['a 21-year-old Quarnby man was shot', 'Quarnby', 'GPE', 'PERSON'],
    ['a 21-year-old Quarnby man was shot', 'Quarnby', 'GPE', 'GPE'],
    ['two Quarnby teens were hurt', 'Quarnby', 'GPE', 'PERSON'],
    ['a 15-year-old Quarnby County teen was killed', 'Quarnby County', 'GPE', 'PERSON'],
    ['the 27-year-old Kenyan man won', 'Kenyan', undefined, 'NORP'],
    ['the Quarnby men said', 'Quarnby', 'GPE', 'PERSON'],
    ['Zorvex , another carmaker , cut jobs', 'Zorvex', 'ORG'],
    ['Zorvex , its parent company , said', 'Zorvex', 'ORG'],
    ['the American auto company Zorvex filed for bankruptcy', 'Zorvex', 'ORG'],
    ['fighters of the militia Zorvex', 'Zorvex', 'ORG'],
    ['a Zorvex company spokesman Tilda Marsk said', 'Tilda Marsk', 'PERSON'],
    ['a militia armed by neighbouring Vellomar', 'Vellomar', 'GPE', 'ORG'],
    ['clashes in northern Quarnby', 'Quarnby', 'GPE', 'PERSON'],
    ['ships in the eastern Mediterranean', 'Mediterranean', undefined, 'MISC'],
    ['floods in western Quarnland', 'Quarnland', 'LOC', 'LOC'],
    ['a barn fire in rural Quarnby', 'Quarnby', 'GPE', 'ORG'],
    ['an interview with Tom Hall , a farmer', 'Tom Hall', 'PERSON'],
    ['the show at the Quarnby Convention Center opened', 'Quarnby Convention Center', 'FAC'],
    ['the Quarnby Union said', 'Quarnby Union', 'ORG', 'ORG'],
    ['the top of the Quarnby Union table', 'Quarnby Union', undefined, 'MISC'],
    ['settlements on the West Bank grew', 'West Bank', undefined, 'GPE'],
    ['But Zorvex were unable to score', 'Zorvex', 'ORG', 'PERSON'],
    ['Despite the defeat , Zorvex are top', 'Zorvex', 'ORG', 'PERSON'],
    ['Zorvex have signed a striker', 'Zorvex', 'ORG', 'PERSON'],
    ['Marsk and Zorvex are friends', 'Zorvex', undefined, 'PERSON'],
    ['Zorvex and Marsk are friends', 'Zorvex', undefined, 'PERSON'],
    ['Tilda , Zorvex are here', 'Zorvex', undefined, 'PERSON'],
    ['did Zorvex have a gun', 'Zorvex', undefined, 'PERSON'],
    ['if Zorvex were elected', 'Zorvex', undefined, 'PERSON'],
    ['the Marsks are here', 'Marsks', undefined, 'PERSON'],
    ['Ken Zorvex were', 'Ken Zorvex', undefined, 'PERSON'],
    ['Hedd and Zorvex defender Marsk were out', 'Marsk', 'PERSON', 'PERSON'],
    ['the Quarnby-based Zorvani monthly newspaper', 'Zorvani', undefined, 'MISC'],
    ['copies of the Zorvani newspaper', 'Zorvani', undefined, 'MISC'],
    ['the Zorvex Tide daily said', 'Zorvex Tide', 'ORG', 'PERSON'],
    ['told the Zorvex newspaper on Monday', 'Zorvex', 'ORG', 'MISC'],
    ['he calls Marsk daily .', 'Marsk', undefined, 'PERSON'],
    ['in Zorvan newspapers today', 'Zorvan', undefined, 'MISC'],
    ['a Paris newspaper said', 'Paris', undefined, 'PERSON'],
    ['shares of Quarnby-based Zorvex rose', 'Zorvex', 'ORG', 'PERSON'],
    ['said Quarnby-based analyst Tilda Marsk', 'Tilda Marsk', 'PERSON', 'PERSON'],
  ]
  for (const [sentence, name, expected, type] of cases) {
    it(`${sentence} → ${name}: ${expected ?? 'no cue'}`, () => {
      const { words, from, to } = locate(sentence, name)
      assert.equal(contextCue(words, from, to, { type }), expected)
    })
  }
})

describe('nationalityShaped', () => {
  const cases: [string, string, boolean][] = [
    ['Estrovian officials said', 'Estrovian', true],
    ['Quarnese troops crossed', 'Quarnese', true],
    ['Vellani forces shelled', 'Vellani', true],
    ['Zorvish fishermen protested', 'Zorvish', true],
    ['Corsean ships docked', 'Corsean', true],
    ['Brian said on Monday', 'Brian', false],
    ['Megan scored twice', 'Megan', false],
    ['Estrovian , the minister said', 'Estrovian', false],
    ['the Zorvex company', 'Zorvex', false],
    ['Ian and others', 'Ian', false],
    ['Gunman kills six', 'Gunman', false],
  ]
  for (const [sentence, name, expected] of cases) {
    it(`${sentence} → ${expected}`, () => {
      const { words, from, to } = locate(sentence, name)
      assert.equal(nationalityShaped(words, from, to), expected)
    })
  }
})

describe('placeWordBefore', () => {
  const cases: [string, string, boolean][] = [
    ['a depot in Quarnby was hit', 'Quarnby', true],
    ['he lives near Quarnby now', 'Quarnby', true],
    ['armed by neighbouring Quarnby', 'Quarnby', false],
    ['a stake in Zorvex , the filing said', 'Zorvex', false],
    ["in Tilda 's view", 'Tilda', false],
    ['because I believe in Quarnby', 'Quarnby', false],
    ['Quarnby said', 'Quarnby', false],
  ]
  for (const [sentence, name, expected] of cases) {
    it(`${sentence} → ${expected}`, () => {
      const { words, from, to } = locate(sentence, name)
      assert.equal(placeWordBefore(words, from, to), expected)
    })
  }
})

describe('typeNamesInContext', () => {
  /** Names given as [sentence index, name, tagger-mapped type, headline?]. */
  const typed = (sentences: string[], names: [number, string, EntityType, boolean?][]): string[] => {
    const words = sentences.map((s) => s.split(' '))
    const tagged: TaggedName[] = names.map(([s, name, type, headline]) => {
      const { from, to } = locate(sentences[s], name)
      return { sentence: s, from, to, type, headline: headline ?? false }
    })
    typeNamesInContext(words, tagged)
    return tagged.map((n) => `${words[n.sentence].slice(n.from, n.to + 1).join(' ')}/${n.type}`)
  }

  it('gives a name one type, from a cue in any of its mentions', () => {
    assert.deepEqual(
      typed(
        ['A blast hit the port city of Quarnby .', 'Quarnby mourned .', 'Officials in Quarnby said .'],
        [
          [0, 'Quarnby', 'PERSON'],
          [1, 'Quarnby', 'PERSON'],
          [2, 'Quarnby', 'ORG'],
        ],
      ),
      ['Quarnby/GPE', 'Quarnby/GPE', 'Quarnby/GPE'],
    )
  })

  it('types a surname as the full name it shortens', () => {
    assert.deepEqual(
      typed(
        ['Minister Tilda Marsk spoke .', 'Marsk told reporters .'],
        [
          [0, 'Tilda Marsk', 'PERSON'],
          [1, 'Marsk', 'ORG'],
        ],
      ),
      ['Tilda Marsk/PERSON', 'Marsk/PERSON'],
    )
  })

  it('types a name without its head word as the organisation', () => {
    assert.deepEqual(
      typed(
        ['The Zorvex Brigade denied it .', 'Zorvex fighters fled .'],
        [
          [0, 'Zorvex Brigade', 'ORG'],
          [1, 'Zorvex', 'PERSON'],
        ],
      ),
      ['Zorvex Brigade/ORG', 'Zorvex/ORG'],
    )
  })

  it('reads a nationality-shaped word before a noun as a nationality, not a person', () => {
    assert.deepEqual(typed(['Estrovian officials said .'], [[0, 'Estrovian', 'PERSON']]), ['Estrovian/NORP'])
    // Mostly not before a noun, it is a name ("Parish left", "Parish said").
    assert.deepEqual(
      typed(
        ['Parrish officers came .', 'Parrish left .', 'Parrish said .'],
        [
          [0, 'Parrish', 'PERSON'],
          [1, 'Parrish', 'PERSON'],
          [2, 'Parrish', 'PERSON'],
        ],
      ),
      ['Parrish/PERSON', 'Parrish/PERSON', 'Parrish/PERSON'],
    )
    // A word the tagger read as an organisation keeps its type ("Vatican officials").
    assert.deepEqual(typed(['Zorvan officials said .'], [[0, 'Zorvan', 'ORG']]), ['Zorvan/ORG'])
  })

  it('reads "in X" as a place only for a one-word name the tagger guessed was a person', () => {
    assert.deepEqual(typed(['A fire broke out in Quarnby .'], [[0, 'Quarnby', 'PERSON']]), ['Quarnby/GPE'])
    // Most mentions say nothing of a place: the tagger's reading stands.
    assert.deepEqual(
      typed(
        ['Trust in Quarnby fell .', 'Quarnby said .', 'Quarnby left .'],
        [
          [0, 'Quarnby', 'PERSON'],
          [1, 'Quarnby', 'PERSON'],
          [2, 'Quarnby', 'PERSON'],
        ],
      ),
      ['Quarnby/PERSON', 'Quarnby/PERSON', 'Quarnby/PERSON'],
    )
  })

  it('lets the tagger majority retype body mentions but not headline ones', () => {
    assert.deepEqual(
      typed(
        ['ZORVEX AT QUARNBY', 'Zorvex won .', 'Zorvex lost .', 'Zorvex drew .'],
        [
          [0, 'ZORVEX', 'GPE', true],
          [1, 'Zorvex', 'ORG'],
          [2, 'Zorvex', 'ORG'],
          [3, 'Zorvex', 'PERSON'],
        ],
      ),
      ['ZORVEX/GPE', 'Zorvex/ORG', 'Zorvex/ORG', 'Zorvex/ORG'],
    )
  })

  it('keeps a full name read as a person, however its surname alone was tagged', () => {
    assert.deepEqual(
      typed(
        ['Police Chief Ken Quarnby spoke .', 'Quarnby said .', 'Quarnby added .', 'Quarnby left .'],
        [
          [0, 'Ken Quarnby', 'PERSON'],
          [1, 'Quarnby', 'ORG'],
          [2, 'Quarnby', 'ORG'],
          [3, 'Quarnby', 'PERSON'],
        ],
      ),
      ['Ken Quarnby/PERSON', 'Quarnby/ORG', 'Quarnby/ORG', 'Quarnby/ORG'],
    )
    // Never read as a person alone, the surname stays apart and keeps its reading.
    assert.deepEqual(
      typed(
        ['Ken Quarnby spoke .', 'Quarnby said .'],
        [
          [0, 'Ken Quarnby', 'PERSON'],
          [1, 'Quarnby', 'ORG'],
        ],
      ),
      ['Ken Quarnby/PERSON', 'Quarnby/ORG'],
    )
  })

  it('reads a listed city the tagger took for a person as the place its police serve', () => {
    assert.deepEqual(
      typed(
        ['Houston police said .', 'Houston police left .', 'Houston mourned .'],
        [
          [0, 'Houston', 'PERSON'],
          [1, 'Houston', 'PERSON'],
          [2, 'Houston', 'PERSON'],
        ],
      ),
      ['Houston/GPE', 'Houston/GPE', 'Houston/GPE'],
    )
  })

  it('does not count the organisation a place name modifies ("Quarnby police")', () => {
    assert.deepEqual(
      typed(
        ['Quarnby police said .', 'Quarnby police left .', 'A fire broke out in Quarnby .'],
        [
          [0, 'Quarnby', 'ORG'],
          [1, 'Quarnby', 'ORG'],
          [2, 'Quarnby', 'LOC'],
        ],
      ),
      ['Quarnby/LOC', 'Quarnby/LOC', 'Quarnby/LOC'],
    )
  })

  it('does not take a place for an organisation named after it', () => {
    assert.deepEqual(
      typed(
        ['The Quarnby Police said .', 'A fire in Quarnby spread .'],
        [
          [0, 'Quarnby Police', 'ORG'],
          [1, 'Quarnby', 'PERSON'],
        ],
      ),
      ['Quarnby Police/ORG', 'Quarnby/GPE'],
    )
  })

  it('keeps each reading of a listed city read both as its team and as the place', () => {
    assert.deepEqual(
      typed(
        [
          'HOUSTON ROUT ZORVEX',
          'Marsk scored for Houston .',
          'The fans in Houston cheered .',
          'Houston won .',
        ],
        [
          [0, 'HOUSTON', 'PERSON', true],
          [1, 'Houston', 'ORG'],
          [2, 'Houston', 'GPE'],
          [3, 'Houston', 'ORG'],
        ],
      ),
      ['HOUSTON/ORG', 'Houston/ORG', 'Houston/GPE', 'Houston/ORG'],
    )
    // Read as the place in most mentions, the team's mention keeps its reading too.
    assert.deepEqual(
      typed(
        ['Marsk scored for Houston .', 'The fans in Houston cheered .', 'Rain fell on Houston .'],
        [
          [0, 'Houston', 'ORG'],
          [1, 'Houston', 'GPE'],
          [2, 'Houston', 'GPE'],
        ],
      ),
      ['Houston/ORG', 'Houston/GPE', 'Houston/GPE'],
    )
  })

  it('does not let MISC, the catch-all, overrule a more specific reading', () => {
    assert.deepEqual(
      typed(
        ['Zorvex 787 jets .', 'Zorvex 777 jets .', 'Zorvex said .'],
        [
          [0, 'Zorvex', 'MISC'],
          [1, 'Zorvex', 'MISC'],
          [2, 'Zorvex', 'ORG'],
        ],
      ),
      ['Zorvex/MISC', 'Zorvex/MISC', 'Zorvex/ORG'],
    )
  })
})

describe('namesFromTags', () => {
  const cases: [string, string, string][] = [
    // [sentence, the tagger's tags, names with their types]
    ['Workers at General Motors struck', 'O O O B-PER O', 'General Motors/ORG'],
    ['Workers at General Hospital struck', 'O O O B-PER O', 'General Hospital/FAC'],
    ['General Quarnby said', 'O B-PER O', 'Quarnby/PERSON'],
    ['Interior Minister Tilda Marsk said', 'B-ORG O B-PER I-PER O', 'Tilda Marsk/PERSON'],
    ['Deputy Interior Minister Tilda Marsk said', 'B-PER I-PER I-PER I-PER I-PER O', 'Tilda Marsk/PERSON'],
    [
      'Zorvex Corp CEO Tilda Marsk said',
      'B-ORG I-ORG I-ORG I-ORG I-ORG O',
      'Zorvex Corp/ORG Tilda Marsk/PERSON',
    ],
    ['at Quarnby General Hospital today', 'O B-PER I-PER I-PER O', 'Quarnby General Hospital/FAC'],
    ['leaders of the Vellan Premier League', 'O O O B-MISC I-MISC I-MISC', 'Vellan Premier League/MISC'],
    ['settlements on the West Bank grew', 'O O O B-LOC I-LOC O', 'West Bank/GPE'],
    ['Vellan ( B ) 2 Zorvex 1', 'B-ORG I-ORG I-ORG I-ORG O B-ORG O', 'Vellan ( B )/ORG Zorvex/ORG'],
    ['Vellan ) 2 Zorvex 1', 'B-ORG I-ORG O B-ORG O', 'Vellan/ORG Zorvex/ORG'],
    ['he played for Quarnby St Ostrel last year', 'O O O B-ORG I-ORG I-ORG O O', 'Quarnby St Ostrel/ORG'],
    ['leader of the Kenyan Zorvex Party said', 'O O O B-MISC B-ORG I-ORG O', 'Kenyan Zorvex Party/ORG'],
    ['a Kenyan Foreign Ministry statement', 'O B-MISC B-ORG I-ORG O', 'Kenyan/NORP Foreign Ministry/ORG'],
    ['Kenyan Zorvex said', 'B-MISC B-ORG O', 'Kenyan/NORP Zorvex/ORG'],
    ['the Singer Kestrel Series final', 'O B-MISC I-MISC I-MISC O', 'Singer Kestrel Series/MISC'],
    ['the third Singer match', 'O O B-MISC O', 'Singer/MISC'],
    ['Singer Tilda Marsk sang', 'B-PER I-PER I-PER O', 'Tilda Marsk/PERSON'],
    ['Singer Tilda Marsk sang', 'B-ORG I-ORG I-ORG O', 'Tilda Marsk/PERSON'],
    ['his film " Tilda Marsk " opened', 'O O O B-PER I-PER O O', 'Tilda Marsk/MISC'],
    ['Houston striker Tilda Marsk scored', 'B-LOC O B-PER I-PER O', 'Houston/ORG Tilda Marsk/PERSON'],
    ['Kenya striker Tilda Marsk scored', 'B-LOC O B-PER I-PER O', 'Kenya/GPE Tilda Marsk/PERSON'],
    ['England striker Tilda Marsk scored', 'B-LOC O B-PER I-PER O', 'England/GPE Tilda Marsk/PERSON'],
    ['Houston striker scored', 'B-LOC O O', 'Houston/GPE'],
    ['said King .', 'O B-PER O', 'King/PERSON'],
    ['Dean Marsk scored twice', 'B-PER I-PER O O', 'Dean Marsk/PERSON'],
    ['QUARNBY , England 2024-05-02', 'B-ORG O B-LOC O', 'QUARNBY/GPE England/GPE'],
    ['Tilda Marsk , France 12.34', 'B-PER I-PER O B-LOC O', 'Tilda Marsk/PERSON France/GPE'],
    ['Zorvex , France 12.34', 'B-ORG O B-LOC O', 'Zorvex/ORG France/GPE'],
    ['said Minister .', 'O B-PER O', ''],
    ['King Zorvex spoke', 'B-PER I-PER O', 'Zorvex/PERSON'],
    ["Tilda ' Bull ' Marsk won", 'B-PER O B-PER O B-PER O', 'Tilda/PERSON Bull/PERSON Marsk/PERSON'],
    ['he met Tilda Marsk " today', 'O O B-PER I-PER O O', 'Tilda Marsk/PERSON'],
  ]
  for (const [sentence, tags, expected] of cases) {
    it(`${sentence} → ${expected}`, () => {
      const words = [sentence.split(' ')]
      const names = namesFromTags(words, [tags.split(' ')])
      assert.equal(
        names.map((n) => `${words[0].slice(n.from, n.to + 1).join(' ')}/${n.type}`).join(' '),
        expected,
      )
    })
  }
})

describe('entities stage on a made-up article', () => {
  const text = [
    'A drone strike on a fuel depot in the port city of Quarnby killed 12 people, Estrovian officials said.',
    'Interior Minister Tilda Marsk blamed the Zorvex Brigade, a rebel militia armed by neighbouring Vellomar.',
    '"This was cowardly," Marsk told reporters in Quarnby.',
    'The Estrovian Red Cross said 9 of the injured were at Quarnby General Hospital.',
  ].join(' ')
  const run = createPipeline([tokenize(), segment(), entities()])
  const got = (run(makeDoc({ text, meta: { source: 'made-up.txt' } })).mentions ?? []).map(
    (m) => `${m.text}/${m.type}`,
  )
  const expected = [
    'Quarnby/GPE',
    'Estrovian/NORP',
    'Tilda Marsk/PERSON',
    'Zorvex Brigade/ORG',
    'Vellomar/GPE',
    'Marsk/PERSON',
    'Estrovian Red Cross/ORG',
  ]
  for (const e of expected) it(e, () => assert.ok(got.includes(e), `expected ${e} in ${got.join(', ')}`))
  it("leaves the remit out of a minister's title and keeps a hospital whole", () => {
    assert.ok(!got.some((m) => m.startsWith('Interior/')), got.join(', '))
    assert.ok(
      got.some((m) => m.startsWith('Quarnby General Hospital/')),
      got.join(', '),
    )
  })
})
