// The engine's features by command type (see ./README.md). The worker imports this; nothing in
// the page does (it would pull tfjs into the page's bundle).
import type { EngineContext, EngineFeature } from '../context';
import type { FeatureCommand } from './protocol';
import { decodingFeature } from './decoding/handler';
import { kvcacheFeature } from './kvcache/handler';
import { loraFeature } from './lora/handler';
import { alignmentFeature } from './alignment/handler';
import { sweepFeature } from './sweep/handler';

const FEATURES: EngineFeature<FeatureCommand>[] = [decodingFeature, kvcacheFeature, loraFeature, alignmentFeature, sweepFeature] as EngineFeature<FeatureCommand>[];

const BY_COMMAND = new Map<string, EngineFeature<FeatureCommand>>(FEATURES.flatMap((f) => f.commands.map((c) => [c, f] as const)));

/** The feature that handles `type`, if any. */
export function featureFor(type: string): ((cmd: FeatureCommand, ctx: EngineContext) => Promise<void>) | undefined {
  const feature = BY_COMMAND.get(type);
  return feature && ((cmd, ctx) => feature.handle(cmd, ctx));
}
