// Messages of the `lora` feature: LoRALab (issue 6). Not written yet: no commands.
export type LoraCommand = never;
export type LoraEvent = never;
export const LORA_COMMANDS: readonly LoraCommand['type'][] = [];
