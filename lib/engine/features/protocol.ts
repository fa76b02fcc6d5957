// Every feature's commands and events, unioned into the engine's protocol (../protocol.ts).
import type { DecodingCommand, DecodingEvent } from './decoding/protocol';
import type { KvCacheCommand, KvCacheEvent } from './kvcache/protocol';
import type { LoraCommand, LoraEvent } from './lora/protocol';
import type { AlignmentCommand, AlignmentEvent } from './alignment/protocol';
import type { SweepCommand, SweepEvent } from './sweep/protocol';

export type FeatureCommand = DecodingCommand | KvCacheCommand | LoraCommand | AlignmentCommand | SweepCommand;
export type FeatureEvent = DecodingEvent | KvCacheEvent | LoraEvent | AlignmentEvent | SweepEvent;
