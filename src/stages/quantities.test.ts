import assert from 'node:assert/strict'
import { test } from 'node:test'
import { makeDoc } from '../model/doc.ts'
import { assertDoc } from '../model/invariants.ts'
import type { Quantity } from '../model/types.ts'
import { createPipeline } from '../pipeline/stage.ts'
import { quantities } from './quantities.ts'
import { segment } from './segment.ts'
import { tokenize } from './tokenize.ts'

const run = createPipeline([tokenize(), segment(), quantities()])

/** [text, low, best, high, role, counted] */
type Row = [string, number | null, number | null, number | null, Quantity['role'], string]

const find = (text: string): Row[] => {
  const doc = run(makeDoc({ text, meta: { source: 'test' } }))
  assertDoc(doc)
  return (doc.quantities ?? []).map((q) => [q.text, q.low, q.best, q.high, q.role, q.counted])
}

// Made-up sentences: [sentence, expected quantities in order].
const cases: [string, Row[]][] = [
  // Digits, words, scales.
  ['Officials said 1,200 people were evacuated.', [['1,200', 1200, 1200, 1200, 'evacuated', 'people']]],
  ['Forty-seven villagers are missing.', [['Forty-seven', 47, 47, 47, 'missing', 'villagers']]],
  ['One hundred and twenty people fled.', [['One hundred and twenty', 120, 120, 120, 'displaced', 'people']]],
  ['A dozen men were detained.', [['A dozen', 12, 12, 12, 'arrested', 'men']]],
  [
    'The fund lost $2.5 million this year.',
    [['$2.5 million', 2500000, 2500000, 2500000, 'money', 'dollars']],
  ],
  ['Turnout fell by 12 percent.', [['12 percent', 12, 12, 12, 'percent', 'percent']]],
  // Qualifiers.
  ['At least 40 people were injured.', [['At least 40', 40, 40, null, 'injured', 'people']]],
  ['More than 40 people were hurt.', [['More than 40', 41, 41, null, 'injured', 'people']]],
  ['Over 300 protesters were arrested.', [['Over 300', 301, 301, null, 'arrested', 'protesters']]],
  ['Up to 10 crew members are missing.', [['Up to 10', null, 10, 10, 'missing', 'members']]],
  ['As many as 10 hostages were freed.', [['As many as 10', null, 10, 10, 'kidnapped', 'hostages']]],
  ['About 50 families fled the fighting.', [['About 50', 45, 50, 55, 'displaced', 'families']]],
  ['Nearly 50 people died.', [['Nearly 50', 45, 50, 50, 'killed', 'people']]],
  ['Some 3 people were wounded.', [['Some 3', 2, 3, 4, 'injured', 'people']]],
  ['Fewer than 20 people were hurt.', [['Fewer than 20', null, null, 19, 'injured', 'people']]],
  ['Dozens of people were injured.', [['Dozens', 24, null, 99, 'injured', 'people']]],
  ['Hundreds of residents fled.', [['Hundreds', 200, null, 999, 'displaced', 'residents']]],
  ['Scores of demonstrators were detained.', [['Scores', 40, null, 199, 'arrested', 'demonstrators']]],
  ['A handful of soldiers were wounded.', [['A handful of', 3, null, 8, 'injured', 'soldiers']]],
  ['Between 3 and 5 people were hospitalized.', [['Between 3 and 5', 3, null, 5, 'injured', 'people']]],
  ['Police detained 3-5 suspects.', [['3-5', 3, null, 5, 'arrested', 'suspects']]],
  ['Two or three workers died.', [['Two or three', 2, null, 3, 'killed', 'workers']]],
  // Roles bound to their own verb in coordinated constructions.
  [
    'The blast killed three soldiers and injured at least 40.',
    [
      ['three', 3, 3, 3, 'killed', 'soldiers'],
      ['at least 40', 40, 40, null, 'injured', ''],
    ],
  ],
  [
    'The raid, killing three soldiers and injuring at least 40, lasted an hour.',
    [
      ['three', 3, 3, 3, 'killed', 'soldiers'],
      ['at least 40', 40, 40, null, 'injured', ''],
    ],
  ],
  [
    'The crash left 3 dead and 12 wounded.',
    [
      ['3', 3, 3, 3, 'killed', ''],
      ['12', 12, 12, 12, 'injured', ''],
    ],
  ],
  [
    'Three people were killed and 47 others injured.',
    [
      ['Three', 3, 3, 3, 'killed', 'people'],
      ['47', 47, 47, 47, 'injured', 'others'],
    ],
  ],
  [
    'The gunman killed 3 people and wounded 5.',
    [
      ['3', 3, 3, 3, 'killed', 'people'],
      ['5', 5, 5, 5, 'injured', ''],
    ],
  ],
  ['The death toll rose to 12 on Friday.', [['12', 12, 12, 12, 'killed', '']]],
  ['Three Palestinian civilians were killed.', [['Three', 3, 3, 3, 'killed', 'civilians']]],
  ['Two men were shot dead outside a bar.', [['Two', 2, 2, 2, 'killed', 'men']]],
  ['Four people were shot and wounded.', [['Four', 4, 4, 4, 'injured', 'people']]],
  ['Five people were shot near the park.', [['Five', 5, 5, 5, 'dead_or_injured', 'people']]],
  // Shot, one fatally: the rest were injured.
  [
    'Two people were shot, one fatally.',
    [
      ['Two', 2, 2, 2, 'dead_or_injured', 'people'],
      ['one', 1, 1, 1, 'killed', ''],
      ['Two people were shot, one fatally', 1, 1, 1, 'injured', 'people'],
    ],
  ],
  [
    'Three men were shot and one of them died.',
    [
      ['Three', 3, 3, 3, 'dead_or_injured', 'men'],
      ['one', 1, 1, 1, 'killed', 'them'],
      ['Three men were shot and one of them', 2, 2, 2, 'injured', 'men'],
    ],
  ],
  // Conjoined counts share the predicate and make a total.
  [
    'Three men and two women were hurt.',
    [
      ['Three', 3, 3, 3, 'injured', 'men'],
      ['Three men and two women', 5, 5, 5, 'injured', ''],
      ['two', 2, 2, 2, 'injured', 'women'],
    ],
  ],
  [
    'A boy and four other people were shot.',
    [
      ['A boy', 1, 1, 1, 'dead_or_injured', 'boy'],
      ['A boy and four other people', 5, 5, 5, 'dead_or_injured', ''],
      ['four', 4, 4, 4, 'dead_or_injured', 'people'],
    ],
  ],
  ['She is accused of killing her two passengers.', [['two', 2, 2, 2, 'killed', 'passengers']]],
  ['Police say the teen shot three relatives to death.', [['three', 3, 3, 3, 'killed', 'relatives']]],
  // Names as victims: subject of a matching passive, or object of a role verb.
  ['Jane Roe was pronounced dead at the scene.', [['Jane Roe', 1, 1, 1, 'killed', '']]],
  ['Jane Roe and Ann Poe were shot dead.', [['Jane Roe and Ann Poe', 2, 2, 2, 'killed', '']]],
  ['The gunman killed 5-year-old Jane Roe.', [['5-year-old Jane Roe', 1, 1, 1, 'killed', '']]],
  ['Jane Roe shot two men.', [['two', 2, 2, 2, 'dead_or_injured', 'men']]],
  [
    'The gunman killed one man and wounded another.',
    [
      ['one', 1, 1, 1, 'killed', 'man'],
      ['another', 1, 1, 1, 'injured', 'another'],
    ],
  ],
  [
    'He shot three people to death and injured a fourth.',
    [
      ['three', 3, 3, 3, 'killed', 'people'],
      ['a fourth', 1, 1, 1, 'injured', 'fourth'],
    ],
  ],
  ['A teen was shot but survived.', [['A teen', 1, 1, 1, 'injured', 'teen']]],
  // A group taken to hospital may count those who died there, like a figure of the shot; one person taken
  // there, or a group in a stated condition, was hurt.
  ['Two victims were transported to Mercy Medical Center.', [['Two', 2, 2, 2, 'dead_or_injured', 'victims']]],
  ['Three men were taken to the hospital in stable condition.', [['Three', 3, 3, 3, 'injured', 'men']]],
  ['One man was taken to the hospital.', [['One', 1, 1, 1, 'injured', 'man']]],
  ['Two victims were taken to the hospital, where they died.', [['Two', 2, 2, 2, 'killed', 'victims']]],
  // People an active verb sent to a hospital were hurt; a death straight after is the main clause's.
  [
    'A victim of the shooting that sent four people to the hospital has died.',
    [['four', 4, 4, 4, 'dead_or_injured', 'people']],
  ],
  ['Rockets hit Tower 22 base overnight.', []],
  ['Gunman Kills 3 In Mall', [['3', 3, 3, 3, 'killed', '']]],
  ['Police are treating it as a murder-suicide.', [['murder-suicide', 2, null, null, 'killed', '']]],
  ['Deputies called it a murder/suicide.', [['murder/suicide', 2, null, null, 'killed', '']]],
  [
    'Deputies investigate a murder-suicide involving two adults and two children.',
    [['murder-suicide involving two adults and two children', 4, 4, 4, 'killed', '']],
  ],
  [
    'Police investigate the deaths of two men and a woman on Elm Road.',
    [['deaths of two men and a woman', 3, 3, 3, 'killed', '']],
  ],
  [
    'A man was named as the shooter in the Dellport murders-suicide.',
    [['murders-suicide', 2, null, null, 'killed', '']],
  ],
  [
    'The trial over the deaths of Jane Roe, 9, and Ann Poe, 52, began.',
    [['deaths of Jane Roe, 9, and Ann Poe', 2, 2, 2, 'killed', '']],
  ],
  [
    'She mourned the death of a girl and her grandmother.',
    [['death of a girl and her grandmother', 2, 2, 2, 'killed', '']],
  ],
  [
    'Gunfire claimed the lives of a Dellport father and the two teenage daughters he raised.',
    [['claimed the lives of a Dellport father and the two teenage daughters', 3, 3, 3, 'killed', '']],
  ],
  ['It was a fatal shooting.', [['fatal shooting', 1, null, null, 'killed', '']]],
  // A fatal event told with its victims counts them.
  [
    'Dellport police probe the fatal shooting of a woman and two of her sons.',
    [['fatal shooting of a woman and two of her sons', 3, 3, 3, 'killed', '']],
  ],
  [
    'Police probe the deadly shooting of two men on Elm Road.',
    [['deadly shooting of two men', 2, 2, 2, 'killed', 'men']],
  ],
  ['She is a mother of two.', []],
  [
    'Deputies found the victim, a six-year-old girl, fatally wounded.',
    [['the victim', 1, 1, 1, 'killed', 'victim']],
  ],
  ['A third person has died after the attack.', [['A third person', 3, 3, null, 'killed', 'person']]],
  // "involved in …" after the subject, and "have" closing the phrase.
  [
    'All three people involved in a shooting on Elm Road have now died.',
    [['three', 3, 3, 3, 'killed', 'people']],
  ],
  // A headline's ordinal before one modifier; a victim told with whose victim it is takes the later predicate.
  [
    'Second teen victim dies after Dellport shooting',
    [['Second teen victim', 2, 2, null, 'killed', 'victim']],
  ],
  ['Third victim of Elm Road gunman dies', [['Third victim', 3, 3, null, 'killed', 'victim']]],
  ['Second Street victim dies', [['Second Street victim', 1, 1, 1, 'killed', 'victim']]],
  ['The fifth man was pronounced dead.', [['The fifth man', 1, 1, 1, 'killed', 'man']]],
  [
    'He is accused in the slayings of three people.',
    [['slayings of three people', 3, 3, 3, 'killed', 'people']],
  ],
  [
    'He opened fire, killing her and another woman.',
    [
      ['her', 1, 1, 1, 'killed', 'her'],
      ['her and another woman', 2, 2, 2, 'killed', ''],
    ],
  ],
  [
    'Police identified the victim of a deadly downtown bar shooting.',
    [['deadly downtown bar shooting', 1, null, null, 'killed', '']],
  ],
  [
    'He is charged with the murder of 16-year-old Jane Roe.',
    [
      ['He', 1, 1, 1, 'arrested', 'he'],
      ['murder of 16-year-old', 1, 1, 1, 'killed', ''],
    ],
  ],
  [
    'The hunter accidentally shot himself and died.',
    [
      ['The hunter', 1, 1, 1, 'killed', 'hunter'],
      ['himself', 1, 1, 1, 'killed', 'himself'],
    ],
  ],
  ['Three troopers who entered the house were wounded.', [['Three', 3, 3, 3, 'injured', 'troopers']]],
  ['Teen shot near the park dies at hospital.', [['Teen', 1, 1, 1, 'killed', 'teen']]],
  [
    'One of two men shot on Monday has died.',
    [
      ['One', 1, 1, 1, 'killed', 'men'],
      ['two men', 2, 2, 2, 'dead_or_injured', 'men'],
    ],
  ],
  // The group of a partitive counts only with its own participle or relative clause.
  [
    'Jane was one of four people hit by gunfire.',
    [
      ['one', 1, 1, 1, 'dead_or_injured', 'people'],
      ['four people', 4, 4, 4, 'dead_or_injured', 'people'],
    ],
  ],
  [
    'One of the three men who were wounded is in critical condition.',
    [
      ['One', 1, 1, 1, 'injured', 'men'],
      ['three men', 3, 3, 3, 'injured', 'men'],
    ],
  ],
  ['One of the four men has died.', [['One', 1, 1, 1, 'killed', 'men']]],
  // A charge is filed per victim: counts of murder are the dead, of attempted murder the wounded.
  [
    'He faces four counts of attempted first-degree murder.',
    [['four counts of attempted first-degree murder', 4, 4, 4, 'injured', 'murder']],
  ],
  [
    'She is charged with two counts of murder.',
    [
      ['She', 1, 1, 1, 'arrested', 'she'],
      ['two counts of murder', 2, 2, 2, 'killed', 'murder'],
    ],
  ],
  // A title-case headline: a figure after a capitalised function word is no label.
  [
    'Suspect in Dellport Killings Charged With 3 Counts of Murder',
    [['3 Counts of Murder', 3, 3, 3, 'killed', 'murder']],
  ],
  [
    'He faces one count each of first-degree attempted murder and robbery.',
    [['one count each of first-degree attempted murder', 1, 1, 1, 'injured', 'murder']],
  ],
  // The degree of the crime may be "aggravated", "involuntary", …; a count of manslaughter is one dead too.
  [
    'He faces five counts of aggravated murder.',
    [['five counts of aggravated murder', 5, 5, 5, 'killed', 'murder']],
  ],
  [
    'He pleaded guilty to two counts of involuntary manslaughter.',
    [['two counts of involuntary manslaughter', 2, 2, 2, 'killed', 'manslaughter']],
  ],
  ['Three people were released from the hospital on Sunday.', [['Three', 3, 3, 3, 'injured', 'people']]],
  // Treated at a hospital is hurt; treated at the scene says nothing of a wound.
  ['Two men were treated at Dellport General Hospital.', [['Two', 2, 2, 2, 'injured', 'men']]],
  [
    'At least 12 people were treated in local hospitals.',
    [['At least 12', 12, 12, null, 'injured', 'people']],
  ],
  ['Three workers were treated at the scene.', [['Three', 3, 3, 3, 'other', 'workers']]],
  // Coming to a hospital on one's own is being shot or hurt when the wound is told.
  [
    'Two other victims showed up at Dellport General Hospital with gunshot wounds.',
    [['Two', 2, 2, 2, 'dead_or_injured', 'victims']],
  ],
  ['Three men drove themselves to a hospital with minor injuries.', [['Three', 3, 3, 3, 'injured', 'men']]],
  [
    'Four teens showed up at Dellport General Hospital in a stolen car.',
    [['Four', 4, 4, 4, 'other', 'teens']],
  ],
  // A relative clause that tells the wound is the counted people's predicate, unless a death follows.
  [
    'Officers found four men who had sustained gunshot wounds.',
    [['four', 4, 4, 4, 'dead_or_injured', 'men']],
  ],
  ['Two women who suffered minor injuries were released.', [['Two', 2, 2, 2, 'injured', 'women']]],
  // An aside of ages between the counted people and their predicate: with commas of its own, or without.
  ['Three men, ages 19, 20 and 24, were shot on Elm Road.', [['Three', 3, 3, 3, 'dead_or_injured', 'men']]],
  ['Three men, ages 19, 20, and 24, were wounded.', [['Three', 3, 3, 3, 'injured', 'men']]],
  ['Four teens ages 14 to 17 were shot outside the rink.', [['Four', 4, 4, 4, 'dead_or_injured', 'teens']]],
  ['Police investigate gunshot death on Elm Road', [['gunshot death', 1, null, null, 'killed', '']]],
  // Fired at is not hit; shot at a place or at close range is.
  ['Two men were shot at but not hit.', [['Two', 2, 2, 2, 'other', 'men']]],
  ['He shot at two officers.', [['two', 2, 2, 2, 'other', 'officers']]],
  ['A man was shot at a party on Elm Road.', [['A man', 1, 1, 1, 'dead_or_injured', 'man']]],
  [
    "Police say the 9-year-old's gunshot wound was accidental.",
    [["9-year-old's gunshot wound", 1, 1, 1, 'dead_or_injured', '9-year-old']],
  ],
  // A count of shots does not stop "and died"; a headline subject may carry an age aside.
  ['The man was shot several times and died at a hospital.', [['The man', 1, 1, 1, 'killed', 'man']]],
  ['Fear on Elm Road after girl, 15, is killed by gunmen', [['girl', 1, 1, 1, 'killed', 'girl']]],
  // A condition said of someone makes them injured; "critical of" is no condition.
  ['Woman critical after being shot on Elm Road', [['Woman', 1, 1, 1, 'injured', 'woman']]],
  ['A man was critical of the plan.', []],
  // A pair noun after a possessive counts two.
  [
    'He is accused of fatally shooting his parents and two siblings.',
    [
      ['his parents', 2, 2, 2, 'killed', 'parents'],
      ['his parents and two siblings', 4, 4, 4, 'killed', ''],
      ['two', 2, 2, 2, 'other', 'siblings'],
    ],
  ],
  // Headline style: a name or adjective before an event noun is no victim; "claims life of".
  ['Accidental shooting claims life of 15-year-old', [['claims life of 15-year-old', 1, 1, 1, 'killed', '']]],
  ['Elm Grove shooting under investigation', []],
  // Headline style: a person noun without article after "of"; an age before "suffers".
  ['Charges filed in shooting death of Elmwood teen', [['death of Elmwood teen', 1, 1, 1, 'killed', 'teen']]],
  ['1-year-old suffers fatal gunshot wound', [['1-year-old', 1, 1, 1, 'killed', '1-year-old']]],
  // "striking five people"; one subject shot "along with" others is counted with them.
  [
    'A man opened fire at a bus stop, striking five people.',
    [['five', 5, 5, 5, 'dead_or_injured', 'people']],
  ],
  [
    'Jane Roe was shot along with three others on Elm Road.',
    [
      ['Jane Roe', 1, 1, 1, 'dead_or_injured', ''],
      ['along with three others', 4, 4, 4, 'dead_or_injured', 'others'],
    ],
  ],
  // A named person and a count of others, object of one casualty verb, are counted together.
  [
    'Gunfire struck Doe and two others near the park.',
    [['Doe and two others', 3, 3, 3, 'dead_or_injured', 'others']],
  ],
  ['Police arrested Doe and two others.', [['two', 2, 2, 2, 'other', 'others']]],
  ['Police said 1 shooting victim has died.', [['1', 1, 1, 1, 'killed', 'victim']]],
  [
    'The bullet struck his wife, resulting in her death.',
    [
      ['his wife', 1, 1, 1, 'dead_or_injured', 'wife'],
      ['her death', 1, 1, 1, 'killed', ''],
    ],
  ],
  ['The blast could easily have killed her.', []],
  ['Deputy who killed man was an insurance executive.', []],
  [
    'They were charged with the attempted murders of five teenagers.',
    [['five', 5, 5, 5, 'other', 'teenagers']],
  ],
  ['He did not mean to hurt him.', []],
  ['The dog suffered a minor injury.', []],
  [
    'Jane Roe was airlifted to Mercy Hospital in critical condition, where she later died.',
    [
      ['Jane Roe', 1, 1, 1, 'killed', ''],
      ['she', 1, 1, 1, 'killed', 'she'],
    ],
  ],
  ['Officers found a girl suffering from a gunshot wound.', [['a girl', 1, 1, 1, 'dead_or_injured', 'girl']]],
  ['A woman in the car was also hit in the leg.', [['A woman', 1, 1, 1, 'dead_or_injured', 'woman']]],
  [
    'The student killed four classmates and himself.',
    [
      ['four', 4, 4, 4, 'killed', 'classmates'],
      ['four classmates and himself', 5, 5, 5, 'killed', ''],
    ],
  ],
  [
    'Woman, boyfriend killed in daytime shooting',
    [
      ['Woman', 1, 1, 1, 'killed', 'woman'],
      ['Woman, boyfriend', 2, 2, 2, 'killed', ''],
    ],
  ],
  [
    'A gunman shot dead a clerk and a customer.',
    [
      ['a clerk', 1, 1, 1, 'killed', 'clerk'],
      ['a clerk and a customer', 2, 2, 2, 'killed', ''],
    ],
  ],
  [
    'The fire claimed the lives of a mother and her son.',
    [['claimed the lives of a mother and her son', 2, 2, 2, 'killed', '']],
  ],
  [
    'Three people were hurt and a teenager died.',
    [
      ['Three', 3, 3, 3, 'injured', 'people'],
      ['a teenager', 1, 1, 1, 'killed', 'teenager'],
    ],
  ],
  // A killer's victims and the killer's own death in one sentence add up; a lone suicide does not.
  [
    'A woman shot and killed her two daughters before killing herself.',
    [
      ['two', 2, 2, 2, 'killed', 'daughters'],
      ['herself', 1, 1, 1, 'killed', 'herself'],
      ['two daughters before killing herself', 3, 3, 3, 'killed', ''],
    ],
  ],
  [
    'The man killed his wife and then took his own life.',
    [
      ['his wife', 1, 1, 1, 'killed', 'wife'],
      ['his own life', 1, 1, 1, 'killed', ''],
      ['his wife and then took his own life', 2, 2, 2, 'killed', ''],
    ],
  ],
  // A possessor before the figure is a determiner: the figure is the object of the role verb.
  [
    "A Dellport man shot and killed his neighbor's two sons.",
    [
      ['his neighbor', 1, 1, 1, 'killed', 'neighbor'],
      ['two', 2, 2, 2, 'killed', 'sons'],
    ],
  ],
  [
    "A man fatally shot his ex-girlfriend's two daughters, then turned the gun on himself.",
    [
      ['his ex-girlfriend', 1, 1, 1, 'killed', 'ex-girlfriend'],
      ['two', 2, 2, 2, 'killed', 'daughters'],
      ['himself', 1, 1, 1, 'killed', 'himself'],
      ['two daughters, then turned the gun on himself', 3, 3, 3, 'killed', ''],
    ],
  ],
  // An infinitive tells an attempt or an intent, not a death.
  [
    'The woman killed her husband, then tried to take her own life.',
    [['her husband', 1, 1, 1, 'killed', 'husband']],
  ],
  ['Police said the man had threatened to take his own life.', []],
  [
    'The boy fatally shot himself.',
    [
      ['The boy', 1, 1, 1, 'killed', 'boy'],
      ['himself', 1, 1, 1, 'killed', 'himself'],
    ],
  ],
  // A later death of the same person; "in a shooting" is no one else dying.
  [
    'A 16-year-old boy who was wounded in a shooting on Friday died on Saturday.',
    [['A 16-year-old boy', 1, 1, 1, 'killed', 'boy']],
  ],
  [
    'A man was wounded in a shooting and a woman died.',
    [
      ['A man', 1, 1, 1, 'injured', 'man'],
      ['a woman', 1, 1, 1, 'killed', 'woman'],
    ],
  ],
  ['A girl was shot in the head and killed.', [['A girl', 1, 1, 1, 'killed', 'girl']]],
  ['A 23-year-old man was declared dead at the scene.', [['A 23-year-old man', 1, 1, 1, 'killed', 'man']]],
  // Headlines drop the auxiliary and capitalise prepositions.
  ['Jane Roe, 16, Killed In Elm Road Crash', [['Jane Roe', 1, 1, 1, 'killed', '']]],
  ['Gunman Killed His Wife', [['His Wife', 1, 1, 1, 'killed', 'wife']]],
  // A headline's comma list before its role word is one group.
  [
    'Gunfire leaves 3 men, 1 woman wounded',
    [
      ['3', 3, 3, 3, 'injured', 'men'],
      ['3 men, 1 woman', 4, 4, 4, 'injured', ''],
      ['1', 1, 1, 1, 'injured', 'woman'],
    ],
  ],
  // "the shooting of" names the people shot; a thing shot is no one.
  [
    'Police are investigating the shooting of a man and his son.',
    [['shooting of a man and his son', 2, 2, 2, 'dead_or_injured', '']],
  ],
  [
    'Arrest made in shooting of 4-year-old girl',
    [['shooting of 4-year-old girl', 1, 1, 1, 'dead_or_injured', '']],
  ],
  ['Police are investigating the shooting of a car.', []],
  ['Four people were sent to the hospital.', [['Four', 4, 4, 4, 'dead_or_injured', 'people']]],
  // "at least 2 dead" leaves the injured among the shot open.
  [
    'Ten people were shot, at least two fatally.',
    [
      ['Ten', 10, 10, 10, 'dead_or_injured', 'people'],
      ['at least two', 2, 2, null, 'killed', ''],
    ],
  ],
  // Someone newly introduced as shot beside the dead survived; a group shot may include the dead.
  [
    'A teen was killed and a delivery driver was shot on the job.',
    [
      ['A teen', 1, 1, 1, 'killed', 'teen'],
      ['a delivery driver', 1, 1, 1, 'injured', 'driver'],
    ],
  ],
  [
    'One person died and four others were shot.',
    [
      ['One', 1, 1, 1, 'killed', 'person'],
      ['four', 4, 4, 4, 'injured', 'others'],
    ],
  ],
  [
    'One person died and five people were shot.',
    [
      ['One', 1, 1, 1, 'killed', 'person'],
      ['five', 5, 5, 5, 'dead_or_injured', 'people'],
    ],
  ],
  [
    'A man died after he was shot.',
    [
      ['A man', 1, 1, 1, 'killed', 'man'],
      ['he', 1, 1, 1, 'dead_or_injured', 'he'],
    ],
  ],
  // An arrest verb before the child does not make the child a victim of another killer.
  [
    'Sitter charged after 6-year-old fatally shoots herself',
    [
      ['6-year-old', 1, 1, 1, 'killed', '6-year-old'],
      ['herself', 1, 1, 1, 'killed', 'herself'],
    ],
  ],
  ['Police investigate an attempted murder-suicide.', []],
  ['Police investigate a murder-suicide.', [['murder-suicide', 2, null, null, 'killed', '']]],
  // Bodies count the dead when they are someone's; gunfire and bullets hit people.
  ['Police found the bodies of two men.', [['bodies of two men', 2, 2, 2, 'killed', 'men']]],
  ['The body of the car was damaged.', []],
  ['A man was hit by gunfire.', [['A man', 1, 1, 1, 'dead_or_injured', 'man']]],
  ['A girl was struck by a stray bullet.', [['A girl', 1, 1, 1, 'dead_or_injured', 'girl']]],
  ['A man was hit by a car.', []],
  // Injuries suffered or had; a body part makes it a shot, "has died" is no injury.
  ['Two teens suffered non-life-threatening injuries.', [['Two', 2, 2, 2, 'injured', 'teens']]],
  ['The other three have serious injuries.', [['three', 3, 3, 3, 'injured', '']]],
  ['Two men suffered fatal injuries.', [['Two', 2, 2, 2, 'killed', 'men']]],
  ['The girl suffered injuries to her leg.', [['The girl', 1, 1, 1, 'dead_or_injured', 'girl']]],
  ['The teen has died from his wounds.', [['The teen', 1, 1, 1, 'killed', 'teen']]],
  ['A man had a gun in his hand.', []],
  // "N more" counts an addition; "more than" and "more times" do not.
  ['Three more were hurt.', [['Three', 3, 3, 3, 'injured', '']]],
  [
    'The rampage left two dead and three more hurt.',
    [
      ['two', 2, 2, 2, 'killed', ''],
      ['three', 3, 3, 3, 'injured', ''],
    ],
  ],
  ['Two more people died on Sunday.', [['Two', 2, 2, 2, 'killed', 'people']]],
  ['He fired three more times.', []],
  // A person after "including" belongs to the group already counted.
  [
    'Two people were killed, including the suspect, and six others were wounded.',
    [
      ['Two', 2, 2, 2, 'killed', 'people'],
      ['six', 6, 6, 6, 'injured', 'others'],
    ],
  ],
  // A doubled dash opens and closes an aside; "the shooting of five" counts bare.
  [
    'Four juveniles -- including two children -- were injured.',
    [
      ['Four', 4, 4, 4, 'injured', 'juveniles'],
      ['two', 2, 2, 2, 'other', 'children'],
    ],
  ],
  [
    'Police investigate the shooting of five in the park.',
    [['shooting of five', 5, 5, 5, 'dead_or_injured', '']],
  ],
  ['The shooting of 2015 was unsolved.', []],
  // Headlines drop the article after a finite verb: "kills wife, self"; a noun modifier is no verb.
  [
    'Man kills wife, self in Elm Road home',
    [
      ['wife', 1, 1, 1, 'killed', 'wife'],
      ['wife, self', 2, 2, 2, 'killed', ''],
    ],
  ],
  ['Father shoots, kills son', [['son', 1, 1, 1, 'killed', 'son']]],
  ['Police seek shooting suspect', []],
  // An adverb makes an -ing word a verb; a shooting's own relative clause tells its toll (a person's does not);
  // one modifier may come before the person.
  ['Woman accused of fatally shooting toddler in Dellport', [['toddler', 1, 1, 1, 'killed', 'toddler']]],
  ['Crash that killed Dellport teen', [['Dellport teen', 1, 1, 1, 'killed', 'teen']]],
  ['Deputy who killed man cleared by jury', []],
  // "gunning down" kills, and the gunman who guns people down is no victim; possessives inside a fatal event.
  ['Men arrested for gunning down 3 teens', [['3', 3, 3, 3, 'killed', 'teens']]],
  ['Gunman guns down two men', [['two', 2, 2, 2, 'killed', 'men']]],
  [
    "Boy charged in fatal New Year's Eve shooting",
    [
      ['Boy', 1, 1, 1, 'arrested', 'boy'],
      ["fatal New Year's Eve shooting", 1, null, null, 'killed', ''],
    ],
  ],
  // An age after a name may run into the next word ("Jane Roe, 31 all died").
  [
    'Three people died: Ann Poe, 30, and Jane Roe, 31 all from Elm Road.',
    [['Three', 3, 3, 3, 'killed', 'people']],
  ],
  // A possessive before a conjoined figure: "a mother and her two children".
  [
    'A mother and her two children were found dead.',
    [
      ['A mother', 1, 1, 1, 'killed', 'mother'],
      ['A mother and her two children', 3, 3, 3, 'killed', ''],
      ['two', 2, 2, 2, 'killed', 'children'],
    ],
  ],
  // An age aside inside a conjoined group; every figure of an age list is an age.
  [
    'Two children, ages 3 and 5, and their mother were found dead.',
    [
      ['Two', 2, 2, 2, 'killed', 'children'],
      ['Two children, ages 3 and 5, and their mother', 3, 3, 3, 'killed', ''],
    ],
  ],
  // "hitting" takes its victims as object, like "striking".
  [
    'The rifle went off, hitting himself and his three nephews.',
    [
      ['himself', 1, 1, 1, 'dead_or_injured', 'himself'],
      ['himself and his three nephews', 4, 4, 4, 'dead_or_injured', ''],
      ['three', 3, 3, 3, 'other', 'nephews'],
    ],
  ],
  // Victims of a shooting were shot, with no predicate to say so.
  [
    'Two other gunshot victims drove themselves to a hospital.',
    [['Two', 2, 2, 2, 'dead_or_injured', 'victims']],
  ],
  ['Medics treated four shooting victims on Elm Road.', [['four', 4, 4, 4, 'dead_or_injured', 'victims']]],
  // A participle phrase after the subject; not when the auxiliary is another clause's or another subject's.
  ['A man walking his dog was shot on Elm Road.', [['A man', 1, 1, 1, 'dead_or_injured', 'man']]],
  ['Two women standing at a bus stop were wounded.', [['Two', 2, 2, 2, 'injured', 'women']]],
  [
    'Police sought two men running away after a boy was shot.',
    [
      ['two', 2, 2, 2, 'other', 'men'],
      ['a boy', 1, 1, 1, 'dead_or_injured', 'boy'],
    ],
  ],
  [
    'Officers met a woman who said her brother had been shot.',
    [['her brother', 1, 1, 1, 'dead_or_injured', 'brother']],
  ],
  // An age list after people is ages, and the people on either side of it are one group.
  [
    'Two women, 31 and 33, and a man, 40, were wounded.',
    [
      ['Two', 2, 2, 2, 'injured', 'women'],
      ['Two women, 31 and 33, and a man', 3, 3, 3, 'injured', ''],
      ['a man', 1, 1, 1, 'injured', 'man'],
    ],
  ],
  // A victim who survived was hurt; one who survived unharmed was not.
  ['One of the four victims survived the attack.', [['One', 1, 1, 1, 'injured', 'victims']]],
  ['Two victims survived unharmed.', [['Two', 2, 2, 2, 'other', 'victims']]],
  // A reported clause between the wound verb and the wound ("what police say are") still tells the wound.
  ['Four teens sustained what police say are serious injuries.', [['Four', 4, 4, 4, 'injured', 'teens']]],
  // The group of a partitive of shooting victims was shot.
  [
    'Jon Vasko was one of five victims of the Monday shooting.',
    [
      ['one', 1, 1, 1, 'dead_or_injured', 'victims'],
      ['five victims', 5, 5, 5, 'dead_or_injured', 'victims'],
    ],
  ],
  [
    'She was one of four shooting victims.',
    [
      ['one', 1, 1, 1, 'dead_or_injured', 'victims'],
      ['four shooting victims', 4, 4, 4, 'dead_or_injured', 'victims'],
    ],
  ],
  // Someone told alive, or expected to survive or recover, was hurt; "alive and well" was not.
  ['All three victims were alive when they reached a hospital.', [['three', 3, 3, 3, 'injured', 'victims']]],
  ['The two other men are expected to survive.', [['two', 2, 2, 2, 'injured', 'men']]],
  ['The two girls were alive and well.', [['two', 2, 2, 2, 'other', 'girls']]],
  ['The three other victims are expected to be OK.', [['three', 3, 3, 3, 'injured', 'victims']]],
  // People in an aside after a plural group noun share the predicate after the closing comma.
  [
    'The victims, a 20-year-old man and a 31-year-old woman, were wounded.',
    [
      ['a 20-year-old man', 1, 1, 1, 'injured', 'man'],
      ['a 20-year-old man and a 31-year-old woman', 2, 2, 2, 'injured', ''],
    ],
  ],
  // "may have been" hedges a count of the hurt; "could have been" tells what did not happen.
  ['Police said four people may have been hurt.', [['four', 4, 4, 4, 'injured', 'people']]],
  ['Two men could have been shot.', [['Two', 2, 2, 2, 'other', 'men']]],
  // "survived but": the predicate after it is how the survivors were hurt.
  ['The two other girls survived but were also hit by gunfire.', [['two', 2, 2, 2, 'injured', 'girls']]],
  // A second predicate telling the shot alive makes them hurt.
  ['A clerk was shot but is in stable condition.', [['A clerk', 1, 1, 1, 'injured', 'clerk']]],
  ['Two men were shot and are expected to be fine.', [['Two', 2, 2, 2, 'injured', 'men']]],
  // Two plural nouns joined after one figure share it: five people in all.
  ['Five men and women were wounded at a bar.', [['Five', 5, 5, 5, 'injured', 'men']]],
  // A bare age after a person noun is an age, and the people on either side of it are one group.
  [
    'The baby, 1, and his uncle, 40, were shot on Elm Road.',
    [
      ['The baby', 1, 1, 1, 'dead_or_injured', 'baby'],
      ['The baby, 1, and his uncle', 2, 2, 2, 'dead_or_injured', ''],
      ['his uncle', 1, 1, 1, 'dead_or_injured', 'uncle'],
    ],
  ],
  [
    'Three men, aged 20, 21 and 25, and a woman were wounded.',
    [
      ['Three', 3, 3, 3, 'injured', 'men'],
      ['Three men, aged 20, 21 and 25, and a woman', 4, 4, 4, 'injured', ''],
      ['a woman', 1, 1, 1, 'injured', 'woman'],
    ],
  ],
  ['The victims were aged 15 and 16.', []],
  // A headline's bare person noun after a conjunction.
  ['Sheriff silent after toddler shot, killed in home', [['toddler', 1, 1, 1, 'killed', 'toddler']]],
  ['Vigil held as teen dies', [['teen', 1, 1, 1, 'killed', 'teen']]],
  ['Police arrived after officer shot suspect', []],
  // Bare people listed after the conjunction share the predicate.
  [
    'Two held after boy, 6-year-old shot on Elm Road',
    [
      ['boy', 1, 1, 1, 'dead_or_injured', 'boy'],
      ['boy, 6-year-old', 2, 2, 2, 'dead_or_injured', ''],
      ['6-year-old', 1, 1, 1, 'dead_or_injured', '6-year-old'],
    ],
  ],
  [
    'Vigil after man and woman killed in Dellport',
    [
      ['man', 1, 1, 1, 'killed', 'man'],
      ['man and woman', 2, 2, 2, 'killed', ''],
    ],
  ],
  // A member after "including" with a relative clause of its own still counts.
  [
    'Three people were shot, including a man who died.',
    [
      ['Three', 3, 3, 3, 'dead_or_injured', 'people'],
      ['a man', 1, 1, 1, 'killed', 'man'],
    ],
  ],
  // Implied counts and zeros.
  ['A man was killed in the crash.', [['A man', 1, 1, 1, 'killed', 'man']]],
  ['One person died at the scene.', [['One', 1, 1, 1, 'killed', 'person']]],
  ['A 19-year-old woman was wounded.', [['A 19-year-old woman', 1, 1, 1, 'injured', 'woman']]],
  ['The gunman shot and killed a clerk.', [['a clerk', 1, 1, 1, 'killed', 'clerk']]],
  ['He was later pronounced dead.', [['He', 1, 1, 1, 'killed', 'he']]],
  ['No one else was injured.', [['No one else', 0, 0, 0, 'injured', '']]],
  ['There were no injuries.', [['no injuries', 0, 0, 0, 'injured', '']]],
  ['Police are investigating a double homicide.', [['double homicide', 2, 2, 2, 'killed', '']]],
  ['Dellport police probe a triple fatal shooting.', [['triple fatal shooting', 3, 3, 3, 'killed', '']]],
  // An age written without its hyphens stands for the person as "a 2-year-old" does.
  ['A 2 year old died after the shooting.', [['A 2 year old', 1, 1, 1, 'killed', 'old']]],
  ['A 14-year old was shot in Dellport.', [['A 14-year old', 1, 1, 1, 'dead_or_injured', 'old']]],
  // A headline's capitalised plural of people is no one's name, so no single victim.
  ['Women gunned down at Dellport courthouse', []],
  // "then himself" after a shooting verb: the shooter shot himself too.
  [
    'A man shot his wife and then himself.',
    [
      ['his wife', 1, 1, 1, 'dead_or_injured', 'wife'],
      ['himself', 1, 1, 1, 'dead_or_injured', 'himself'],
    ],
  ],
  // The multiplier joined to its event by a hyphen counts the same.
  ['Police are investigating a triple-murder on Elm Road.', [['triple-murder', 3, 3, 3, 'killed', '']]],
  ['Police probe a double-shooting in Dellport.', [['double-shooting', 2, 2, 2, 'dead_or_injured', '']]],
  // Two killings told in turn add up.
  [
    'Police said he shot and killed his girlfriend and then fatally shot two men on Elm Road.',
    [
      ['his girlfriend', 1, 1, 1, 'killed', 'girlfriend'],
      ['two', 2, 2, 2, 'killed', 'men'],
      ['his girlfriend and then fatally shot two', 3, 3, 3, 'killed', ''],
    ],
  ],
  // Not counts: years, dates, ages, times, addresses, phone numbers, calibres, labels, ordinals.
  ['In 2014 the mill closed.', []],
  ['The attack happened on March 3 in the north.', []],
  ['John Doe, 23, was arrested on Main Road.', []],
  ['The victim, aged 23, died.', [['The victim', 1, 1, 1, 'killed', 'victim']]],
  ['A 23-year-old was hurt.', [['A 23-year-old', 1, 1, 1, 'injured', '23-year-old']]],
  // "911" is a label, not a count; the father found dead is one killed.
  ["The 911 caller's father was found dead.", [["caller's father", 1, 1, 1, 'killed', 'father']]],
  ['It happened at 7:30 p.m. at 123 Elm Street.', []],
  ['Call 555-1234 with tips.', []],
  ['Police found a .45 handgun and a 9mm pistol.', []],
  ['He violated Section 3 of the act.', []],
  ['She finished 5th in the race.', []],
  [
    'He was shot 3 times.',
    [
      ['He', 1, 1, 1, 'dead_or_injured', 'he'],
      ['3', 3, 3, 3, 'other', 'times'],
    ],
  ],
  // Words that are not numbers here.
  ['It was one of the best days.', []],
  // A role adjective before the person gives the role when no verb does; a verb still wins.
  ['Slain teen remembered at Elm Road vigil', [['Slain teen', 1, 1, 1, 'killed', 'teen']]],
  ['The wounded officer is expected to recover.', [['The wounded officer', 1, 1, 1, 'injured', 'officer']]],
  ['The injured man later died.', [['The injured man', 1, 1, 1, 'killed', 'man']]],
  ['The dead woman was not named.', [['The dead woman', 1, 1, 1, 'killed', 'woman']]],
  // Condition and death phrases.
  ['A second man is fighting for his life.', [['A second man', 1, 1, 1, 'injured', 'man']]],
  ['The boy was declared clinically dead on Monday.', [['The boy', 1, 1, 1, 'killed', 'boy']]],
  ['Student takes own life in school parking lot', [['own life', 1, 1, 1, 'killed', '']]],
  // One killing named by its crime: at least one dead; not when attempted, intended, earlier, or a unit.
  ['Detectives are investigating a Sunday night homicide.', [['homicide', 1, null, null, 'killed', '']]],
  ['He faces a murder charge.', [['murder', 1, null, null, 'killed', '']]],
  ['He was charged with attempted first-degree murder.', [['He', 1, 1, 1, 'arrested', 'he']]],
  ['Homicide detectives are investigating.', []],
  ['The feud dates back to a 2015 murder.', []],
  ['He had a prior conviction for second-degree murder.', []],
  // An age with an adverb before the role; "hit in a shooting"; family words as person nouns.
  [
    'Police: 12-year-old accidentally shot at home',
    [['12-year-old', 1, 1, 1, 'dead_or_injured', '12-year-old']],
  ],
  ['Three people were hit in an overnight shooting.', [['Three', 3, 3, 3, 'dead_or_injured', 'people']]],
  ['A mom was wounded on Elm Road.', [['A mom', 1, 1, 1, 'injured', 'mom']]],
]

test('quantities: figures, qualifiers, roles and exclusions', () => {
  for (const [text, expected] of cases) assert.deepEqual(find(text), expected, text)
})

test('quantities: implied counts can be switched off', () => {
  const plain = createPipeline([tokenize(), segment(), quantities({ implied: false })])
  const doc = plain(makeDoc({ text: 'A man was killed and 2 women were hurt.', meta: { source: 'test' } }))
  assert.deepEqual(
    doc.quantities?.map((q) => [q.text, q.role]),
    [['2', 'injured']],
  )
})

test('quantities: countedSpan points at the counted noun', () => {
  const text = 'Gunmen killed seven villagers.'
  const doc = run(makeDoc({ text, meta: { source: 'test' } }))
  const q = doc.quantities?.[0]
  assert.ok(q?.countedSpan)
  assert.equal(text.slice(q.countedSpan.start, q.countedSpan.end), 'villagers')
})

test('quantities: empty and odd input give no quantities and no exceptions', () => {
  for (const text of ['', '...', '1', 'one', '$', '- 3 -', 'between 5 and']) {
    const doc = run(makeDoc({ text, meta: { source: 'test' } }))
    assertDoc(doc)
  }
})
