import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  containersOf,
  GAZ_COUNTRY,
  GAZ_DEMONYM,
  GAZ_GPE_BEGIN,
  GAZ_GPE_INSIDE,
  gazetteerFlags,
  isRegion,
  partOf,
  placeWithin,
  populationOf,
  refineType,
} from './entity-gazetteer.ts'

describe('refineType', () => {
  const cases: [Parameters<typeof refineType>[0], string[], string][] = [
    ['PER', ['Ada', 'Lovelace'], 'PERSON'],
    ['ORG', ['Acme'], 'ORG'],
    ['LOC', ['France'], 'GPE'],
    ['LOC', ['New', 'Zealand'], 'GPE'],
    ['LOC', ['Nairobi'], 'GPE'],
    ['LOC', ['Texas'], 'GPE'],
    ['LOC', ['the', 'Netherlands'], 'GPE'],
    ['LOC', ['Middle', 'East'], 'LOC'],
    ['LOC', ['Danube'], 'LOC'],
    ['LOC', ['Heathrow', 'Airport'], 'FAC'],
    ['LOC', ['Ramstein', 'Air', 'Base'], 'FAC'],
    ['MISC', ['Kenyan'], 'NORP'],
    ['MISC', ['Iraqis'], 'NORP'],
    ['MISC', ['Shiite', 'Muslims'], 'NORP'],
    ['MISC', ['Frenchmen'], 'NORP'],
    ['MISC', ['Republican'], 'NORP'],
    ['MISC', ['World', 'Cup'], 'MISC'],
    ['MISC', ['Sri', 'Lankan'], 'NORP'],
    ['MISC', ['Costa', 'Ricans'], 'NORP'],
    ['LOC', ['Northern', 'Regional', 'Command'], 'ORG'],
    ['LOC', ['Dravo', 'Bank'], 'ORG'],
    ['LOC', ['West', 'Bank'], 'GPE'],
    ['MISC', ['Vellan', 'Premier', 'League'], 'MISC'],
    ['MISC', ['Northern', 'Division'], 'MISC'],
    ['PER', ['Vellan', 'League'], 'ORG'],
    ['PER', ['Zarqan', 'Brigades'], 'ORG'],
    ['PER', ['Brigades'], 'PERSON'],
    ['ORG', ['U.S.'], 'GPE'],
    ['ORG', ['Kenya'], 'GPE'],
    ['ORG', ['Scotland'], 'GPE'],
    ['ORG', ['Kenya', 'Airways'], 'ORG'],
    ['PER', ['Kostner', 'Avenue'], 'FAC'],
    ['PER', ['N.', 'Clark', 'St.'], 'FAC'],
    ['PER', ['Marlow', 'County'], 'GPE'],
    ['PER', ['Tilda', 'Lane'], 'PERSON'],
    ['LOC', ['Marlow', 'Lane'], 'FAC'],
    ['ORG', ['Marlow', 'County'], 'ORG'],
    ['ORG', ['North', 'Houston'], 'GPE'],
    ['MISC', ['SW', 'Houston'], 'GPE'],
    ['PER', ['Downtown', 'Houston'], 'GPE'],
    ['ORG', ['West', 'Ham'], 'ORG'],
  ]
  for (const [type, words, expected] of cases) {
    it(`${type} ${words.join(' ')} → ${expected}`, () => assert.equal(refineType(type, words), expected))
  }
})

