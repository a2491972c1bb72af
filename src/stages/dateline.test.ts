import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findDatelines } from './dateline.ts'
import { tokenizeText } from './tokenize.ts'

const datelines = (text: string): string[] =>
  findDatelines(text, tokenizeText(text)).map(
    (d) =>
      text.slice(d.place.start, d.place.end) +
      (d.region ? ` / ${text.slice(d.region.start, d.region.end)}` : ''),
  )

describe('findDatelines', () => {
  const cases: [string, string[]][] = [
    ['DELLPORT, Wash. — A man was shot.', ['DELLPORT / Wash.']],
    ['Gunman wounds two\n\nDELLPORT (KXYZ) – Police say two men were hurt.', ['DELLPORT']],
    ['Title\nNORTH QUARNBY -- A fire broke out.', ['NORTH QUARNBY']],
    ['Title\nST. VARENNE, MO (KXYZ)-More violence.', ['ST. VARENNE / MO']],
    ['Title\nDELLPORT (Feb. 4, 2014) – Officials said.', ['DELLPORT']],
    ['Title\nDellport, Mo. — Police said.', ['Dellport / Mo.']],
  ]
  for (const [text, expected] of cases)
    it(JSON.stringify(text), () => assert.deepEqual(datelines(text), expected))

  it('reads no dateline in a banner, a mixed-case opening or mid-line capitals', () => {
    assert.deepEqual(datelines('Title\nBREAKING — Police said.'), [])
    assert.deepEqual(datelines('Title\nPolice said — wait.'), [])
    assert.deepEqual(datelines('Title\nDellport — the town mourns.'), [])
    assert.deepEqual(datelines('Officials in DELLPORT — said nothing.'), [])
  })
})
