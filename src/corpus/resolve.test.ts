import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { Doc, EntityType, Mention } from '../model/types.ts'
import { linkEntities } from './link.ts'
import { joinWithinStories, nameKey, namesVary, nameTokens, resolveEntities, tokensVary } from './resolve.ts'

/** A made-up doc whose mentions are given as [text, type] in order of appearance. */
const docWith = (text: string, names: [string, EntityType][]): Doc => {
  const doc = makeDoc({ text, meta: { source: 'test.txt' } })
  const mentions: Mention[] = []
  let from = 0
  for (const [name, type] of names) {
    const start = text.indexOf(name, from)
    assert.ok(start >= 0, `${name} not in text`)
    mentions.push({ span: { start, end: start + name.length }, text: name, type })
    from = start + name.length
  }
  doc.mentions = mentions
  return doc
}

/** Groups mention texts by resolved entity, as sorted "a = b" strings. */
const groupsOf = (docs: Doc[]): string[] => {
  const entities = resolveEntities(docs)
  return entities.map((e) => [...new Set(e.mentions.map((m) => m.text))].sort().join(' = ')).sort()
}

describe('nameTokens / nameKey', () => {
  const cases: [string, string][] = [
    ['the Pentagon', 'pentagon'],
    ['Kata’ib Hezbollah', 'kataibhezbollah'],
    ['al-Saadi', 'alsaadi'],
    ['Al Saadi', 'alsaadi'],
    ['U.S.', 'us'],
    ['Zoë’s', 'zoe'],
    ['Ḥasan', 'hasan'],
  ]
  for (const [text, key] of cases) it(`${text} → ${key}`, () => assert.equal(nameKey(text), key))
  it('keeps "The" in a one-word name', () => assert.deepEqual(nameTokens('The'), ['the']))
})

describe('tokensVary / namesVary', () => {
  const cases: [string, string, boolean][] = [
    ['kataiib', 'kataib', true],
    ['qasimi', 'qassimi', true],
    ['iraq', 'iran', false],
    ['syria', 'syrian', false],
    ['hassan', 'bassan', false],
    ['slovakia', 'slovenia', false],
  ]
  for (const [a, b, expected] of cases)
    it(`${a} ~ ${b}: ${expected}`, () => assert.equal(tokensVary(a, b), expected))
  it('needs the same number of tokens', () => {
    assert.equal(namesVary(['hezbollah'], ['kataib', 'hezbollah']), false)
    assert.equal(namesVary(['kataiib', 'hezbollah'], ['kataib', 'hezbollah']), true)
  })
})

describe('resolveEntities: middle names and suffixes', () => {
  it('joins a surname to a full name that ends with "Jr."', () => {
    const doc = docWith('Marlon Dreck Vasquith Jr. escaped on Monday. Vasquith was armed.', [
      ['Marlon Dreck Vasquith Jr.', 'PERSON'],
      ['Vasquith', 'PERSON'],
    ])
    assert.deepEqual(groupsOf([doc]), ['Marlon Dreck Vasquith Jr. = Vasquith'])
  })

  it('keeps a name without its middle name apart from the fuller name across a corpus', () => {
    const a = docWith('Marlon Dreck Vasquith escaped on Monday.', [['Marlon Dreck Vasquith', 'PERSON']])
    const b = docWith('Police are searching for Marlon Vasquith.', [['Marlon Vasquith', 'PERSON']])
    assert.deepEqual(groupsOf([a, b]), ['Marlon Dreck Vasquith', 'Marlon Vasquith'])
  })
})

