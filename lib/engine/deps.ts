// The worker's imports of the model, tokenizer, sampling and checkpoint modules, in one place.
export { CharTokenizer, tokenizerFromJSON } from '../tokenizer/index';
export { generate, temperatureTopKSampler } from '../sample/generate';
export { serializeCheckpoint, parseCheckpoint, type ModelJSON } from '../model/checkpoint';
