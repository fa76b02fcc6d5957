// Server side of <PositionalEncoding />: which checkpoints this build ships (public/checkpoints/
// <name>/model.json), checked at build time so the page never requests one that is not there
// (a 404 would be a console error on every reader's screen). Renders the lazy client wrapper.
import 'server-only';
import type { UiLocale } from '@/components/ui/useLocale';
import { existsSync } from 'node:fs';
import path from 'node:path';
import PositionalEncodingLazy from './index';
import { CHECKPOINTS, type ShippedCheckpoint } from './params';
import type { PositionalEncodingProps } from './PositionalEncoding';

export default function PositionalEncodingShipped({ locale, ...props }: Omit<PositionalEncodingProps, 'shipped'> & { locale: UiLocale }) {
  const shipped = (Object.keys(CHECKPOINTS) as ShippedCheckpoint[]).filter((name) => existsSync(path.join(process.cwd(), 'public', 'checkpoints', name, 'model.json')));
  return <PositionalEncodingLazy {...props} shipped={shipped} locale={locale} />;
}
