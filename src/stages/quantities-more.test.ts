import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { quantities } from './quantities.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), quantities()])
/** The largest killed figure the quantities of `text` give (0 when none). */
const mostKilled = (text: string): number =>
  Math.max(
    0,
    ...(run(makeDoc({ text, meta: { source: 't.txt' } })).quantities ?? [])
      .filter((q) => q.role === 'killed')
      .map((q) => q.best ?? 0),
  )

test('an approximate decimal keeps tidy bounds ("about 53.1 percent" is 47.79–58.41)', () => {
  const doc = run(
    makeDoc({ text: 'About 53.1 percent of adults were vaccinated.', meta: { source: 't.txt' } }),
  )
  const q = doc.quantities?.find((x) => x.best === 53.1)
  assert.ok(q, JSON.stringify(doc.quantities))
  assert.deepEqual([q.low, q.best, q.high], [47.79, 53.1, 58.41])
})

test('"a double murder-suicide" is three dead: two murdered and the killer', () => {
  const doc = run(
    makeDoc({ text: 'A boy died in a double murder-suicide in Dellport.', meta: { source: 't.txt' } }),
  )
  const q = doc.quantities?.find((x) => x.role === 'killed' && x.text.includes('murder-suicide'))
  assert.deepEqual([q?.low, q?.best, q?.high], [3, 3, 3])
})

test('"a girl showed up at a hospital with a gunshot wound" is one person shot', () => {
  const doc = run(
    makeDoc({
      text: 'A 17-year-old girl showed up at a Dellport hospital with a gunshot wound.',
      meta: { source: 't.txt' },
    }),
  )
  const q = doc.quantities?.find((x) => x.role === 'dead_or_injured')
  assert.deepEqual([q?.text, q?.best], ['A 17-year-old girl', 1])
})

test('an age written apart from its figure ("a fourteen year-old", "a 14 year-old") is one person, not a count', () => {
  for (const text of [
    'A fourteen year-old was shot and later died.',
    'A 14 year-old was shot and later died.',
  ]) {
    const doc = run(makeDoc({ text, meta: { source: 't.txt' } }))
    assert.ok(!doc.quantities?.some((q) => q.best === 14), JSON.stringify(doc.quantities))
    assert.ok(
      doc.quantities?.some((q) => q.role === 'killed' && q.best === 1),
      JSON.stringify(doc.quantities),
    )
  }
})

test('"the murder of Tom Harlan, Jr." counts one victim: a suffix after the comma ends the same name', () => {
  const doc = run(
    makeDoc({
      text: 'A teen was charged with the murder of Tom Harlan, Jr. Dellport police said.',
      meta: { source: 't.txt' },
    }),
  )
  const q = doc.quantities?.find((x) => x.role === 'killed')
  assert.equal(q?.best, 1, JSON.stringify(doc.quantities))
})

test('a partner and their children shot dead, then the killer: four killed ("partner", "spouse" are people)', () => {
  assert.equal(
    mostKilled('A man fatally shot his partner and their two children before killing himself in Dellport.'),
    4,
  )
})

test('"three members of a family were fatally shot": the predicate after an "of" phrase gives the role', () => {
  for (const [text, n] of [
    ['Three members of a family were fatally shot in Dellport.', 3],
    ['Two employees of the bank were killed on Friday.', 2],
  ] as const) {
    const q = run(makeDoc({ text, meta: { source: 't.txt' } })).quantities?.find((x) => x.best === n)
    assert.equal(q?.role, 'killed', text)
  }
})

test('"one of four women wounded in a shooting in Dellport has died": four shot, one dead, the town no victim', () => {
  const doc = run(
    makeDoc({
      text: 'One of four women wounded in a late night shooting in Dellport has died.',
      meta: { source: 't.txt' },
    }),
  )
  const roles = (doc.quantities ?? []).map((q) => `${q.role}:${q.best}:${q.text}`)
  assert.ok(roles.includes('dead_or_injured:4:four women'), roles.join(' | '))
  assert.ok(!roles.some((r) => r.endsWith(':Dellport')), roles.join(' | '))
})

test('"called 911" is an emergency number, not 911 people shot', () => {
  const doc = run(
    makeDoc({ text: 'Her son called 911 reporting that he had been shot.', meta: { source: 't.txt' } }),
  )
  assert.ok(!doc.quantities?.some((q) => q.best === 911), JSON.stringify(doc.quantities))
})

test('"four victims, three juveniles and one adult, suffered injuries" is four hurt, not eight', () => {
  const doc = run(
    makeDoc({
      text: 'Four victims, three juveniles and one adult, suffered minor injuries.',
      meta: { source: 't.txt' },
    }),
  )
  const hurt = (doc.quantities ?? []).filter((q) => q.role === 'injured').map((q) => q.best)
  assert.deepEqual(hurt, [4])
})

