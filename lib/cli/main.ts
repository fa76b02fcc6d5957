// `npm run gpt -- <train|sample|eval|logits> …`: dispatch, usage, exit codes
// (0 ok, 1 failure while running, 2 bad arguments — the message names the argument).
import { formatUsage, type OptionSpecs, type ParsedOptions, parseOptions, UsageError } from './args';
import {
  type CliIO,
  EVAL_OPTIONS,
  evalCommand,
  LOGITS_OPTIONS,
  logitsCommand,
  SAMPLE_OPTIONS,
  sampleCommand,
  TRAIN_OPTIONS,
  trainCommand,
} from './commands';

interface Command {
  summary: string;
  options: OptionSpecs;
  run(o: ParsedOptions, io: CliIO): Promise<void>;
}

const COMMANDS: Record<string, Command> = {
  train: { summary: 'train a GPT on a text file and save a checkpoint', options: TRAIN_OPTIONS, run: trainCommand },
  sample: { summary: 'continue a prompt with a checkpoint', options: SAMPLE_OPTIONS, run: sampleCommand },
  eval: { summary: 'loss of a checkpoint on a corpus split, in nats/token', options: EVAL_OPTIONS, run: evalCommand },
  logits: { summary: 'print {"tokens": […], "logits": [[…] per position]} as JSON', options: LOGITS_OPTIONS, run: logitsCommand },
};

function overview(): string {
  return ['usage: npm run gpt -- <command> [options]', '', ...Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(8)} ${c.summary}`), '', 'npm run gpt -- <command> --help for its options'].join('\n');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
    io.stderr(overview() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`error: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  if (rest.includes('--help')) {
    io.stdout(formatUsage(name, command.summary, command.options) + '\n');
    return 0;
  }
  try {
    await command.run(parseOptions(name, rest, command.options), io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n\n${formatUsage(name, command.summary, command.options)}\n`);
      return 2;
    }
    io.stderr(`error: ${(e as Error).message}\n`);
    return 1;
  }
}
