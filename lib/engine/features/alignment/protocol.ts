// Messages of the `alignment` feature: SFTLab and DPOLab (issue 6). Not written yet: no commands.
export type AlignmentCommand = never;
export type AlignmentEvent = never;
export const ALIGNMENT_COMMANDS: readonly AlignmentCommand['type'][] = [];
