// The `decoding` feature's command handler: SamplingLab and QuantizationLab (issue 5). Not written yet: no commands.
import type { EngineFeature } from '../../context';
import { DECODING_COMMANDS, type DecodingCommand } from './protocol';

export const decodingFeature: EngineFeature<DecodingCommand> = {
  commands: DECODING_COMMANDS,
  async handle() {},
};
