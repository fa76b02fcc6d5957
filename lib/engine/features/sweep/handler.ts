// The `sweep` feature's command handler: LiveScalingSweep (issue 7). Not written yet: no commands.
import type { EngineFeature } from '../../context';
import { SWEEP_COMMANDS, type SweepCommand } from './protocol';

export const sweepFeature: EngineFeature<SweepCommand> = {
  commands: SWEEP_COMMANDS,
  async handle() {},
};
