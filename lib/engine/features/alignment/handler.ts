// The `alignment` feature's command handler: SFTLab and DPOLab (issue 6). Not written yet: no commands.
import type { EngineFeature } from '../../context';
import { ALIGNMENT_COMMANDS, type AlignmentCommand } from './protocol';

export const alignmentFeature: EngineFeature<AlignmentCommand> = {
  commands: ALIGNMENT_COMMANDS,
  async handle() {},
};