test('"two of those men, <names>, died" counts the men named in the aside as killed', () => {
  const doc = run(
    makeDoc({
      text: 'Two of those men, 23-year-old Jon Doe and 24-year-old Tim Roe, died after the shooting.',
      meta: { source: 't.txt' },
    }),
  )
  assert.ok(
    doc.quantities?.some((q) => q.role === 'killed' && q.best === 2),
    JSON.stringify(doc.quantities),
  )
})

test('names with ages and conjoined relatives share the predicate: "A, 35, B, 29, and their two children died" is 4', () => {
  for (const [text, n] of [
    ['Lon Berry, 35, Ada Morris, 29, and their two children died after the shooting.', 4],
    ['Lon Berry, 35, Ada Morris, 29, and Bo Berry, 4, died after the shooting.', 3],
    ['Lon Berry and his two children died.', 3],
  ] as const) {
    assert.equal(mostKilled(text), n, text)
  }
})

test('a name after "on" or "by" is not a victim ("caught on Facebook Live, a boy and a man were killed")', () => {
  assert.equal(
    mostKilled('In a shooting caught on Facebook Live, a 2-year-old boy and a 26-year-old man were killed.'),
    2,
  )
})

test('headline "Fourth victim in Elm Road shooting dies" is a toll of at least four killed', () => {
  const doc = run(makeDoc({ text: 'Fourth victim in Elm Road shooting dies', meta: { source: 't.txt' } }))
  const q = doc.quantities?.find((x) => x.role === 'killed')
  assert.deepEqual([q?.low, q?.best, q?.high], [4, 4, null])
})

test('"8 yo girl killed" writes an age, not eight killed', () => {
  const doc = run(makeDoc({ text: '8 yo girl killed by gunfire off the highway', meta: { source: 't.txt' } }))
  assert.ok(!doc.quantities?.some((q) => q.best === 8), JSON.stringify(doc.quantities))
})

test('asides one after another ("Jon Doe, 25, of Dellport, was killed") still lead to the predicate', () => {
  assert.equal(mostKilled('Jon Doe, 25, of Dellport, was shot and killed on Sunday.'), 1)
  assert.equal(mostKilled('Police said Jane Roe, 41, a bus driver, died at the scene.'), 1)
  // A long description set off by commas: "Vasko, a commander in charge of …, was killed".
  assert.equal(
    mostKilled(
      'Vasko, a rebel commander in charge of the brigade’s northern and western operations in Ostrava, was killed in a strike.',
    ),
    1,
  )
})

test('names listed with their asides are still counted together', () => {
  assert.equal(mostKilled('Jon Doe, 25, Jane Roe, 30, and Rob Poe, 4, were killed.'), 3)
  assert.equal(mostKilled('Jon Doe, 25, of Dellport, and Jane Roe, 30, were killed.'), 2)
})

test('a death after a hospital transfer: "where he was pronounced deceased", "where she passed away" is killed', () => {
  for (const text of [
    'Tam Oller was rushed to a Dellport hospital where he was later pronounced deceased.',
    'The girl was taken to Mercy Hospital, where she later passed away.',
  ]) {
    const doc = run(makeDoc({ text, meta: { source: 't.txt' } }))
    const roles = (doc.quantities ?? []).map((q) => q.role)
    assert.ok(
      roles.includes('killed') && !roles.includes('injured'),
      `${text} ${JSON.stringify(doc.quantities)}`,
    )
  }
})

test('"Everybody is hurt" counts no one: a pronoun for everyone is not a name', () => {
  const doc = run(
    makeDoc({ text: '“Everybody is hurt,” said Rona Vale, a cousin.', meta: { source: 't.txt' } }),
  )
  assert.ok(!doc.quantities?.some((q) => q.role === 'injured'), JSON.stringify(doc.quantities))
})

test('"one shooting happened Monday" counts an event, while "3 shooting deaths" counts the dead', () => {
  const events = run(
    makeDoc({
      text: 'Captain Ada Roe said one shooting happened Monday and the second during the evening.',
      meta: { source: 't.txt' },
    }),
  )
  assert.ok(!events.quantities?.some((q) => q.role === 'dead_or_injured'), JSON.stringify(events.quantities))
  assert.equal(mostKilled('Police linked the stabbing to 3 shooting deaths in Dellport.'), 3)
})

test('"shot him dead", "shot a shop owner to death" are killed, "shot him in the leg" is shot', () => {
  for (const [text, role] of [
    ['Police shot him dead after a chase on Elm Road.', 'killed'],
    ['A gunman shot a shop owner to death in Dellport.', 'killed'],
    ['Police shot him in the leg after a chase.', 'dead_or_injured'],
  ] as const) {
    const doc = run(makeDoc({ text, meta: { source: 't.txt' } }))
    assert.deepEqual(
      (doc.quantities ?? []).map((q) => q.role),
      [role],
      `${text} ${JSON.stringify(doc.quantities)}`,
    )
  }
})