describe('joinWithinStories', () => {
  /** Mention texts grouped by entity after joining within the given stories. */
  const joined = (docs: Doc[], stories: Doc[][]): string[] =>
    joinWithinStories(resolveEntities(docs), stories)
      .map((e) => {
        const texts = new Set<string>()
        for (const d of docs) for (const m of d.mentions ?? []) if (m.entity === e.id) texts.add(m.text)
        return [...texts].sort().join(' = ')
      })
      .sort()

  it('joins a shortened name and a surname to the one fuller name of the story', () => {
    const a = docWith('Marlon Dreck Vasquith escaped on Monday. Vasquith was armed.', [
      ['Marlon Dreck Vasquith', 'PERSON'],
      ['Vasquith', 'PERSON'],
    ])
    const b = docWith('Police are searching for Marlon Vasquith. Vasquith was armed.', [
      ['Marlon Vasquith', 'PERSON'],
      ['Vasquith', 'PERSON'],
    ])
    assert.deepEqual(joined([a, b], [[a, b]]), ['Marlon Dreck Vasquith = Marlon Vasquith = Vasquith'])
  })

  it("joins a surname in each story to that story's person, whatever another story names", () => {
    const a = docWith('Marlon Dreck Vasquith escaped on Monday.', [['Marlon Dreck Vasquith', 'PERSON']])
    const b = docWith('Police are searching for Vasquith.', [['Vasquith', 'PERSON']])
    const c = docWith('Pell Vasquith won the final.', [['Pell Vasquith', 'PERSON']])
    const d = docWith('Coach Vasquith lifted the cup.', [['Vasquith', 'PERSON']])
    const entities = resolveEntities([a, b, c, d])
    // Across the corpus "Vasquith" names two people: resolution leaves it alone.
    assert.equal(b.mentions?.[0].entity, d.mentions?.[0].entity)
    const out = joinWithinStories(entities, [
      [a, b],
      [c, d],
    ])
    assert.equal(b.mentions?.[0].entity, a.mentions?.[0].entity)
    assert.equal(d.mentions?.[0].entity, c.mentions?.[0].entity)
    assert.ok(!out.some((e) => e.name === 'Vasquith'), out.map((e) => e.name).join(', '))
    const pell = out.find((e) => e.id === c.mentions?.[0].entity)
    assert.deepEqual(pell?.mentions.map((m) => m.document).sort(), [c.id, d.id].sort())
  })

  it('joins nothing when two people of the story have the shorter name', () => {
    const a = docWith('Tomas Rell Quarnby and Tomas Avel Quarnby spoke.', [
      ['Tomas Rell Quarnby', 'PERSON'],
      ['Tomas Avel Quarnby', 'PERSON'],
    ])
    const b = docWith('Tomas Quarnby left early.', [['Tomas Quarnby', 'PERSON']])
    assert.deepEqual(joined([a, b], [[a, b]]), ['Tomas Avel Quarnby', 'Tomas Quarnby', 'Tomas Rell Quarnby'])
  })

  it('moves quote speakers with their mentions', () => {
    const a = docWith('Marlon Dreck Vasquith escaped on Monday.', [['Marlon Dreck Vasquith', 'PERSON']])
    const text = '"I am innocent," Vasquith said.'
    const b = docWith(text, [['Vasquith', 'PERSON']])
    const at = text.indexOf('Vasquith')
    b.quotes = [
      {
        span: { start: 1, end: 14 },
        content: { start: 1, end: 14 },
        direct: true,
        speaker: { span: { start: at, end: at + 8 }, text: 'Vasquith' },
      },
    ]
    const entities = resolveEntities([a, b])
    linkEntities([a, b])
    joinWithinStories(entities, [[a, b]])
    assert.equal(b.quotes?.[0].speaker?.entity, a.mentions?.[0].entity)
  })
})

