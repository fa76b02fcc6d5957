// Messages of the `kvcache` feature: KVCacheRace (issue 5). Not written yet: no commands.
export type KvCacheCommand = never;
export type KvCacheEvent = never;
export const KVCACHE_COMMANDS: readonly KvCacheCommand['type'][] = [];
