import type { PointerEvent as ReactPointerEvent } from 'react';

/** Where the diary snaps moved and resized items and selected ranges: quarter hours. */
export const SNAP = 15;
export const snap = (minute: number) => Math.round(minute / SNAP) * SNAP;
export const floorSnap = (minute: number, step = SNAP) => Math.floor(minute / step) * step;

export type DragSession = {
  /** Called for every pointer move once the pointer has travelled a few pixels. */
  move: (e: PointerEvent) => void;
  /** `moved` is false for a plain click. */
  end: (e: PointerEvent, moved: boolean) => void;
  cancel: () => void;
};

/**
 * Follows one press of the primary button from pointerdown to pointerup through window listeners, so the
 * drag goes on when the pointer leaves the element; Escape cancels it.
 */
export function startDrag(e: ReactPointerEvent, session: DragSession, threshold = 4) {
  if (e.button !== 0 || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  const x0 = e.clientX;
  const y0 = e.clientY;
  let moved = false;
  const onMove = (ev: PointerEvent) => {
    if (!moved && Math.hypot(ev.clientX - x0, ev.clientY - y0) < threshold) return;
    moved = true;
    session.move(ev);
  };
  const stop = () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('keydown', onKey, true);
  };
  const onUp = (ev: PointerEvent) => {
    stop();
    session.end(ev, moved);
  };
  const onCancel = () => {
    stop();
    session.cancel();
  };
  const onKey = (ev: KeyboardEvent) => {
    if (ev.key !== 'Escape') return;
    ev.stopPropagation();
    onCancel();
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
  window.addEventListener('keydown', onKey, true);
}

/** Scrolls a container while a drag holds the pointer near its top or bottom edge. */
export function edgeScroll(scroller: HTMLElement | null, clientY: number) {
  if (!scroller) return;
  const r = scroller.getBoundingClientRect();
  if (clientY < r.top + 28) scroller.scrollTop -= 18;
  else if (clientY > r.bottom - 28) scroller.scrollTop += 18;
}

/** The index of the element (among `els`) under an x position, the nearest one when outside them all. */
export function indexAtX(els: Element[], clientX: number): number {
  let best = 0;
  let bestDist = Number.POSITIVE_INFINITY;
  els.forEach((el, i) => {
    const r = el.getBoundingClientRect();
    const dist = clientX < r.left ? r.left - clientX : clientX > r.right ? clientX - r.right : 0;
    if (dist < bestDist) {
      best = i;
      bestDist = dist;
    }
  });
  return best;
}