test('"taken off life support" is a death', () => {
  assert.equal(mostKilled('Tova Lenz, 5, has been taken off life support, her aunt said.'), 1)
  assert.equal(mostKilled('The boy was taken off of life support on Sunday.'), 1)
})

test('"suffered nonfatal gunshot wounds" is hurt, not shot dead or alive', () => {
  const doc = run(
    makeDoc({
      text: 'Two men suffered nonfatal gunshot wounds, police said.',
      meta: { source: 't.txt' },
    }),
  )
  assert.deepEqual(
    (doc.quantities ?? []).map((q) => [q.role, q.best]),
    [['injured', 2]],
  )
})

test('two wounded people each introduced with "a" in one sentence add up to 2', () => {
  const doc = run(
    makeDoc({
      text: 'A 39-year-old man was in critical condition and a 26-year-old was in stable condition, Sgt. Ada Roe said.',
      meta: { source: 't.txt' },
    }),
  )
  const most = Math.max(...(doc.quantities ?? []).filter((q) => q.role === 'injured').map((q) => q.best ?? 0))
  assert.equal(most, 2)
})

test('"A teenager shot another boy": the shooter is the agent, only "another boy" was shot', () => {
  const doc = run(
    makeDoc({ text: 'A teenager accidentally shot another boy on Elm Road.', meta: { source: 't.txt' } }),
  )
  assert.deepEqual(
    (doc.quantities ?? []).map((q) => q.text),
    ['another boy'],
  )
})

test('vehicles, buildings and animals hit by gunfire are no casualties: "two cars were hit", "one of the family dogs"', () => {
  for (const text of [
    'Two cars were hit by gunfire on the interstate near Dellport.',
    'The shotgun went off, injuring one of the family dogs.',
    'Mercy Hospital was placed on lockdown after the shooting.',
  ]) {
    const doc = run(makeDoc({ text, meta: { source: 't.txt' } }))
    assert.ok(
      !doc.quantities?.some((q) => ['killed', 'injured', 'dead_or_injured'].includes(q.role)),
      `${text} ${JSON.stringify(doc.quantities)}`,
    )
  }
})

test('"Another man, woman were injured": a comma list closed by a plural verb is one subject of two', () => {
  const doc = run(
    makeDoc({ text: 'Another man, woman were injured in the same shooting', meta: { source: 't.txt' } }),
  )
  const most = Math.max(...(doc.quantities ?? []).filter((q) => q.role === 'injured').map((q) => q.best ?? 0))
  assert.equal(most, 2, JSON.stringify(doc.quantities))
})

test('"killed over the weekend" has no object: the people before it were killed ("over 20" would be one)', () => {
  assert.equal(
    mostKilled('Police are questioning a man about two students shot and killed over the weekend.'),
    2,
  )
  assert.equal(mostKilled('The gunman killed over 20 people.'), 21)
})

test('an inverted role clause counts the phrase after the copula: "Also killed were two men", not ages', () => {
  assert.equal(mostKilled('A woman died in the Orvale blast. Also killed were two men.'), 2)
  assert.equal(mostKilled('Killed were Tam Brell, 22, and Sib Odane, 25.'), 2)
  const doc = run(
    makeDoc({
      text: 'Among those wounded were three guards. Those injured were 28 and 31 years old.',
      meta: { source: 't.txt' },
    }),
  )
  const injured = (doc.quantities ?? []).filter((q) => q.role === 'injured').map((q) => q.best)
  assert.deepEqual(injured, [3], JSON.stringify(doc.quantities))
})

test('a headline\'s bare person noun after "leaves" or a colon is counted: "Shooting leaves young woman dead"', () => {
  assert.equal(mostKilled('Shooting leaves young woman dead in Orvale'), 1)
  const doc = run(makeDoc({ text: 'Sheriff: teen wounded near Dellport creek', meta: { source: 't.txt' } }))
  assert.ok(
    doc.quantities?.some((q) => q.role === 'injured' && q.best === 1),
    JSON.stringify(doc.quantities),
  )
})

test('a possessor before "\'s" determines a person noun: "The toddler\'s aunt, grandmother and a neighbour were wounded"', () => {
  const doc = run(
    makeDoc({
      text: "The toddler's aunt, grandmother and a neighbour were wounded in Orvale.",
      meta: { source: 't.txt' },
    }),
  )
  const most = Math.max(...(doc.quantities ?? []).filter((q) => q.role === 'injured').map((q) => q.best ?? 0))
  assert.equal(most, 3, JSON.stringify(doc.quantities))
  assert.equal(mostKilled("Police said Talia Brenn's nephew was killed near the Dellport depot."), 1)
  assert.equal(mostKilled("Talia Brenn's nephew shot a clerk."), 0)
})

