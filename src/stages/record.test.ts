import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { assertDoc } from '../model/invariants.ts'
import type { Doc } from '../model/types.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { quantities } from './quantities.ts'
import { fits, record } from './record.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), quantities(), record()])
const analyse = (text: string, title?: string): Doc => {
  const doc = run(makeDoc({ text, meta: { source: 'test', title } }))
  assertDoc(doc)
  return doc
}
const counts = (text: string) => {
  const { killed, injured } = analyse(text).record!
  return { killed: killed.best, injured: injured.best }
}

// Made-up articles: [text, expected killed / injured of the main event].
const cases: [string, { killed: number; injured: number }][] = [
  ['Two people were shot, one fatally, on Elm Road.', { killed: 1, injured: 1 }],
  ['Four people were shot at a party. Police said nobody died.', { killed: 0, injured: 4 }],
  ['A man was killed and three others were wounded.', { killed: 1, injured: 3 }],
  ['No one was hurt.', { killed: 0, injured: 0 }],
  ['The council met on Tuesday to discuss the budget.', { killed: 0, injured: 0 }],
  // A definite reference to a wounded person after a death names the same victim (shot, then died) ...
  [
    'A teen died after a shooting on Main Street. The teen was wounded in the chest.',
    { killed: 1, injured: 0 },
  ],
  // ... unless another victim was introduced, or the reference says it is someone else.
  [
    'A man killed four of his children at the home on Elm Road. The mother was also shot there.',
    { killed: 4, injured: 1 },
  ],
  [
    'A man was killed on Elm Road. A woman was shot in the arm. The woman was wounded in the arm.',
    { killed: 1, injured: 1 },
  ],
  ['A man was killed on Elm Road. The other man was wounded in the leg.', { killed: 1, injured: 1 }],
  // The name of one of the dead is that victim even with someone else told of ("no one else") ...
  [
    'Jon Vasko died after a shooting on Elm Road. No one else was hurt. Vasko was wounded in the chest.',
    { killed: 1, injured: 0 },
  ],
  // ... but a capitalised figure in a headline ("One Dead, One Hurt") is no name.
  [
    'One Dead, One Hospitalized In Dellport Shooting. A 16-year-old boy died after a shooting on Elm Road. A 16-year-old victim was taken to a hospital.',
    { killed: 1, injured: 1 },
  ],
  // A death told as part of a wounded figure ("including a girl who died") is counted in it.
  [
    'Three people were injured on Elm Road in Dellport, including a 17-year-old girl who died at a hospital.',
    { killed: 1, injured: 2 },
  ],
  // A member of a wounded group whose death the next sentence tells by name comes out of the group.
  [
    'A man opened fire outside a school in Dellport on Friday. Police said he fled. Mara and her mother were rushed to the hospital. Mara died late Friday.',
    { killed: 1, injured: 1 },
  ],
  // The killer's own death adds to the victims.
  ['A man shot four relatives, killing two, then himself.', { killed: 3, injured: 2 }],
  ['A man killed his neighbour before turning the gun on himself.', { killed: 2, injured: 0 }],
  // A killer shooting himself right after killing took his own life.
  ['A Dellport man killed his neighbour before shooting himself.', { killed: 2, injured: 0 }],
  ['A boy found a gun on Elm Road and shot himself.', { killed: 0, injured: 1 }],
  // Several killers killed, told apart from the victims' toll, add to it; a toll including them stays.
  [
    'Five people were killed and eight injured at a Dellport office on Monday; two suspects were killed later.',
    { killed: 7, injured: 8 },
  ],
  ['Three people, including two suspects, were killed on Elm Road.', { killed: 3, injured: 0 }],
  // A lead that tells of the dead only by a definite reference to one gives way to a larger exact figure.
  [
    "An autopsy on the woman killed in Sunday's shooting on Elm Road was completed on Tuesday. The results were released by the county. A man was charged on Monday. He will appear in court on Friday. His lawyer did not comment. Police believe he shot and killed Jane Roe and her daughter.",
    { killed: 2, injured: 0 },
  ],
  // A shooter who shot others and then himself, in a clause that tells of a killing, died too.
  [
    'A woman was shot and killed on Elm Road after a man shot the woman and then himself.',
    { killed: 2, injured: 0 },
  ],
  // A killer's own death told after the toll in its sentence, as what came next, is one more; not when the
  // killer is the figure ("a suspect who later killed himself") or among the toll ("including the gunman").
  ['Four people were shot to death on Elm Road, then the gunman killed himself.', { killed: 5, injured: 0 }],
  ['Two people died on Elm Road, including the gunman, who then shot himself.', { killed: 2, injured: 0 }],
  // ... in a sentence of its own too, when the figure is of the victims (the object of the killing, or a
  // victim the killer cannot be); a figure of the dead that may already count the killer stays.
  [
    'A Dellport man killed his wife and daughter on Sunday. He then turned the gun on himself, police said.',
    { killed: 3, injured: 0 },
  ],
  [
    'A 9-year-old girl died on Elm Road on Friday. Police said the man later shot and killed himself.',
    { killed: 2, injured: 0 },
  ],
  [
    'Shooting on Elm Road left two people dead. The gunman later turned the gun on himself.',
    { killed: 2, injured: 0 },
  ],
  [
    'A man was found dead in his home on Elm Road. Police said he turned the gun on himself.',
    { killed: 1, injured: 0 },
  ],
  // A murder-suicide after the victims killed: the killer is one more.
  ['Murder-suicide in Dellport: a man fatally shot his two sons.', { killed: 3, injured: 0 }],
  // The shooter killed by the police or named as dead adds to the victims ...
  [
    'A gunman opened fire on Elm Road, killing a woman, before officers shot him dead.',
    { killed: 2, injured: 0 },
  ],
  [
    'A gunman shot and killed a clerk in Dellport. The suspect was killed in a shootout with police.',
    { killed: 2, injured: 0 },
  ],
  [
    'A gunman shot and killed two people on Elm Road before he was fatally shot by police.',
    { killed: 3, injured: 0 },
  ],
  [
    'Police said a man shot and killed by officers in Dellport first shot and killed two neighbours.',
    { killed: 3, injured: 0 },
  ],
  // A killer the police killed, told apart from a figure of several dead, is one more ...
  [
    'Three members of a family were fatally shot in Dellport on Sunday. The suspect died after being shot by officers.',
    { killed: 4, injured: 0 },
  ],
  // ... unless the toll may count him: one more than the victims told, or a killing by the police.
  [
    'Two bailiffs were killed in Dellport. Three people are dead, including the shooter. The suspect was killed by deputies.',
    { killed: 3, injured: 0 },
  ],
  [
    'Police shot and killed two men on Elm Road. The gunman was killed after a chase.',
    { killed: 2, injured: 0 },
  ],
  // One death told twice: a telling the killer cannot be ("a woman") makes the killer one more.
  [
    'Dellport spree leaves 1 other person dead. A gunman fired into a bar before police shot him dead. The attack left a 30-year-old woman dead.',
    { killed: 2, injured: 0 },
  ],
  // ... but whom the police killed is the shooter, not a victim.
  [
    'Police officer fatally shoots man on Elm Road. The gunman was killed after a chase.',
    { killed: 1, injured: 0 },
  ],
  // One shot person among more dead tells nothing of the wounded: a wounded figure further down counts.
  [
    'Two men were killed at a car wash in Dellport. A victim was shot in the head. Police closed the road. Officers searched the lot. Witnesses saw a red car. At least five other people were wounded in the shooting.',
    { killed: 2, injured: 5 },
  ],
  // A name already given to the dead is that victim again.
  ['Jane Roe, 16, died on Tuesday. Roe was wounded in the chest.', { killed: 1, injured: 0 }],
  // "Another man was shot" is someone besides the dead; "shot another boy" sets the victim apart from the shooter.
  ['A teen died in a shooting on Elm Road. Another man was also shot in the arm.', { killed: 1, injured: 1 }],
  [
    'A teenager accidentally shot another boy on Elm Road. The boy died at a hospital.',
    { killed: 1, injured: 0 },
  ],
  // A pronoun that cannot be the dead is someone else.
  [
    'A 4-year-old girl died after a shooting on Elm Road. He was treated for his injuries.',
    { killed: 1, injured: 1 },
  ],
  // Even with someone shot introduced, "the girl" fits the dead girl and is her again; "the man" does not.
  [
    'A 2-year-old girl died on Elm Road. A 2-year-old girl was shot in the head. The girl was taken to a hospital.',
    { killed: 1, injured: 0 },
  ],
  [
    'A 2-year-old girl died on Elm Road. A 2-year-old girl was shot in the head. The man was taken to a hospital.',
    { killed: 1, injured: 1 },
  ],
  [
    'A 7-year-old girl died on Elm Road. A woman was shot in the arm. The 56-year-old was taken to a hospital.',
    { killed: 1, injured: 1 },
  ],
  // With one death, someone introduced as shot whom no description of the dead fits is another victim who
  // survived; a fitting one may be the dead victim shot, then died.
  [
    'A gunman fired into a van on Elm Road, killing a 15-year-old boy. A 40-year-old woman sitting in the van was also hit in the arm.',
    { killed: 1, injured: 1 },
  ],
  [
    'A gunman fired into a van on Elm Road, killing a 15-year-old boy. A teenager sitting in the van was hit in the arm.',
    { killed: 1, injured: 0 },
  ],
  // An ordinal after a figure of the wounded counts the people, not a running toll of the dead ...
  [
    'Deputies said two men suffered minor injuries on Elm Road and a third person died at the scene.',
    { killed: 1, injured: 2 },
  ],
  // ... which it is on its own.
  ['A third person has died after the shooting on Elm Road.', { killed: 3, injured: 0 }],
  // "were also shot": a shot figure besides the dead already told of.
  [
    'Police found a man dead on Elm Road. A woman and two teenagers were also shot and taken to a hospital.',
    { killed: 1, injured: 3 },
  ],
  // A group taken to hospitals counts the victim who died there: the dead come out of it.
  [
    'Victim in Elm Road shooting dies. All four victims were taken to Dellport General Hospital.',
    { killed: 1, injured: 3 },
  ],
  // A wounded figure of others besides the dead, which with the dead makes up a larger wounded figure, shows
  // that figure counts the dead too ...
  [
    'A shooting on Elm Road killed one man and injured three others. Four victims were taken to a hospital.',
    { killed: 1, injured: 3 },
  ],
  // ... but not a part of a conjoined total, nor others besides someone else than the dead.
  [
    'One man died on Elm Road. Jon Doe, 40, died, and three other men and a woman were injured.',
    { killed: 1, injured: 4 },
  ],
  [
    'Three people were injured and one killed on Elm Road. Police found two men shot. Two other victims were taken to a hospital.',
    { killed: 1, injured: 3 },
  ],
  // The dead named as a part of the wounded group just counted leave the rest of it wounded ...
  [
    'Five people were wounded in a shooting on Elm Road. One of them died at a hospital on Sunday.',
    { killed: 1, injured: 4 },
  ],
  // ... but not when the part is of another group.
  [
    'Three men were killed and four wounded on Elm Road. One of the three men died at the scene.',
    { killed: 3, injured: 4 },
  ],
  // A reflexive names its own subject again: the boy who shot himself is the boy who died.
  [
    'Boy, 4, dies after accidentally shooting himself in Dellport. The child was taken to a hospital.',
    { killed: 1, injured: 0 },
  ],
  // The lead decides when it has a figure; a statistic further down does not override it.
  [
    'A teen was shot dead on Friday. Police are searching for the gunman. The family is grieving. Neighbours left flowers. A vigil is planned. Last year 45 people were killed in the city.',
    { killed: 1, injured: 0 },
  ],
  // A death without a figure counts in the lead, not further down, where it is mostly an earlier killing.
  ['A homicide on Elm Road left neighbours shaken. Two people were shot.', { killed: 1, injured: 1 }],
  [
    'Four people were shot on Elm Road on Friday. All are expected to survive. Police are looking for a car. The street was closed. Officers found casings. Police believe it was retaliation for a homicide in June.',
    { killed: 0, injured: 4 },
  ],
  // A round-up's totals span several incidents: the incident told apart is the report's own ...
  [
    'Four people were killed and 11 wounded in shootings across the city on Tuesday. On Elm Road, a man was killed and two others were wounded.',
    { killed: 1, injured: 2 },
  ],
  [
    'A man was killed on Elm Road on Friday. So far this year, 120 people have been shot in the city.',
    { killed: 1, injured: 0 },
  ],
  // A night's or weekend's toll is a round-up too.
  [
    'Two killed, nine hurt in violent weekend in Dellport. A man was shot dead on Elm Road on Saturday.',
    { killed: 1, injured: 0 },
  ],
  // So is a toll over a stretch of hours.
  [
    'Nine people shot in Dellport in a 48-hour span. A man was wounded on Elm Road on Saturday.',
    { killed: 0, injured: 1 },
  ],
  [
    'Police said six people were shot in less than 30 hours. Two women were wounded outside a bar on Elm Road.',
    { killed: 0, injured: 2 },
  ],
  // ... but a spree told as separate incidents outweighs figures that state no number ("a man").
  [
    'A gunman killed four people and injured four others in three separate locations on Tuesday. A man was found dead in a car on Elm Road.',
    { killed: 4, injured: 4 },
  ],
  // One perpetrator's shootings are a spree, one incident, not a round-up.
  [
    'The suspect in the Dellport shootings killed four people and wounded two. One man died at the scene, police said.',
    { killed: 4, injured: 2 },
  ],
  // A toll from a week before is an earlier incident's.
  [
    'A man was wounded on Elm Road on Friday. A week ago, two people were killed and five others injured outside a club in Dellport.',
    { killed: 0, injured: 1 },
  ],
  // A sentence that counts its incidents is a round-up even beside figures that state no number.
  [
    'Four people were killed and 11 wounded in three separate shootings on Tuesday. A man was found dead in a car on Elm Road.',
    { killed: 1, injured: 0 },
  ],
  [
    'Six people were shot in 2 shootings on Friday night. A woman was wounded outside a bar on Elm Road.',
    { killed: 0, injured: 1 },
  ],
  // ... unless the round-up is all there is.
  ['Four people were killed and 11 wounded in separate shootings on Tuesday.', { killed: 4, injured: 11 }],
  // "N other … also killed" adds to the one victim named before them ...
  [
    'A gunman opened fire on Elm Road. Jon Doe was killed. Two other men were also killed in the attack.',
    { killed: 3, injured: 0 },
  ],
  // ... even in the sentence right after the lead ...
  [
    'Strike hits Dellport. A drone struck a car on Monday. The army confirmed the strike. Officials met on Tuesday. Vasko, a rebel commander, was killed. Two other officers were also killed in the strike.',
    { killed: 3, injured: 0 },
  ],
  // ... but not to a larger figure, which is more often the total already.
  [
    '3 dead in Dellport. Police found a body on Monday. Two other family members were found dead at home.',
    { killed: 3, injured: 0 },
  ],
  // "A second man was wounded" counts the people shot so far, the dead among them ...
  [
    'A man was shot on Elm Road in Dellport on Friday. A second man was wounded in the shooting.',
    { killed: 0, injured: 2 },
  ],
  [
    'A woman was shot dead on Elm Road on Friday. A second person was also shot and taken to a hospital.',
    { killed: 1, injured: 1 },
  ],
  // ... but not after a figure one fewer in its sentence (one more person, told apart), nor with no person.
  ['Four men were shot on Elm Road and a fifth man was hurt by broken glass.', { killed: 0, injured: 4 }],
  ['A man was shot on Elm Road. The gunman fired a second shot into the air.', { killed: 0, injured: 1 }],
  // Past the lead, an ordinal counting more people than the lead told of gives the wounded.
  [
    'A boy was shot on Elm Road in Dellport. He was taken to a hospital. Police arrived at 9 p.m. Officers searched the street. No one was arrested. A second victim, a 40-year-old man, was treated for a graze.',
    { killed: 0, injured: 2 },
  ],
  // With one death, a wounded person told as someone like the dead (every description fits) is that victim ...
  [
    'A 16-year-old boy died on Saturday after a shooting on Elm Road in Dellport. Police said a 16-year-old boy was critically wounded in the shooting on Friday.',
    { killed: 1, injured: 0 },
  ],
  // ... but not someone a description tells apart, nor one told as another ("also").
  [
    'A 16-year-old boy died on Saturday after a shooting on Elm Road in Dellport. Police said a 40-year-old woman was critically wounded in the shooting on Friday.',
    { killed: 1, injured: 1 },
  ],
  [
    'A 16-year-old boy died on Saturday after a shooting on Elm Road in Dellport. The shooting also left a 16-year-old boy wounded.',
    { killed: 1, injured: 1 },
  ],
  [
    'A 7-year-old girl was killed in a shooting on Elm Road. The shooting killed the girl and injured an 8-year-old girl.',
    { killed: 1, injured: 1 },
  ],
  // A wounded or shot figure told as the one first reported, then corrected, is left out.
  [
    'Four people were shot outside an apartment on Elm Road in Dellport. Police had originally said that seven people were shot, but amended that number to four.',
    { killed: 0, injured: 4 },
  ],
  // A figure of others broken down with its dead ("four others, including one who died") leaves them out.
  [
    'Police are looking for a man who shot four others, including one who died, at an apartment on Elm Road.',
    { killed: 1, injured: 3 },
  ],
  // With the shot figure all dead, a shot figure of others ("also shot") gives the survivors.
  [
    'A teenager was killed on Elm Road in Dellport. Police said he was shot on Elm Road. An adult man was also shot and is expected to recover.',
    { killed: 1, injured: 1 },
  ],
  // When everyone the lead tells of as shot died, a wounded figure past the lead introducing someone else
  // gives the survivors ...
  [
    'A girl was shot on Elm Road in Dellport. She died at the scene. Police came at night. Officers searched the street. No one was arrested. A 40-year-old man and a 19-year-old man suffered nonfatal gunshot wounds.',
    { killed: 1, injured: 2 },
  ],
  // A dead told without a name ("a man") leaves no name the survivor could share.
  [
    'A man was shot on Elm Road in Dellport. He died at the scene. Police came at night. Officers searched the street. No one was arrested. An officer was injured by a fragment.',
    { killed: 1, injured: 1 },
  ],
  // A survivors' figure that repeats the shot figure (the dead among them) calls everyone shot hurt.
  [
    'Jon Vasko was shot on Elm Road in Dellport. He died at a hospital. Police came at night. Officers searched the street. No one was arrested. That night, four people were shot, including Vasko. Officers found a total of four injured victims.',
    { killed: 1, injured: 3 },
  ],
  // ... but not the dead named again, a definite reference, or a mention that fits the dead.
  [
    'Jon Vasko was shot on Elm Road in Dellport. He died at the scene. Police came at night. Officers searched the street. No one was arrested. Vasko was flown to a hospital.',
    { killed: 1, injured: 0 },
  ],
  [
    'A boy was shot on Elm Road in Dellport. He died at a hospital. Police came at night. Officers searched the street. No one was arrested. Officers said a 9-year-old boy was critically injured.',
    { killed: 1, injured: 0 },
  ],
  // A shot figure told beside others hurt otherwise is the wounded: a register of gun violence counts the shot ...
  [
    'Five people hurt in Dellport. Four people were shot and a boy was injured as he fled, police said.',
    { killed: 0, injured: 4 },
  ],
  [
    'A fight on Elm Road left five people injured, three with gunshot wounds, police said.',
    { killed: 0, injured: 3 },
  ],
  // ... but not when the others hurt are the shot named again.
  [
    'Four men hurt in Dellport. Two men were shot in the leg and both were wounded.',
    { killed: 0, injured: 4 },
  ],
  // A lead figure of people taken to hospital is a part of the wounded: a larger wounded figure past the lead is all.
  [
    'A brawl outside a bar in Dellport sent three people to the hospital. It began at midnight. Police came soon. Officers searched the street. No one was arrested. Four people were wounded, police said.',
    { killed: 0, injured: 4 },
  ],
  // ... but not a figure told without a wound, or one that counts the dead too.
  [
    'A brawl outside a bar in Dellport sent three people to the hospital. It began at midnight. Police came soon. Officers searched the street. No one was arrested. Four people were treated at the scene.',
    { killed: 0, injured: 3 },
  ],
  [
    'A brawl outside a bar in Dellport sent three people to the hospital. It began at midnight. Police came soon. Officers searched the street. No one was arrested. Last year four people were wounded or killed there.',
    { killed: 0, injured: 3 },
  ],
  // So is a larger shot figure past the lead, less the dead.
  [
    'Three people were still in hospital on Tuesday after a brawl in Dellport. It began at midnight. Police came soon. Officers searched the street. No one was arrested. A man is accused of firing into a crowd, hitting five people.',
    { killed: 0, injured: 5 },
  ],
  [
    'A man was killed and two people were in hospital after a brawl in Dellport. It began at midnight. Police came soon. Officers searched the street. No one was arrested. All four victims were taken to a clinic.',
    { killed: 1, injured: 3 },
  ],
  // A split of the hurt between gunfire and glass gives the people shot, when its parts sum to the hurt.
  [
    'Five people were hurt on Elm Road in Dellport, four by gunshots and one by flying glass.',
    { killed: 0, injured: 4 },
  ],
  [
    'Five people were hurt on Elm Road in Dellport. Two were hit by bullets and one by flying glass, police said.',
    { killed: 0, injured: 5 },
  ],
  // Someone hurt otherwise than by gunfire, told apart, is left out when a wounded figure and they sum to the hurt ...
  [
    'Three people were hurt on Elm Road in Dellport. Two women were wounded by bullets. Police said the third victim was hit by flying glass.',
    { killed: 0, injured: 2 },
  ],
  // ... but glass thrown by the gunfire is the gunfire's.
  [
    'Three people were hurt on Elm Road in Dellport. Two women were wounded by bullets. A man was hit by flying glass from the gunfire.',
    { killed: 0, injured: 3 },
  ],
]

