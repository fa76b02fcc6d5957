// Every feature command type, for the protocol's message check (no handler code, so the page may import it).
import { DECODING_COMMANDS } from './decoding/protocol';
import { KVCACHE_COMMANDS } from './kvcache/protocol';
import { LORA_COMMANDS } from './lora/protocol';
import { ALIGNMENT_COMMANDS } from './alignment/protocol';
import { SWEEP_COMMANDS } from './sweep/protocol';

export const FEATURE_COMMAND_TYPES: readonly string[] = [...DECODING_COMMANDS, ...KVCACHE_COMMANDS, ...LORA_COMMANDS, ...ALIGNMENT_COMMANDS, ...SWEEP_COMMANDS];
