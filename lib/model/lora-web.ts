// LoRA adapters in the browser (main thread or worker): `${baseUrl}/adapter.json` + `adapter.bin`,
// checked against the base model in memory exactly as in Node (lora-file.ts; the hash is the
// pure SHA-256 shared by both, so no WebCrypto is needed).
import type { GPT } from './gpt';
import type { LoraAdapter } from './lora';
import { AdapterError, adapterFromFile } from './lora-file';

type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'statusText' | 'json' | 'arrayBuffer'>>;

export async function loadAdapterFromURL(baseUrl: string, base: GPT, fetchImpl: FetchLike = (u) => fetch(u)): Promise<LoraAdapter> {
  const root = baseUrl.replace(/\/+$/, '');
  const get = async (name: string) => {
    const response = await fetchImpl(`${root}/${name}`);
    if (!response.ok) throw new AdapterError(`cannot fetch ${root}/${name}: HTTP ${response.status} ${response.statusText}`);
    return response;
  };
  const [jsonResponse, binResponse] = await Promise.all([get('adapter.json'), get('adapter.bin')]);
  let raw: unknown;
  try {
    raw = await jsonResponse.json();
  } catch (e) {
    throw new AdapterError(`${root}/adapter.json is not valid JSON: ${(e as Error).message}`);
  }
  return adapterFromFile(base, raw, await binResponse.arrayBuffer());
}
