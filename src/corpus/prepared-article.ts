import { type FeaturiseOptions, featurise, type GroupingFeatures } from './grouping-features.ts'
import { minhash } from './near-duplicates.ts'

/**
 * What a story index reads of an article before it looks at the index: its grouping features and its
 * near-duplicate signature. Made ahead of time, in another thread, by {@link prepareArticle}, so that
 * featurising the next articles overlaps with grouping this one (see prepare-ahead.ts).
 */
export interface PreparedArticle {
  /** The feature options it was made with ({@link featureKey}): an index with other options featurises again. */
  options: string
  /** Featurised with the sentences in `furniture` left out as page furniture; `words` left empty. */
  features: GroupingFeatures
  /** Hashes of the article's sentences (`features.segments`) taken for page furniture. */
  furniture: number[]
  /** MinHash signature of the words (see near-duplicates.ts). */
  signature: Uint32Array
}

/** A key that is the same for the same feature options. */
export const featureKey = ({ maxWords, nameWeight, yearWeight, titleWeight }: FeaturiseOptions): string =>
  `${maxWords}/${nameWeight}/${yearWeight}/${titleWeight}`

/**
 * Prepares an article for {@link StoryIndex.add}, leaving out the sentences `isFurniture` knows (the
 * index's `furniture()` as far as it is known). An index uses it as is unless it knows other furniture
 * among the article's sentences by then (it then featurises the article again), so adding a prepared
 * article gives the same result as adding the bare article.
 */
export const prepareArticle = (
  doc: Parameters<typeof featurise>[0],
  options: FeaturiseOptions = {},
  isFurniture: (hash: number) => boolean = () => false,
): PreparedArticle => {
  const features = featurise(doc, options, isFurniture)
  const signature = minhash(features.words)
  return {
    options: featureKey(options),
    // The words serve only the signature: not carrying them halves what crosses between threads.
    features: { ...features, words: [] },
    furniture: features.segments.filter(isFurniture),
    signature,
  }
}
