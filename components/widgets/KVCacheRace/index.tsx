// What chapters render for <KVCacheRace />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { KVCacheRaceProps } from './KVCacheRace';
import { PLACEHOLDER } from './strings';

export default function KVCacheRaceLazy({ locale, ...props }: KVCacheRaceProps & { locale: UiLocale }) {
  const t = PLACEHOLDER[locale];
  return (
    <LazyWidget name="KVCacheRace" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.facts} minHeight="40rem" />} />
  );
}
