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

// Made-up sentences about people hurt: [sentence, the casualty quantities expected].
const cases: [string, string[]][] = [
  // "grazes" is a present-tense graze, as a headline writes it.
  ['Bullet grazes boy after fight in Orvale', ['injured 1 boy']],
  ['A stray bullet grazes a woman on Elm Road.', ['injured 1 a woman']],
  // A pistol-whipping is an injury in a gun incident; its agent is not hurt.
  ['A woman was pistol-whipped during the robbery.', ['injured 1 A woman']],
  ['The robber pistol-whipped a clerk and fled.', ['injured 1 a clerk']],
  // "the wounding of …" names or counts the wounded as "the killing of …" does the dead.
  [
    'Two men were charged in the killing of a girl and the wounding of her uncle.',
    ['killed 1 killing of a girl', 'injured 1 wounding of her uncle'],
  ],
  ['He admitted the wounding of two guards in Orvale.', ['injured 2 wounding of two guards']],
  ['The wounding of his pride stung.', []],
  // The object of "left" told with injuries or wounds was hurt, and is alive.
  ['The crash left a woman with serious injuries.', ['injured 1 a woman']],
  ['A gunshot left Jon Pell with wounds to his face.', ['injured 1 Jon Pell']],
  ['The blast left him with burns and injuries.', ['injured 1 him']],
  ['The attack left her with fatal wounds.', []],
  ['He left a man with a knife.', []],
  // "and" opens a second predicate on the same subject after a first that tells no casualty.
  ['Jane Roe was beaten in the head and shot in the leg.', ['dead_or_injured 1 Jane Roe']],
  ['Her friend was with her at the bar and was shot twice.', ['dead_or_injured 1 Her friend']],
  ['A man was sitting in his car and was later pronounced dead.', ['killed 1 A man']],
  ['A man was at home and two women were shot.', ['dead_or_injured 2 two']],
  ['The guard was off duty and shot a man.', ['dead_or_injured 1 a man']],
  // Someone newly told as a shooting's victim was shot; "the" victim is one already counted.
  ['Officers answered a report of a shooting victim at a clinic.', ['dead_or_injured 1 a shooting victim']],
  ['A shooting victim died at Orvale General.', ['killed 1 A shooting victim']],
  ['Police found a gunshot victim on Elm Road.', ['dead_or_injured 1 a gunshot victim']],
  ['The shooting victim was named.', []],
  ['She is a shooting victim advocate.', []],
  // Someone told by a possessive as shot after a death in the sentence is someone else, left alive; the
  // object of a second attack may have died of it.
  [
    'A father was killed and his 4-year-old son was shot.',
    ['killed 1 A father', 'injured 1 his 4-year-old son'],
  ],
  ['He killed two men and then shot his baby.', ['killed 2 two', 'dead_or_injured 1 his baby']],
  // A second predicate telling the shot person cared for says they are alive.
  ['Jane Roe, 18, was also shot and is being treated at Orvale General.', ['injured 1 Jane Roe']],
  ['A man was shot and was treated at the scene.', ['injured 1 A man']],
  // Digits against a slash and another number are a date or a fraction, not a count.
  ['A 4-year-old was shot 10/16/16 in Orvale.', ['dead_or_injured 1 A 4-year-old']],
  ['Police said 3/4 of the victims were hurt.', []],
  // An inverted role participle may take a short phrase before its copula.
  [
    'Injured in the shooting were a 19-year-old and a 22-year-old.',
    ['injured 1 a 19-year-old', 'injured 2 a 19-year-old and a 22-year-old'],
  ],
  ['Also killed in the attack was a guard.', ['killed 1 a guard']],
]

for (const [text, expected] of cases) {
  test(`wounded people: ${text}`, () => {
    assert.deepEqual(casualties(text), expected)
  })
}
