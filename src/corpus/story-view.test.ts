import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { segmentTokens } from '../stages/segment.ts'
import { tokenizeText } from '../stages/tokenize.ts'
import { isLocative } from './story-view.ts'

describe('isLocative', () => {
  const cases: [string, string, boolean][] = [
    ['A strike in Karvik killed two.', 'Karvik', true],
    ['Fighting in southern Ostravia went on.', 'Ostravia', true],
    ['Raids in Tarsk and Karvik followed.', 'Karvik', true],
    ['A rocket hit Ostravia’s main depot on Friday.', 'Ostravia', false],
    ['Rockets fell on Ostravia’s main depot.', 'Ostravia', true],
    ['Attacks on Ostravian troops went on.', 'Ostravian', false],
    ['A blast hit an Ostravia army base.', 'Ostravia', false],
    ['Ostravia said it would respond.', 'Ostravia', false],
    ['The militia struck in Karvik after dark.', 'Karvik', true],
    ['Two men were shot outside a Karvik bar.', 'Karvik', true],
    ['A drone hit a Karvik base.', 'Karvik', false],
    ['Rockets fell in a Karvik strike.', 'Karvik', false],
  ]
  for (const [text, name, expected] of cases) {
    it(text, () => {
      const tokens = tokenizeText(text)
      const [sentence] = segmentTokens(text, tokens)
      const start = text.indexOf(name)
      assert.equal(
        isLocative(text, tokens, sentence, { span: { start, end: start + name.length } }),
        expected,
      )
    })
  }
})
