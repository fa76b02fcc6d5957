// Messages of the `sweep` feature: LiveScalingSweep (issue 7). Not written yet: no commands.
export type SweepCommand = never;
export type SweepEvent = never;
export const SWEEP_COMMANDS: readonly SweepCommand['type'][] = [];