describe('resolveEntities', () => {
  it('does not chain surnames one spelling step at a time into one person', () => {
    // Made-up people in made-up reports: each surname is one edit from the next, not from the others.
    const docs = [
      docWith('Officer Dalmore spoke.', [['Dalmore', 'PERSON']]),
      docWith('Officer Dalmure spoke.', [['Dalmure', 'PERSON']]),
      docWith('Officer Dalmurs spoke.', [['Dalmurs', 'PERSON']]),
      docWith('Officer Delmurs spoke.', [['Delmurs', 'PERSON']]),
    ]
    const groups = groupsOf(docs)
    assert.ok(!groups.some((g) => g.includes('Dalmore') && g.includes('Delmurs')), groups.join(' | '))
    assert.ok(
      groups.some((g) => g.includes('Dalmore = Dalmure')),
      groups.join(' | '),
    )
  })

  it('joins spelling variants across documents but keeps a shorter distinct name apart', () => {
    const a = docWith('Brigades of Zuhair’an Khaleed met. Hezbollah said nothing.', [
      ['Zuhair’an Khaleed', 'ORG'],
      ['Hezbollah', 'ORG'],
    ])
    const b = docWith('The Zuhairan Khaleed group and Kata’ib Hezbollah spoke.', [
      ['Zuhairan Khaleed', 'ORG'],
      ['Kata’ib Hezbollah', 'ORG'],
    ])
    const c = docWith('Zuhair’aan Khaleed denied it; Kataib Hezbollah agreed.', [
      ['Zuhair’aan Khaleed', 'ORG'],
      ['Kataib Hezbollah', 'ORG'],
    ])
    assert.deepEqual(groupsOf([a, b, c]), [
      'Hezbollah',
      'Kataib Hezbollah = Kata’ib Hezbollah',
      'Zuhairan Khaleed = Zuhair’aan Khaleed = Zuhair’an Khaleed',
    ])
  })

  it('keeps one-letter-apart short names apart', () => {
    const a = docWith('Iraq and Iran talked.', [
      ['Iraq', 'GPE'],
      ['Iran', 'GPE'],
    ])
    assert.deepEqual(groupsOf([a]), ['Iran', 'Iraq'])
  })

  it('makes an acronym defined in parentheses an alias, in that document and others', () => {
    const a = docWith('The Federal Aviation Administration (FAA) said the FAA would act.', [
      ['Federal Aviation Administration', 'ORG'],
      ['FAA', 'ORG'],
      ['FAA', 'ORG'],
    ])
    const b = docWith('FAA inspectors arrived.', [['FAA', 'ORG']])
    const entities = resolveEntities([a, b])
    assert.equal(entities.length, 1)
    assert.equal(entities[0].name, 'Federal Aviation Administration')
    assert.deepEqual(entities[0].aliases, ['FAA'])
    assert.equal(entities[0].mentions.length, 4)
  })

  it("reads a bracket after a place or a person as a credit, and keeps an organisation's acronym in another language", () => {
    const a = docWith('DELLPORT (KQRB) - A man was shot. Photo: Jane Roe (AP). KQRB reporters were there.', [
      ['DELLPORT', 'GPE'],
      ['KQRB', 'ORG'],
      ['Jane Roe', 'PERSON'],
      ['AP', 'ORG'],
      ['KQRB', 'ORG'],
    ])
    const b = docWith(
      'QUARNBY (AP) - Police said. The Vellan Workers Front (PKV) denied it. PKV fighters left.',
      [
        ['QUARNBY', 'GPE'],
        ['AP', 'ORG'],
        ['Vellan Workers Front', 'ORG'],
        ['PKV', 'ORG'],
        ['PKV', 'ORG'],
      ],
    )
    assert.deepEqual(groupsOf([a, b]), [
      'AP',
      'DELLPORT',
      'Jane Roe',
      'KQRB',
      'PKV = Vellan Workers Front',
      'QUARNBY',
    ])
  })

  it('keeps an acronym that stands for different names in different documents inside each document', () => {
    const a = docWith('The Dellport Police Department (DPD) said. DPD officers left.', [
      ['Dellport Police Department', 'ORG'],
      ['DPD', 'ORG'],
      ['DPD', 'ORG'],
    ])
    const b = docWith('The Danby Police Department (DPD) said. DPD officers left.', [
      ['Danby Police Department', 'ORG'],
      ['DPD', 'ORG'],
      ['DPD', 'ORG'],
    ])
    const c = docWith('DPD said nothing.', [['DPD', 'ORG']])
    assert.deepEqual(groupsOf([a, b, c]), [
      'DPD',
      'DPD = Danby Police Department',
      'DPD = Dellport Police Department',
    ])
  })

  it('does not join names that share only three consonants', () => {
    const c = docWith('Bruno Vessel spoke.', [['Bruno Vessel', 'PERSON']])
    const d = docWith('Bruno Vassal spoke.', [['Bruno Vassal', 'PERSON']])
    const e = docWith('Bruno Vossil spoke.', [['Bruno Vossil', 'PERSON']])
    assert.deepEqual(groupsOf([c, d, e]), ['Bruno Vassal', 'Bruno Vessel', 'Bruno Vossil'])
  })

  it('links an acronym to a name with those initials without parentheses', () => {
    const a = docWith('The Northern Water Board met. NWB staff left.', [
      ['Northern Water Board', 'ORG'],
      ['NWB', 'ORG'],
    ])
    assert.deepEqual(groupsOf([a]), ['NWB = Northern Water Board'])
  })

  it('attaches a surname to the one full name in the document, and a lone surname elsewhere', () => {
    const a = docWith('Jane Morrow spoke. Morrow said more. Tom Reed agreed.', [
      ['Jane Morrow', 'PERSON'],
      ['Morrow', 'PERSON'],
      ['Tom Reed', 'PERSON'],
    ])
    const b = docWith('Morrow denied it.', [['Morrow', 'PERSON']])
    assert.deepEqual(groupsOf([a, b]), ['Jane Morrow = Morrow', 'Tom Reed'])
  })

  it('does not join a one-word name to a longer name the tagger only sometimes read as a person', () => {
    const a = docWith('Zarqa Front fighters. The Zarqa Front movement. Front said so.', [
      ['Zarqa Front', 'PERSON'],
      ['Zarqa Front', 'ORG'],
      ['Front', 'PERSON'],
    ])
    assert.deepEqual(groupsOf([a]), ['Front', 'Zarqa Front'])
  })

  it('joins a surname the tagger mistyped in another document to the one person with that name', () => {
    const a = docWith('Commander Abu Qasim al-Tamimi was killed.', [['Abu Qasim al-Tamimi', 'PERSON']])
    const b = docWith('The strike on al-Tamimi near Jordan drew anger.', [
      ['al-Tamimi', 'LOC'],
      ['Jordan', 'GPE'],
    ])
    const c = docWith('Michael Jordan scored.', [['Michael Jordan', 'PERSON']])
    assert.deepEqual(groupsOf([a, b, c]), ['Abu Qasim al-Tamimi = al-Tamimi', 'Jordan', 'Michael Jordan'])
  })

  it('does not join a one-word name from another document to a name only sometimes read as a person', () => {
    const a = docWith('Zarqa Front struck. Zarqa Front fighters. The Zarqa Front movement.', [
      ['Zarqa Front', 'PERSON'],
      ['Zarqa Front', 'PERSON'],
      ['Zarqa Front', 'ORG'],
    ])
    const b = docWith('Front denied it.', [['Front', 'LOC']])
    assert.deepEqual(groupsOf([a, b]), ['Front', 'Zarqa Front'])
  })

  it('joins company forms and an organisation’s first word, unless two organisations share it', () => {
    const a = docWith('Brindlewood Inc. and Brindlewood met Tarrow Dynamics.', [
      ['Brindlewood Inc.', 'ORG'],
      ['Brindlewood', 'ORG'],
      ['Tarrow Dynamics', 'ORG'],
    ])
    const b = docWith('Tarrow said Quenby Foods and Quenby Records split. Quenby fell.', [
      ['Tarrow', 'ORG'],
      ['Quenby Foods', 'ORG'],
      ['Quenby Records', 'ORG'],
      ['Quenby', 'ORG'],
    ])
    assert.deepEqual(groupsOf([a, b]), [
      'Brindlewood = Brindlewood Inc.',
      'Quenby',
      'Quenby Foods',
      'Quenby Records',
      'Tarrow = Tarrow Dynamics',
    ])
  })

  it('joins an organisation named without its head word to the one organisation with it', () => {
    const a = docWith(
      'The Grey Herons Brigade denied it. The Blue Kestrel Party and Blue Kestrel Union met.',
      [
        ['Grey Herons Brigade', 'ORG'],
        ['Blue Kestrel Party', 'ORG'],
        ['Blue Kestrel Union', 'ORG'],
      ],
    )
    const b = docWith('Grey Herons fighters and Blue Kestrel members fled.', [
      ['Grey Herons', 'ORG'],
      ['Blue Kestrel', 'ORG'],
    ])
    // A place is never an organisation's name without its head: "New York" stays apart from "New York Police".
    const c = docWith('The New York Police Department and New York.', [
      ['New York Police', 'ORG'],
      ['New York', 'ORG'],
    ])
    assert.deepEqual(groupsOf([a, b, c]), [
      'Blue Kestrel',
      'Blue Kestrel Party',
      'Blue Kestrel Union',
      'Grey Herons = Grey Herons Brigade',
      'New York',
      'New York Police',
    ])
  })

  it('does not join a surname shared by two full names', () => {
    const a = docWith('Jane Morrow and Paul Morrow met. Morrow left.', [
      ['Jane Morrow', 'PERSON'],
      ['Paul Morrow', 'PERSON'],
      ['Morrow', 'PERSON'],
    ])
    assert.deepEqual(groupsOf([a]), ['Jane Morrow', 'Morrow', 'Paul Morrow'])
  })

  it('unifies "the" forms and possessives, settles type by majority and sets mention.entity', () => {
    const a = docWith('the Pentagon said. Pentagon’s view.', [
      ['Pentagon', 'ORG'],
      ['Pentagon’s', 'ORG'],
    ])
    const b = docWith('The Pentagon replied.', [['The Pentagon', 'FAC']])
    const entities = resolveEntities([a, b])
    assert.equal(entities.length, 1)
    assert.equal(entities[0].type, 'ORG')
    assert.ok(entities[0].id.startsWith('e-'))
    for (const m of [...(a.mentions ?? []), ...(b.mentions ?? [])]) assert.equal(m.entity, entities[0].id)
  })

  it('joins a nationality word with its plural', () => {
    const a = docWith('Kenyan officials and Kenyans agreed.', [
      ['Kenyan', 'NORP'],
      ['Kenyans', 'NORP'],
    ])
    assert.deepEqual(groupsOf([a]), ['Kenyan = Kenyans'])
  })

  it('gives the same id for the same entity on a second run', () => {
    const make = (): Doc => docWith('Nadia Voss spoke.', [['Nadia Voss', 'PERSON']])
    assert.equal(resolveEntities([make()])[0].id, resolveEntities([make()])[0].id)
  })

  it('returns nothing for documents without mentions', () => {
    assert.deepEqual(resolveEntities([makeDoc({ text: 'x', meta: { source: 't' } })]), [])
  })
})
