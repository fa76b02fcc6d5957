'use client';
// `npm run dev` only (app/[locale]/layout.tsx renders it in development, so `next build` drops it):
// listens to scripts/dev.ts for chapter saves and re-renders the page in place with
// router.refresh(). The server component reads the .mdx again; client state and scroll stay.
import { useRouter } from 'next/navigation';
import { startTransition, useEffect } from 'react';

export function DevContentReload({ port }: { port: number }) {
  const router = useRouter();
  useEffect(() => {
    // Same host name as the page, so it works from another machine on the LAN too.
    const source = new EventSource(`http://${window.location.hostname}:${port}/events`);
    const onChange = (event: MessageEvent<string>) => {
      const { files } = JSON.parse(event.data) as { files: string[] };
      console.info(`[content] ${files.join(', ')} changed: refreshing`);
      startTransition(() => router.refresh());
    };
    source.addEventListener('change', onChange);
    // scripts/check-dev-reload.ts waits for this before it saves a file.
    source.onopen = () => {
      document.documentElement.dataset.contentEvents = 'open';
    };
    return () => {
      source.removeEventListener('change', onChange);
      source.close();
    };
  }, [port, router]);
  return null;
}
