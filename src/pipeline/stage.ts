import type { Doc, LayerName, Layers, Message } from '../model/types.ts'

/** What a stage may do besides returning its layer: report problems as messages on the doc. */
export interface StageContext {
  report(message: Message): void
}

/**
 * One per-document stage: declares the layers it needs and the one it produces, and returns only
 * that layer. Stages are pure functions of the doc (and of resources loaded once, lazily).
 */
export interface Stage<K extends LayerName = LayerName> {
  name: string
  needs: LayerName[]
  produces: K
  run(doc: Doc, context: StageContext): Layers[K]
}

/** Thrown when a pipeline is built with a stage whose needs no earlier stage produces. */
export class PipelineOrderError extends Error {
  override name = 'PipelineOrderError'
}

/** A built pipeline: runs each stage in order and attaches its layer to the doc. */
export type Pipeline = ((doc: Doc) => Doc) & { stages: readonly Stage[] }

/**
 * Builds a pipeline, checking before anything runs that every stage's needs are produced by an
 * earlier stage.
 *
 * @example
 * const run = createPipeline([tokenize(), segment(), entities()])
 * const doc = run(makeDoc({ text, meta: { source: 'x.txt' } }))
 */
export const createPipeline = (stages: readonly Stage[]): Pipeline => {
  const produced = new Set<LayerName>()
  for (const stage of stages) {
    const missing = stage.needs.filter((n) => !produced.has(n))
    if (missing.length > 0) {
      throw new PipelineOrderError(
        `Stage "${stage.name}" needs ${missing.join(', ')}, which no earlier stage produces`,
      )
    }
    produced.add(stage.produces)
  }
  const run = (doc: Doc): Doc => {
    const context: StageContext = { report: (message) => doc.messages.push(message) }
    for (const stage of stages) {
      const layer = stage.run(doc, context)
      ;(doc as unknown as Record<string, unknown>)[stage.produces] = layer
    }
    return doc
  }
  return Object.assign(run, { stages })
}
