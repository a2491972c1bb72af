import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { statesNumber } from './align-quantities.ts'
import { countedClass } from './story-view.ts'

describe('countedClass', () => {
  const cases: [string, string][] = [
    ['soldiers', 'military'],
    ['U.S. Army Reserve soldiers', 'military'],
    ['troops', 'military'],
    ['militia officials', 'official'],
    ['others', 'unspecified'],
    ['', 'unspecified'],
    ['civilians', 'civilian'],
    ['children', 'children'],
    ['Gunmen', 'combatant'],
    ['widgets', 'unspecified'],
  ]
  for (const [counted, expected] of cases)
    it(JSON.stringify(counted), () => assert.equal(countedClass(counted), expected))
})

describe('statesNumber', () => {
  const cases: [string, boolean][] = [
    ['three soldiers', true],
    ['at least 40', true],
    ['47 others', true],
    ['dozens', true],
    ['a couple', true],
    ['a man', false],
    ['a 2-year-old boy', false],
    ['1,200', true],
    ['she', false],
    ['The toddler', false],
    ['Ilse Marr', false],
  ]
  for (const [text, expected] of cases) it(text, () => assert.equal(statesNumber({ text }), expected))
})
