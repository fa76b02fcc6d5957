'use client';
// A widget's link to the engine: waits until the widget is near the viewport (tfjs and the
// worker weigh ≈1.5 MB), starts the engine's worker on the chosen backend, and hands the event
// stream to the widget once per animation frame (a training step sends metrics, progress and
// sometimes a sample: rendering each would cost three layouts). Every lab uses this; none
// touches Worker or tfjs itself.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { EngineClient } from '@/lib/engine/client';
import type { BackendRequest, EngineCommand, EngineEvent } from '@/lib/engine/protocol';

export interface UseEngineOptions {
  /** The widget's root element: the engine starts when it comes within `margin` of the viewport. */
  rootRef: RefObject<HTMLElement | null>;
  backend: BackendRequest;
  /** Called once per frame with the events that arrived since the last one, in order. */
  onEvents: (events: EngineEvent[]) => void;
  /** Also called for each event as it arrives, outside React's render (e.g. downloads). */
  onEventNow?: (event: EngineEvent) => void;
  /** Don't start at all (e.g. the build lacks the checkpoint the widget needs). */
  disabled?: boolean;
  margin?: string;
}

export function useEngine({ rootRef, backend, onEvents, onEventNow, disabled = false, margin = '600px 0px' }: UseEngineOptions) {
  const clientRef = useRef<EngineClient | null>(null);
  const [near, setNear] = useState(false);
  // The latest callbacks, without restarting the engine when a widget passes new closures.
  const handlers = useRef({ onEvents, onEventNow });
  useEffect(() => {
    handlers.current = { onEvents, onEventNow };
  });

  useEffect(() => {
    const el = rootRef.current;
    if (!el || near || disabled) return;
    if (typeof IntersectionObserver === 'undefined') {
      const timer = setTimeout(() => setNear(true), 0); // very old browsers: start at once
      return () => clearTimeout(timer);
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [rootRef, near, disabled, margin]);

  useEffect(() => {
    if (!near || disabled) return;
    const client = new EngineClient();
    clientRef.current = client;
    let queue: EngineEvent[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const events = queue;
      queue = [];
      handlers.current.onEvents(events);
    };
    const unsubscribe = client.subscribe((event) => {
      handlers.current.onEventNow?.(event);
      queue.push(event);
      if (!frame) frame = requestAnimationFrame(flush);
    });
    void client.start(backend);
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
      client.dispose();
      clientRef.current = null;
    };
  }, [near, backend, disabled]);

  /** Send a command (dropped if the engine is not started: the widget shows "starting"). */
  const send = useCallback((command: EngineCommand, transfer?: Transferable[]) => clientRef.current?.send(command, transfer), []);
  return { near, send };
}

/** Save bytes the engine produced as a file download (checkpoints, adapters, CSV). */
export function downloadFile(data: BlobPart, name: string, type = 'application/octet-stream') {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}
