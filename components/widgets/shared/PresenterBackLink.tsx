'use client';
// "Back to the chapter" in presenter mode: a real link (works when the presenter page was
// opened on its own, e.g. from a bookmark on the classroom PC), with the params as they are now.
import { chapterHrefFromPresenter } from '@/components/widgets/present/widgets';

export function PresenterBackLink({ label }: { label: string }) {
  const current = () => (typeof window === 'undefined' ? '/' : chapterHrefFromPresenter(window.location.pathname, window.location.search));
  const refresh = (e: { currentTarget: HTMLAnchorElement }) => {
    e.currentTarget.href = current();
  };
  return (
    <a className="ui-button ui-button-ghost" href={current()} onClick={refresh} onFocus={refresh} onPointerEnter={refresh} suppressHydrationWarning>
      {label}
    </a>
  );
}
