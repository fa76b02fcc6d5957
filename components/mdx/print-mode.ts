// Whether the page is being printed: between `beforeprint` and `afterprint` (the print dialog),
// or while the print media type applies (matchMedia('print') — also what print emulation in
// the browser tests switches, which fires no beforeprint). Diagrams use it to draw themselves,
// all of them and in the light palette, for paper.
import { useSyncExternalStore } from 'react';

let dialogOpen = false;

function subscribe(onChange: () => void) {
  const media = window.matchMedia('print');
  const open = () => {
    dialogOpen = true;
    onChange();
  };
  const close = () => {
    dialogOpen = false;
    onChange();
  };
  window.addEventListener('beforeprint', open);
  window.addEventListener('afterprint', close);
  media.addEventListener('change', onChange);
  return () => {
    window.removeEventListener('beforeprint', open);
    window.removeEventListener('afterprint', close);
    media.removeEventListener('change', onChange);
  };
}

const printing = () => dialogOpen || window.matchMedia('print').matches;

/** True while the page is printed; false during the server render. */
export function usePrinting(): boolean {
  return useSyncExternalStore(subscribe, printing, () => false);
}