test('record: one killed and one injured count per document', () => {
  for (const [text, expected] of cases) assert.deepEqual(counts(text), expected, text)
})

test('record: an open figure keeps its open bound, and the evidence points at the figure', () => {
  const doc = analyse('At least four people were injured and two were killed in a shooting on Elm Road.')
  const { killed, injured } = doc.record!
  assert.deepEqual([injured.low, injured.best, injured.high], [4, 4, null])
  assert.deepEqual([killed.low, killed.best, killed.high], [2, 2, 2])
  for (const e of [...killed.evidence, ...injured.evidence])
    assert.equal(doc.text.slice(e.span.start, e.span.end), e.text)
  assert.deepEqual(
    injured.evidence.map((e) => e.text),
    ['At least four'],
  )
})

test('record: survivors of a shot figure cite both the shot and the killed figures', () => {
  const doc = analyse('Five people were shot on Elm Road. Two of the victims died.')
  const { killed, injured } = doc.record!
  assert.equal(killed.best, 2)
  assert.equal(injured.best, 3)
  assert.equal(injured.evidence.length, 2)
})

test('record: a count nothing supports is 0 without evidence', () => {
  const { killed } = analyse('Three people were wounded in a shooting on Elm Road.').record!
  assert.deepEqual(killed, { low: 0, best: 0, high: 0, evidence: [] })
})

