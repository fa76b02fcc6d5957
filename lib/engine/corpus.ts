// A run's training text: fetched by the worker from a URL (the shipped corpora) or pasted by the
// reader, and refused above MAX_CORPUS_BYTES. TrainingLab's `train`, the sweep and LoRALab's new
// text all read it here.
import { formatBytes } from './estimates';
import { BadInputError, type CorpusSource, MAX_CORPUS_BYTES } from './protocol';

export async function readCorpus(source: CorpusSource): Promise<string> {
  let text: string;
  if (source.kind === 'url') {
    const response = await fetch(source.url);
    if (!response.ok) throw new BadInputError(`could not fetch the corpus ${source.name} (${response.status} ${response.statusText})`);
    text = await response.text();
  } else text = source.text;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_CORPUS_BYTES) throw new BadInputError(`the text is ${formatBytes(bytes)}; the limit is ${formatBytes(MAX_CORPUS_BYTES)}`);
  return text;
}
