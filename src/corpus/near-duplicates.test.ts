import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeSignature, encodeSignature, findDuplicate, minhash, similarity } from './near-duplicates.ts'

const words = (text: string): string[] => text.toLowerCase().split(/\s+/).filter(Boolean)

// Made-up wire text, a copy with a changed dateline, and an independent report of the same made-up event.
const wire =
  'firefighters in ostrava vale battled a warehouse blaze for nine hours on sunday before bringing it under control officials said no one was hurt but the smoke closed two schools and the ring road for most of the day'
const copy = `ostrava vale wire ${wire} more details to follow`
const independent =
  'a warehouse fire kept ostrava vale crews busy all sunday the fire chief told reporters the ring road reopened at night and schools will open on monday as usual'

describe('minhash similarity', () => {
  const cases: [string, string, string, (s: number) => boolean][] = [
    ['identical texts', wire, wire, (s) => s === 1],
    ['a copy with a new dateline and tail', wire, copy, (s) => s >= 0.6],
    ['an independent report of the same event', wire, independent, (s) => s < 0.2],
    ['short identical texts', 'storm hits', 'storm hits', (s) => s === 1],
    // Fewer shingles than bins: the empty bins borrow values, and still tell related texts from unrelated.
    [
      'short texts, one word changed',
      'a storm hit the coast on monday night',
      'a storm hit the coast on sunday night',
      (s) => s > 0.1 && s < 0.9,
    ],
    [
      'short unrelated texts',
      'a storm hit the coast on monday',
      'the council voted to close two schools',
      (s) => s < 0.1,
    ],
  ]
  for (const [name, a, b, ok] of cases) {
    it(name, () => {
      const s = similarity(minhash(words(a)), minhash(words(b)))
      assert.ok(ok(s), `similarity ${s}`)
    })
  }

  it('is deterministic and sized by the options', () => {
    assert.deepEqual(minhash(words(wire), { hashes: 16 }), minhash(words(wire), { hashes: 16 }))
    assert.equal(minhash(words(wire), { hashes: 16 }).length, 16)
  })

  it('rejects signatures of different lengths', () => {
    assert.throws(() => similarity(new Uint32Array(2), new Uint32Array(3)), /equal length/)
  })
})

describe('findDuplicate', () => {
  it('returns the most similar candidate above the threshold, or nothing', () => {
    const candidates = [
      { id: 'independent', signature: minhash(words(independent)) },
      { id: 'wire', signature: minhash(words(wire)) },
    ]
    assert.equal(findDuplicate(minhash(words(copy)), candidates)?.id, 'wire')
    assert.equal(findDuplicate(minhash(words('an unrelated text about a cat show')), candidates), undefined)
  })

  it('passes over a candidate whose signature is of another length', () => {
    const candidates = [{ id: 'older', signature: minhash(words(wire), { hashes: 32 }) }]
    assert.equal(findDuplicate(minhash(words(wire)), candidates), undefined)
  })
})

describe('signature encoding', () => {
  it('round-trips through base64', () => {
    const signature = minhash(words(wire))
    assert.deepEqual(decodeSignature(encodeSignature(signature)), signature)
  })
})