test('record: a title the text does not contain is read as the lead, its evidence indexing the title', () => {
  const title = '2 dead, 3 hurt in Elm Road shooting'
  const doc = analyse('Police are looking for a gunman after a shooting on Elm Road on Friday night.', title)
  const { killed, injured } = doc.record!
  assert.deepEqual([killed.best, injured.best], [2, 3])
  for (const e of [...killed.evidence, ...injured.evidence]) {
    assert.equal(e.field, 'title')
    assert.equal(title.slice(e.span.start, e.span.end), e.text)
  }
  // A text that starts with its title is read once, with evidence in the text.
  const same = analyse(`${title}\n\nPolice are looking for a gunman.`, title)
  assert.equal(same.record!.killed.best, 2)
  assert.equal(same.record!.killed.evidence[0].field, undefined)
})

// Made-up articles for the killed count: [text, expected killed].
const killedCases: [string, number][] = [
  // A killed count resting on the counts of a charge gives way to a larger figure of the dead ...
  [
    'Jon Vasko was charged with two counts of first-degree murder on Monday. He appeared in court. His bail was set. He said nothing. The judge left. The shooting on Elm Road in Dellport left three men dead.',
    3,
  ],
  // ... and stands with no other figure, or beside a smaller one (two counts for one victim).
  ['Jon Vasko was charged with two counts of first-degree murder on Monday.', 2],
  [
    'Jon Vasko was charged with three counts of murder on Monday. He appeared in court. His bail was set. He said nothing. The judge left. Two men died on Elm Road in Dellport.',
    3,
  ],
  // A death past the lead without a figure is mostly an earlier one, but a murder-suicide counts two.
  [
    'Deputies were called to a home on Elm Road. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. Police said the deaths were a murder-suicide.',
    2,
  ],
  [
    'Deputies were called to a home on Elm Road. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. It was the second homicide in Dellport.',
    0,
  ],
  // "separate" before a noun that is no incident ("a separate felony") tells of no other incident ...
  [
    'Jon Vasko was charged with three counts of murder and with using a gun in a separate felony. He appeared in court. His bail was set. He said nothing. The judge left. The bodies of two men were found on Elm Road.',
    3,
  ],
  // ... before an incident noun, even past a name, it does.
  [
    'Two separate Dellport County shootings left three men dead on Sunday. Two men were shot dead on Elm Road.',
    2,
  ],
  // A lead that only says several died ("a murder-suicide", at least two) gives way to an exact larger figure.
  [
    'Police said it was a murder-suicide on Elm Road. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. Deputies found the bodies of an 8-year-old child, a man and a woman.',
    3,
  ],
  // A lead whose only death is the killer's suicide gives way to the victims told before the killer's death
  // further on, the killer added ...
  [
    'A man opened fire at a park in Dellport before turning the gun on himself. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. Police said the gunman killed two people and injured three before shooting himself.',
    3,
  ],
  // ... but not a death that is no killing of others.
  [
    'A teen took his own life in Dellport on Sunday. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. Police said one person died after he accidentally shot himself.',
    1,
  ],
  // A sentence opened by "in total" sums up the whole event, where the lead told of part of it.
  [
    'A deadly shooting closed Elm Road in Dellport. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. In total, two people were killed, including the suspect, and six others were injured.',
    2,
  ],
  // A lead telling the killer shot themselves after others counts the victims; the killer's death told later
  // adds one ...
  [
    'Two men died after a former worker shot three co-workers in Dellport and then himself. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. Afterward, the worker went home and killed himself.',
    3,
  ],
  // ... and without it the killer's fate is unknown.
  [
    'Two men died after a former worker shot three co-workers in Dellport and then himself. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. The worker was taken to a hospital.',
    2,
  ],
  // A later figure of the dead naming the lead's group as a part (same figure, same people) tells all of them ...
  [
    'Police are looking into the deaths of two children in Dellport. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. Two children and their father were found dead in a car.',
    3,
  ],
  // ... but not one of other people.
  [
    'Police are looking into the deaths of two children in Dellport. Neighbors gathered. The street was closed. Officers stayed late. Nobody spoke. Two men and their father were found dead in a car last year.',
    2,
  ],
]

test('record: the killed count of the main event', () => {
  for (const [text, expected] of killedCases) assert.equal(counts(text).killed, expected, text)
})

test('fits: two one-person mentions may be one person unless sex, child and adult, or age clash', () => {
  const same = (a: string, b: string) => fits({ text: a }, { text: b })
  // A possessor says nothing of the person: both are women.
  assert.equal(same('his wife', "her brother's wife"), true)
  // An age in words is the same age in digits.
  assert.equal(same('a six year old passenger', 'death of a 6-year-old boy'), true)
  assert.equal(same('a 16-year-old', 'an 18-year-old male'), false)
  assert.equal(same('a 9-month-old baby', '29-year-old Tamsin Reeve'), false)
  assert.equal(same('The father', 'the boy'), false)
  assert.equal(same('a man', 'the woman'), false)
  assert.equal(same('Tamsin Reeve', 'the woman'), true)
})
