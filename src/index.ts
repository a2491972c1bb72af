/**
 * Parallax public API. A test pins what this module exports: add freely, rename or remove only
 * with a version bump.
 */
export { type AnalyzeOptions, analyze, analyzeArticles, compareDocuments } from './analyze.ts'
export { readInputs } from './ingest/read.ts'
export type { Article, InputError, ReadResult } from './ingest/types.ts'
export { makeDoc } from './model/doc.ts'
export { assertDoc } from './model/invariants.ts'
export type * from './model/types.ts'
export { analyseDocument, defaultPipeline } from './pipeline/default.ts'
export { createPipeline, type Pipeline, type Stage, type StageContext } from './pipeline/stage.ts'
export { toJsonReport } from './report/json.ts'
export { renderMarkdown } from './report/markdown.ts'
export { renderText } from './report/text.ts'
export { REPORT_VERSION } from './version.ts'
