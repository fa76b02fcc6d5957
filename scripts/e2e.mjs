// Browser tests: make sure Debian's Chromium and a CJK font are present, then run the e2e vitest project.
// Never skips silently: without a browser it stops with a one-line message saying how to install it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasCjkFont = () => spawnSync('sh', ['-c', "fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'"]).status === 0;

if (!existsSync(CHROMIUM) || !hasCjkFont()) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (isRoot && hasApt) {
    console.log('Installing Debian chromium and fonts-noto-cjk for the browser tests…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
  }
  if (!existsSync(CHROMIUM) || !hasCjkFont()) {
    console.error('Browser tests need Chromium and a CJK font: run `sudo apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH).');
    process.exit(1);
  }
}

const passThrough = process.argv.slice(2);
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'e2e', '--reporter=default', '--reporter=json', ...passThrough],
  { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } },
);
process.exit(result.status ?? 1);
