// Messages of the `decoding` feature: SamplingLab and QuantizationLab (issue 5). Not written yet: no commands.
export type DecodingCommand = never;
export type DecodingEvent = never;
export const DECODING_COMMANDS: readonly DecodingCommand['type'][] = [];
