// Entry point of `npm run gpt -- <train|sample|eval|logits> …` (see lib/cli/main.ts).
import { runCli } from '../lib/cli/main';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  argv: process.argv.slice(2),
});
// Let stdout drain (a large `logits` JSON) before exiting.
process.stdout.write('', () => process.exit(code));
