// Worker threads do not inherit the main thread's module loader: register tsx here, then load the
// TypeScript worker body.
import { register } from 'tsx/esm/api'

register()
await import('./prepare-worker.ts')
