// Dev-only page for TrainingLab outside the Next build: ?locale=zh&theme=dark&presenter=1&narrow=1
// (narrow = inside a chapter's 46rem prose column, with the book's real stylesheet).
import { createRoot } from 'react-dom/client';
import TrainingLab from '@/components/widgets/TrainingLab/TrainingLab';
import '@/styles/globals.css';
import './theme.css';

const query = new URLSearchParams(location.search);
document.documentElement.dataset.theme = query.get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.lang = query.get('locale') === 'zh' ? 'zh' : 'en';
const presenter = query.get('presenter') === '1';
const root = document.getElementById('root')!;
if (!presenter) root.className = query.get('narrow') === '1' ? 'harness-page harness-narrow prose' : 'harness-page';
createRoot(root).render(<TrainingLab presenter={presenter} corpus={query.get('locale') === 'zh' ? 'tang-poetry' : 'tiny-shakespeare'} />);