describe('refineType with the word after the name', () => {
  const cases: [Parameters<typeof refineType>[0], string[], string, string][] = [
    ['MISC', ['Zarqa', 'Front'], 'commander', 'ORG'],
    ['MISC', ['Qadiri', 'Saraya'], 'movement', 'ORG'],
    ['MISC', ['Qadiri', 'Saraya'], 'Movement', 'MISC'],
    ['MISC', ['Kenyan'], 'officials', 'NORP'],
    ['PER', ['Olu', 'Saraya'], 'militia', 'ORG'],
    ['PER', ['Mira', 'Soto'], 'administration', 'PERSON'],
    ['PER', ['Mira', 'Soto'], 'spokesman', 'PERSON'],
    ['LOC', ['Kenya'], 'officials', 'GPE'],
    ['MISC', ['Zarqa-backed'], 'militia', 'MISC'],
    ['ORG', ['Morrow'], 'administration', 'PERSON'],
    ['MISC', ['Morrow'], 'administration', 'PERSON'],
    ['ORG', ['Kenya'], 'administration', 'GPE'],
    ['ORG', ['Acme', 'Corp'], 'administration', 'ORG'],
    ['MISC', ['anti-Vellan'], 'leaders', 'MISC'],
    ['MISC', ['Sri', 'Lankan'], 'officials', 'NORP'],
    ['ORG', ['Monaco'], '2', 'ORG'],
    ['ORG', ['Jordan'], '1:52.104', 'ORG'],
    ['ORG', ['Kenya'], '1997', 'GPE'],
    ['ORG', ['Kenya'], 'said', 'GPE'],
    ['LOC', ['Kenya'], '2', 'GPE'],
    ['MISC', ['Pro-Vellan'], 'fighters', 'MISC'],
    ['MISC', ['Kenyan', 'Catholic'], 'organisation', 'NORP'],
    ['MISC', ['Orthan', 'Catholic'], 'organisation', 'MISC'],
  ]
  for (const [type, words, next, expected] of cases) {
    it(`${type} ${words.join(' ')} + ${next} → ${expected}`, () =>
      assert.equal(refineType(type, words, undefined, next), expected))
  }
  it('reads a noun before a number or a letter as a label, not an organisation', () => {
    assert.equal(refineType('MISC', ['Kestrel', 'Cup'], undefined, 'group', 'four'), 'MISC')
    assert.equal(refineType('MISC', ['Kestrel', 'Cup'], undefined, 'group', 'B'), 'MISC')
    assert.equal(refineType('MISC', ['Kestrel', 'Cup'], undefined, 'group', 'said'), 'ORG')
  })
})

describe('gazetteerFlags', () => {
  it('marks multi-word places by longest match and demonyms singly', () => {
    const flags = gazetteerFlags(['the', 'new', 'zealand', 'and', 'kenyan', 'teams'])
    assert.equal(flags[0], 0)
    assert.ok(flags[1] & GAZ_GPE_BEGIN && flags[1] & GAZ_COUNTRY)
    assert.ok(flags[2] & GAZ_GPE_INSIDE)
    assert.equal(flags[3], 0)
    assert.ok(flags[4] & GAZ_DEMONYM)
    assert.equal(flags[5], 0)
  })
})

describe('populationOf', () => {
  it('gives a listed city’s population, the largest of the cities sharing its name, none for others', () => {
    assert.ok((populationOf('Houston') ?? 0) > 1_000_000)
    // Albany, Georgia and Albany, New York: the larger.
    assert.ok((populationOf('albany') ?? 0) > 100_000)
    assert.equal(populationOf('Quarnby'), undefined)
  })
})

describe('containersOf', () => {
  it('gives the state and the country a listed city lies in, by any of the country’s names', () => {
    const inside = containersOf('St. Louis')
    assert.ok(inside.has('missouri'))
    assert.ok(inside.has('united states') && inside.has('us'))
    assert.ok(containersOf('Missouri').has('usa'))
  })

  it('gives nothing for a name it does not list, and never the place itself', () => {
    assert.equal(containersOf('Quarnby').size, 0)
    assert.ok(!containersOf('Baghdad').has('lyon'))
  })
})

describe('partOf', () => {
  it('reads the whole a compass word names a part of, unless the name is listed whole', () => {
    assert.equal(partOf('South Quarnby'), 'quarnby')
    assert.equal(partOf('the East Side'), 'side')
    assert.equal(partOf('West Virginia'), undefined)
    assert.equal(partOf('Quarnby'), undefined)
    assert.equal(partOf('Downtown'), '')
  })
})

describe('placeWithin', () => {
  it('takes a part of a listed town, or a county named after it, for the same place', () => {
    assert.ok(placeWithin('south lyon', 'lyon') && placeWithin('lyon', 'south lyon'))
    assert.ok(placeWithin('lyon', 'lyon-quarn county') && placeWithin('lyon quarn county', 'lyon'))
  })

  it('not a part of a state or nation, a state named like a compass word, nor a name and itself', () => {
    assert.ok(!placeWithin('north iraq', 'iraq') && !placeWithin('south ohio', 'ohio'))
    assert.ok(!placeWithin('west', 'west virginia') && !placeWithin('quarnby', 'quarnby county'))
    assert.ok(!placeWithin('lyon', 'lyon') && !placeWithin('lyon', 'graz'))
  })
})

describe('isRegion', () => {
  it('tells a state or country from a city, a name listed as both being a city', () => {
    assert.ok(isRegion('Ohio') && isRegion('Iraq'))
    assert.ok(!isRegion('Baghdad') && !isRegion('New York') && !isRegion('Quarnby'))
  })

  it('takes a name ending with its kind of division for a region, not one starting with it', () => {
    assert.ok(isRegion('Harlow County') && isRegion('Dellport Parish') && isRegion('Varenna Province'))
    assert.ok(
      !isRegion('County Road') && !isRegion('County Market') && !isRegion('Quarnby Business District'),
    )
  })
})
