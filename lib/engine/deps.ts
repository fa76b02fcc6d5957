// The worker's imports of modules that are still landing on main, in one place: when
// lib/tokenizer/index.ts, lib/sample/generate.ts and lib/model/checkpoint.ts arrive, point these
// re-exports at them and delete ./interim.ts.
export { CharTokenizer, tokenizerFromJSON, generate, temperatureTopKSampler, serializeCheckpoint, parseCheckpoint, type ModelJSON } from './interim';
