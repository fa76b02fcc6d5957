// What chapters render for <DPOLab />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { DPOLabProps } from './DPOLab';
import { STRINGS } from './strings';

export default function DPOLabLazy({ locale, ...props }: DPOLabProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  return <LazyWidget name="DPOLab" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="48rem" />} />;
}
