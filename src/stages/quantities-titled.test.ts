import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import type { QuantityRole } from '../model/types.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { quantities } from './quantities.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), quantities()])

/** The casualty quantities of `text` as "role best text" strings. */
const casualties = (text: string): string[] =>
  (run(makeDoc({ text, meta: { source: 't.txt' } })).quantities ?? [])
    .filter((q) => (['killed', 'injured', 'dead_or_injured'] as QuantityRole[]).includes(q.role))
    .map((q) => `${q.role} ${q.best} ${q.text}`)

// Made-up sentences about victims named with a title or role: [sentence, the casualty quantities expected].
const cases: [string, string[]][] = [
  // A titled name is one person, like an untitled one, at the start of a sentence or inside it.
  ['Officer Jane Roe was shot.', ['dead_or_injured 1 Officer Jane Roe']],
  ['Deputy Roe, 34, was wounded.', ['injured 1 Deputy Roe']],
  ['Pastor Jon Doe died at Orvale General.', ['killed 1 Pastor Jon Doe']],
  ['Police said Trooper Jane Roe was killed.', ['killed 1 Trooper Jane Roe']],
  ['The gunman shot Officer Jane Roe.', ['dead_or_injured 1 Officer Jane Roe']],
  // Agency words may come before the title.
  ['Police Officer Jane Roe was killed.', ['killed 1 Police Officer Jane Roe']],
  ['State Trooper Jon Doe was wounded.', ['injured 1 State Trooper Jon Doe']],
  // Titled names in a list are one person each.
  ['Officer Jane Roe and Deputy Jon Doe were injured.', ['injured 2 Officer Jane Roe and Deputy Jon Doe']],
  // A title word with no name after it may be the surname itself.
  ['Police said King died Sunday.', ['killed 1 King']],
  // A title without a name stays a person noun.
  ['An officer was shot.', ['dead_or_injured 1 An officer']],
  // A capitalised role word before a lower-case aside is a surname, not a headline's predicate.
  ['Judge Jon Hurt, of Orvale Family Court, spoke.', []],
  ['Jane Roe Killed, Two Hurt', ['killed 1 Jane Roe', 'injured 2 Two']],
]

for (const [text, expected] of cases) {
  test(`titled victims: ${text}`, () => {
    assert.deepEqual(casualties(text), expected)
  })
}
