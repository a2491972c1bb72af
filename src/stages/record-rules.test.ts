import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { analyseDocument } from '../pipeline/default.ts'

test('past the lead, figures of a sentence dated weeks earlier are an earlier event, not the report’s', () => {
  const text =
    'Militia vows revenge\n\n' +
    'A drone strike hit a car in Dellport on Wednesday. Officials said the strike targeted a commander. ' +
    'The militia promised to respond. Diplomats met on Thursday. The talks went on late. ' +
    'Two militia officials were killed in the strike. ' +
    'In late January, a rocket attack on a base in Ostravia killed five soldiers and wounded 30 others.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-08' } }))
  assert.equal(doc.record?.killed.best, 2)
  assert.equal(doc.record?.injured.best, 0)
})

test('"three other men were also hit" leaves out the dead already counted: three wounded, not two', () => {
  const text =
    'Man killed in Dellport shooting\n\n' +
    'A man was fatally shot on Elm Street in Dellport on Sunday. Three other men at the scene were also hit by gunfire and taken to a hospital, police said.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [1, 3])
})

test('a follow-up dating its event in the lead: a later sentence of that day tells the same event', () => {
  const text =
    'Dellport teen to stand trial in New Year shooting\n\n' +
    'A Dellport teen accused in the January 1 shooting on Elm Street appeared in court on Friday. ' +
    'The teen, 17, is charged with attempted murder. His lawyer said he would appeal. ' +
    'The hearing lasted two hours. Witnesses described a crowd leaving a party. ' +
    'The shots on January 1 wounded three people outside the hall.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-03-14' } }))
  assert.equal(doc.record?.injured.best, 3)
})

test('a wounded figure one death toll above the headline’s counts the dead among the hurt: the headline’s is the wounded', () => {
  const text =
    'Man killed, three hospitalized after Dellport shooting\n\n' +
    'A shooting outside a store in Dellport sent four people to the hospital on Sunday. ' +
    'A 40-year-old man died at the hospital, police said.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [1, 3])
})

test('"four others were injured" already leaves out the dead: the earlier figure does not replace it', () => {
  const text =
    'Four shot, one dead in Dellport\n\n' +
    'A woman was shot dead on Elm Street in Dellport on Sunday and four others were injured, police said.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [1, 4])
})

test('counts of attempted murder give way to a stated figure of the wounded', () => {
  const text =
    'Dellport man charged in party shooting\n\n' +
    'A Dellport man was charged with six counts of attempted murder on Monday after a shooting at a party. ' +
    'Three people were injured in the shooting, police said.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.equal(doc.record?.injured.best, 3)
})

test('counts of attempted murder stay the figure when the report states no other of several wounded', () => {
  const text =
    'Dellport man charged in party shooting\n\n' +
    'A Dellport man was charged with four counts of attempted murder on Monday after a shooting at a party. ' +
    'A woman was wounded, police said.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.equal(doc.record?.injured.best, 4)
})

test('a toll counted since a time of day is a round-up: the report’s own shooting gives the figures', () => {
  const text =
    'Nine shot, one fatally, since 8 p.m., including three at Dellport party\n\n' +
    'A gunman shot three people, one fatally, at a party on Elm Street in Dellport early Saturday, police said.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [1, 2])
})

test('a definite mention of someone shot whose age is not the dead’s is another victim, who survived', () => {
  const text =
    'Boy, 5, killed in Dellport drive-by\n\n' +
    'A 5-year-old boy was killed in a drive-by shooting in Dellport on Friday, police said. Officers arrived within minutes. ' +
    'The 7-year-old brother suffering from a gunshot wound to the leg has been released from the hospital.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [1, 1])
})

test('past the lead, a summing-up of the lead’s toll with more wounded counts the wounded the lead told in part', () => {
  const text =
    'Dellport gunman dies after rampage\n\n' +
    'In August, a gunman opened fire in Dellport before turning the gun on himself. One victim is still in the hospital, police said. ' +
    'The town held a vigil on Sunday. Friends gathered at the park. The mayor spoke briefly. ' +
    'Investigators say the gunman went on a rampage that killed one and injured three before he shot himself.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.equal(doc.record?.injured.best, 3)
})

test('the wounded figure told beside the death toll wins over an earlier count told apart from it', () => {
  const text =
    'Four killed, one wounded in Dellport shooting\n\n' +
    'Four people were killed and one person was wounded in a shooting at a house in Dellport, police said on Sunday. ' +
    'Officers responded on Saturday to a call and found two people shot to death and three wounded, police said.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [4, 1])
})

test('a title kept as metadata counts as told first for the wounded figure that leaves out the dead', () => {
  const text =
    'A shooting outside a store in Dellport sent four people to the hospital on Sunday. ' +
    'A 40-year-old man died at the hospital, police said.'
  const doc = analyseDocument(
    makeDoc({
      text,
      meta: {
        source: 't.jsonl',
        published: '2025-02-10',
        title: 'Man killed, three hospitalized after Dellport shooting',
      },
    }),
  )
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [1, 3])
})

test('a line opened by a year and a colon is a timeline entry of a past event: the report’s own toll stands', () => {
  const text =
    'Two dead, three hurt in Dellport shooting\n\n' +
    'Two men were killed and three people were wounded in a shooting on Elm Street in Dellport on Sunday, police said. ' +
    'Past shootings in the county:\n\n' +
    'May 2004: Seven people killed and four wounded at a Dellport warehouse.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [2, 3])
})

test('a toll between two weekdays is a round-up: the report’s own shooting gives the figure', () => {
  const text =
    'Teen killed in Dellport\n\n' +
    'A teen was shot and killed on Elm Street early Sunday, among 12 people killed in Dellport between Friday evening and Monday morning.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-02-10' } }))
  assert.equal(doc.record?.killed.best, 1)
})

test('a follow-up telling no wounded otherwise: a sentence dated earlier with the report’s death toll gives the wounded', () => {
  const text =
    'Two charged in Dellport killing\n\n' +
    'Two men were charged on Friday with killing a man in Dellport. Police gave no motive. ' +
    'The men are held without bail. Their lawyers said nothing. A hearing is set for next week. ' +
    'On March 2, a man was killed and his wife and son were critically wounded in their home on Elm Road.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-05-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [1, 2])
})

test('a follow-up whose death toll counts the killer: a sentence dated earlier with the victims’ toll gives the wounded', () => {
  const text =
    'Father of Dellport gunman arrested\n\n' +
    'The father of a Dellport student who killed four classmates and himself was arrested on Friday. ' +
    'He was charged with a gun crime. He is held without bail. His lawyer said nothing. A hearing is set. ' +
    'On March 2, the student fatally shot four friends and seriously wounded another at the school.'
  const doc = analyseDocument(makeDoc({ text, meta: { source: 't.txt', published: '2025-05-10' } }))
  assert.deepEqual([doc.record?.killed.best, doc.record?.injured.best], [5, 1])
})
