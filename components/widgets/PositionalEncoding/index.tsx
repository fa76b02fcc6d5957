// What chapters render for <PositionalEncoding />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { PositionalEncodingProps } from './PositionalEncoding';
import { STRINGS } from './strings';

export default function PositionalEncodingLazy({ locale, ...props }: PositionalEncodingProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  return (
    <LazyWidget name="PositionalEncoding" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.formula} minHeight="40rem" />} />
  );
}
