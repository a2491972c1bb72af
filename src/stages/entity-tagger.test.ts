import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  chunksOf,
  decodeModel,
  encodeModel,
  foldForm,
  type Tag,
  tagDocument,
  trainTagger,
} from './entity-tagger.ts'

// Made-up sentences: people are "Name Surname", organisations end in "Corp", places follow "in".
const sentence = (text: string): { words: string[]; tags: Tag[] } => {
  const words: string[] = []
  const tags: Tag[] = []
  for (const item of text.split(' ')) {
    const [word, tag] = item.split('/')
    words.push(word)
    tags.push((tag ?? 'O') as Tag)
  }
  return { words, tags }
}

const TRAIN = [
  [
    sentence('Mira/B-PER Vossel/I-PER joined Tallow/B-ORG Corp/I-ORG in Brennick/B-LOC .'),
    sentence('Vossel/B-PER said the talks went well .'),
  ],
  [
    sentence('Ander/B-PER Quill/I-PER visited Orvane/B-LOC with Pellan/B-ORG Corp/I-ORG staff .'),
    sentence('Quill/B-PER left Orvane/B-LOC on Monday .'),
  ],
  [sentence('Talia/B-PER Grune/I-PER works for Sorrel/B-ORG Corp/I-ORG in Castamir/B-LOC .')],
]

describe('chunksOf', () => {
  const cases: [string[], string][] = [
    [['B-PER', 'I-PER', 'O'], 'PER:0-2'],
    [['I-ORG', 'I-ORG'], 'ORG:0-2'],
    [['B-LOC', 'B-LOC'], 'LOC:0-1 LOC:1-2'],
    [['B-PER', 'I-ORG'], 'PER:0-1 ORG:1-2'],
    [['O', 'O'], ''],
  ]
  for (const [tags, expected] of cases) {
    it(`${tags.join(' ')} → ${expected || 'none'}`, () => {
      assert.equal(
        chunksOf(tags)
          .map((c) => `${c.type}:${c.start}-${c.end}`)
          .join(' '),
        expected,
      )
    })
  }
})

describe('foldForm', () => {
  for (const [input, expected] of [
    ['Kata’ib', "Kata'ib"],
    ['“yes”', '"yes"'],
    ['a–b', 'a-b'],
  ]) {
    it(`${input} → ${expected}`, () => assert.equal(foldForm(input), expected))
  }
})

describe('trainTagger / tagDocument', () => {
  const model = trainTagger(TRAIN, { bits: 14, epochs: 8, seed: 3 })
  it('learns the training sentences', () => {
    const tags = tagDocument(
      TRAIN.flat().map((s) => s.words),
      model,
    )
    assert.deepEqual(
      tags,
      TRAIN.flat().map((s) => s.tags),
    )
  })
  it('generalises the "Corp" organisation pattern to an unseen name', () => {
    const [tags] = tagDocument([['Sarn', 'Hale', 'joined', 'Brindle', 'Corp', 'in', 'Orvane', '.']], model)
    assert.deepEqual(tags.slice(3, 5), ['B-ORG', 'I-ORG'])
  })
  it('survives a round trip through the model file format', () => {
    const copy = decodeModel(encodeModel(model))
    const words = TRAIN.flat().map((s) => s.words)
    assert.deepEqual(tagDocument(words, copy), tagDocument(words, model))
  })
  it('rejects data that is not a model', async () => {
    const { gzipSync } = await import('node:zlib')
    const bogus = Buffer.alloc(8)
    bogus.writeUInt32LE(2)
    bogus.write('{}', 4)
    assert.throws(() => decodeModel(gzipSync(bogus), 'bogus.gz'), /bogus\.gz/)
  })
})
