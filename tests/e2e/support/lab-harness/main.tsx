// Dev-only page for TrainingLab before (and besides) the book shell: ?locale=zh&theme=dark&presenter=1.
import { createRoot } from 'react-dom/client';
import TrainingLab from '@/components/widgets/TrainingLab/TrainingLab';
import './theme.css';

const query = new URLSearchParams(location.search);
document.documentElement.dataset.theme = query.get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.lang = query.get('locale') === 'zh' ? 'zh' : 'en';
const presenter = query.get('presenter') === '1';
const root = document.getElementById('root')!;
if (!presenter) root.className = 'harness-page';
createRoot(root).render(<TrainingLab presenter={presenter} corpus={query.get('locale') === 'zh' ? 'tang-poetry' : 'tiny-shakespeare'} />);
