// PositionalEncoding's declared params (?w.positions.<key>=…).
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const POSITIONS_ID = 'positions';

export const CHECKPOINTS = {
  'en-shakespeare': '/checkpoints/en-shakespeare/',
  'zh-tang-poetry': '/checkpoints/zh-tang-poetry/',
} as const;
export type ShippedCheckpoint = keyof typeof CHECKPOINTS;

export function positionsSchema(checkpoint: ShippedCheckpoint = 'en-shakespeare') {
  return {
    positions: { kind: 'number', default: 64, min: 4, max: 256, integer: true },
    dims: { kind: 'number', default: 128, min: 4, max: 512, integer: true },
    checkpoint: { kind: 'enum', default: checkpoint, options: ['en-shakespeare', 'zh-tang-poetry'] },
  } as const satisfies ParamSchema;
}
export type PositionsParams = ParamValues<ReturnType<typeof positionsSchema>>;
