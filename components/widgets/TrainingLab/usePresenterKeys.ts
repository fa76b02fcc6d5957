'use client';
// Presenter mode's keyboard: Space start/pause, → one step, R reset, F full screen, ? help.
import { useEffect } from 'react';

export interface PresenterKeyActions {
  toggleRun(): void;
  step(): void;
  reset(): void;
  toggleHelp(): void;
  closeHelp(): void;
}

export function usePresenterKeys(enabled: boolean, actions: PresenterKeyActions) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === ' ') actions.toggleRun();
      else if (e.key === 'ArrowRight') actions.step();
      else if (e.key === 'r' || e.key === 'R') actions.reset();
      else if (e.key === 'f' || e.key === 'F') {
        if (document.fullscreenElement) void document.exitFullscreen();
        else void document.documentElement.requestFullscreen?.().catch(() => {});
      } else if (e.key === '?') actions.toggleHelp();
      else if (e.key === 'Escape') actions.closeHelp();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, actions]);
}
