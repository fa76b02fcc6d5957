// What chapters render for <TrainingLab />: a static placeholder (title, the default model's
// size, what the lab does), server-rendered, until the lab nears the viewport; only then does the
// widget's code load (and, inside it, the engine's worker and tfjs). Keeps the chapter's
// first-load JS flat.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { formatCount } from '@/lib/engine/estimates';
import { countParams } from '@/lib/model/config';
import type { ShippedCorpus } from './params';
import { CHAR_VOCAB, DEFAULT_SHAPE, PLACEHOLDER_TEXT } from './placeholder-facts';
import type { TrainingLabProps } from './TrainingLab';
import './placeholder.css';

function Placeholder({ corpus, locale }: { corpus: ShippedCorpus; locale: UiLocale }) {
  const t = PLACEHOLDER_TEXT[locale];
  const size = formatCount(countParams({ ...DEFAULT_SHAPE, vocabSize: CHAR_VOCAB[corpus], mlpRatio: 4, dropout: 0, seed: 0 }));
  const shape = `${DEFAULT_SHAPE.nLayer} × ${DEFAULT_SHAPE.nHead} × d ${DEFAULT_SHAPE.dModel}, ${t.context} ${DEFAULT_SHAPE.contextLength}`;
  return (
    <div className="tl-placeholder" aria-busy="true">
      <strong>{t.title}</strong>
      <span>{t.subtitle}</span>
      <span className="tl-placeholder-facts">{`${t.corpora[corpus]} · ${shape} · ${size} ${t.parameters}`}</span>
    </div>
  );
}

export default function TrainingLabLazy({ locale, ...props }: TrainingLabProps & { locale: UiLocale }) {
  const corpus = props.corpus ?? 'tiny-shakespeare';
  return <LazyWidget name="TrainingLab" props={props} placeholder={<Placeholder corpus={corpus} locale={locale} />} />;
}