test('someone "being treated at a hospital" or "recovering in the hospital" is hurt; "treated at the scene" alone says nothing', () => {
  for (const text of [
    'A woman, 31, is still being treated at a hospital in Orvale.',
    'The boy is recovering in the hospital.',
  ]) {
    const doc = run(makeDoc({ text, meta: { source: 't.txt' } }))
    assert.ok(
      doc.quantities?.some((q) => q.role === 'injured' && q.best === 1),
      `${text} ${JSON.stringify(doc.quantities)}`,
    )
  }
  const scene = run(makeDoc({ text: 'Two men were treated at the scene.', meta: { source: 't.txt' } }))
  assert.ok(!scene.quantities?.some((q) => q.role === 'injured'), JSON.stringify(scene.quantities))
})

test('a state after the object of "left" or "found" is its role: "left Tam Brell dead", "found her wounded"', () => {
  assert.equal(mostKilled('The gunfire left Tam Brell and a cashier dead in Orvale.'), 2)
  assert.equal(mostKilled('Deputies found him dead beside the Dellport road.'), 1)
  const doc = run(
    makeDoc({ text: 'The blast left her wounded. He left her a note.', meta: { source: 't.txt' } }),
  )
  const roles = (doc.quantities ?? []).map((q) => [q.role, q.best])
  assert.deepEqual(roles, [['injured', 1]], JSON.stringify(doc.quantities))
})

test('a gerund after "to" is no infinitive: "pleaded guilty to killing two men" counts them, "tried to kill" does not', () => {
  assert.equal(mostKilled('Orin Vask pleaded guilty to murdering three people in Dellport.'), 3)
  assert.equal(mostKilled('Orin Vask tried to kill two men in Dellport.'), 0)
})

test('"a woman and two of her children": a part of someone\'s group is another conjunct; "one of them" is not', () => {
  assert.equal(mostKilled('A gunman in Orvale killed a clerk and two of his sons.'), 3)
  assert.equal(mostKilled('Two hikers were shot near Dellport, one of them fatally.'), 1)
})

test('a name set off after a person noun in a list is the same person: "his wife, Jana Holt, 34, and their son"', () => {
  assert.equal(
    mostKilled(
      'Police said he fatally shot his wife, Jana Holt, 34, and their 2-year-old son, Joss Holt, in Orvale.',
    ),
    2,
  )
})

test('a killer named last among the victims by a relative clause is no one more: "… and a man who … turned the gun on himself"', () => {
  assert.equal(
    mostKilled(
      'The shooting in Orvale claimed the lives of a nurse and a man who, police said, shot her, then turned the gun on himself.',
    ),
    2,
  )
  assert.equal(mostKilled('He killed his wife and son in Dellport before turning the gun on himself.'), 3)
})

test('an adverb between a name and its verb keeps the name the subject: "Tam Brell later died"', () => {
  assert.equal(mostKilled('Tam Brell later died at Orvale General.'), 1)
  assert.equal(mostKilled('Tam Brell, 45, also was killed.'), 1)
})

test('a role participle used as a noun opens an inverted clause: "Among the dead were two guards", "The wounded included a nurse"', () => {
  assert.equal(mostKilled('Among the dead were two guards from Orvale.'), 2)
  const doc = run(makeDoc({ text: 'The wounded included a nurse from Dellport.', meta: { source: 't.txt' } }))
  assert.ok(
    doc.quantities?.some((q) => q.role === 'injured' && q.best === 1),
    JSON.stringify(doc.quantities),
  )
})

test('"the mother of a boy was shot": the predicate after an "of" phrase naming a person is the head\'s', () => {
  const read = (text: string) =>
    (run(makeDoc({ text, meta: { source: 't.txt' } })).quantities ?? []).map((q) => [q.text, q.role])
  assert.deepEqual(read('The mother of a boy was shot in Dellport on Monday.'), [
    ['The mother', 'dead_or_injured'],
  ])
  assert.deepEqual(read('A friend of Tamsin Reeve was wounded on Monday.'), [['A friend', 'injured']])
  assert.deepEqual(read('Police said the father of a 3-year-old girl was killed.'), [
    ['the father', 'killed'],
  ])
  // The person in the "of" phrase keeps only what its own words say of it.
  assert.deepEqual(read('The parents of a baby were arrested on Monday.'), [])
  assert.deepEqual(read('The uncle of a slain teen was charged on Monday.'), [['a slain teen', 'killed']])
  // A relative clause gives it a predicate of its own.
  assert.deepEqual(read('The family of a man who was killed spoke on Monday.'), [['a man', 'killed']])
  assert.deepEqual(read('The father of a boy who was shot on Monday was charged.'), [
    ['a boy', 'dead_or_injured'],
  ])
})
