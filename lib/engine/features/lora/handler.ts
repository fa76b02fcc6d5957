// The `lora` feature's command handler: LoRALab (issue 6). Not written yet: no commands.
import type { EngineFeature } from '../../context';
import { LORA_COMMANDS, type LoraCommand } from './protocol';

export const loraFeature: EngineFeature<LoraCommand> = {
  commands: LORA_COMMANDS,
  async handle() {},
};
