'use client';
// Start / pause / resume, one step and stop for a lab's training run, wired to the engine's core
// run commands (pause, resume, stop reach whichever loop the engine is running).
import { Button } from '@/components/ui/Button';
import type { EngineCommand } from '@/lib/engine/protocol';

export interface RunButtonsProps {
  status: string;
  busy: boolean;
  canStart: boolean;
  onStart: () => void;
  onStep: () => void;
  send: (command: EngineCommand) => void;
  presenter: boolean;
  labels: { start: string; pause: string; resume: string; step: string; stop: string };
  className?: string;
}

export function RunButtons({ status, busy, canStart, onStart, onStep, send, presenter, labels, className }: RunButtonsProps) {
  const space = presenter ? 'Space' : undefined;
  return (
    <div className={className}>
      {status === 'training' ? (
        <Button variant="primary" onClick={() => send({ type: 'pause' })} shortcut={space}>{labels.pause}</Button>
      ) : status === 'paused' ? (
        <Button variant="primary" onClick={() => send({ type: 'resume' })} shortcut={space}>{labels.resume}</Button>
      ) : (
        <Button variant="primary" onClick={onStart} disabled={!canStart} shortcut={space}>{labels.start}</Button>
      )}
      <Button onClick={onStep} disabled={!(status === 'paused' || canStart)} shortcut={presenter ? '→' : undefined}>{labels.step}</Button>
      <Button variant="danger" onClick={() => send({ type: 'stop' })} disabled={!busy}>{labels.stop}</Button>
    </div>
  );
}
