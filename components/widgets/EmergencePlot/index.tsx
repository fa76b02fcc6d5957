// What chapters render for <EmergencePlot />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import { STRINGS } from './strings';

export default function EmergencePlotLazy({ locale }: { locale: UiLocale }) {
  const t = STRINGS[locale];
  return (
    <LazyWidget name="EmergencePlot" props={{}} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="40rem" />} />
  );
}
