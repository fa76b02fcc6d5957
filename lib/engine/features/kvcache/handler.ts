// The `kvcache` feature's command handler: KVCacheRace (issue 5). Not written yet: no commands.
import type { EngineFeature } from '../../context';
import { KVCACHE_COMMANDS, type KvCacheCommand } from './protocol';

export const kvcacheFeature: EngineFeature<KvCacheCommand> = {
  commands: KVCACHE_COMMANDS,
  async handle() {},
};
