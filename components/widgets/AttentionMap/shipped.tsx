// Server side of <AttentionMap />: which checkpoints this build ships, checked at build time so
// the page never requests a missing one. Renders the lazy client wrapper.
import 'server-only';
import type { UiLocale } from '@/components/ui/useLocale';
import { existsSync } from 'node:fs';
import path from 'node:path';
import AttentionMapLazy from './index';
import { CHECKPOINTS, type AttentionCheckpoint } from './params';
import type { AttentionMapProps } from './AttentionMap';

export default function AttentionMapShipped({ locale, ...props }: Omit<AttentionMapProps, 'shipped'> & { locale: UiLocale }) {
  const shipped = (Object.keys(CHECKPOINTS) as AttentionCheckpoint[]).filter((name) => existsSync(path.join(process.cwd(), 'public', 'checkpoints', name, 'model.json')));
  return <AttentionMapLazy {...props} shipped={shipped} locale={locale} />;
}
