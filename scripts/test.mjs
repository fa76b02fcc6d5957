// `npm test`: every check this project has, in order, on a clean checkout.
// The build stage goes through `npm run build` so its prebuild step copies the tfjs .wasm files and the corpora into public/.
// typecheck → lint → unit (vitest, Node) → content (vitest, Node) → production build →
// browser tests (vitest driving Debian Chromium through playwright-core).
// Prints one closing line "Tests: N passed, N failed" summed over the vitest stages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const only = process.argv.slice(2); // e.g. `npm test -- unit content`
mkdirSync('.cache', { recursive: true });

const stages = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit'] },
  { name: 'lint', cmd: ['npx', 'eslint', '--max-warnings=0', '.'] },
  { name: 'unit', vitest: 'unit' },
  { name: 'content', vitest: 'content' },
  // The test build includes the fixture chapters (tests/fixtures/content), with a deliberately
  // broken formula and diagram for the browser tests; `npm start` builds without them.
  { name: 'build', cmd: ['npm', 'run', 'build'], env: { BOOK_TEST_FIXTURES: '1' } },
  { name: 'e2e', cmd: ['node', 'scripts/e2e.mjs', '--outputFile=.cache/vitest-e2e.json'], report: '.cache/vitest-e2e.json' },
];

let passed = 0;
let failed = 0;
const failures = [];
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue;
  const report = stage.report ?? (stage.vitest ? `.cache/vitest-${stage.vitest}.json` : null);
  if (report) rmSync(report, { force: true });
  const cmd = stage.vitest
    ? ['npx', 'vitest', 'run', '--project', stage.vitest, '--reporter=default', '--reporter=json', `--outputFile=${report}`]
    : stage.cmd;
  console.log(`\n▶ ${stage.name}: ${cmd.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit', env: { ...env, ...stage.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (report && existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    console.log(`  ${stage.name}: ${json.numPassedTests} passed, ${json.numFailedTests} failed (${seconds} s)`);
  } else {
    console.log(`  ${stage.name}: exit ${result.status} (${seconds} s)`);
  }
  if (result.status !== 0) {
    failures.push(stage.name);
    // A failed typecheck, lint or build counts as one failure, and so does a test stage that
    // died before writing its report (Chromium missing, a crash in setup): its tests never ran.
    if (!report || !existsSync(report)) failed += 1;
    if (stage.name === 'build') break; // browser tests need the build
  }
}

console.log(`\nTests: ${passed} passed, ${failed} failed`);
if (failures.length) {
  console.error(`Failed stages: ${failures.join(', ')}`);
  process.exit(1);
}
