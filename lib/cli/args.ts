// A small, strict argument parser: `--name value` and `--flag`, each declared with a type, so a
// bad argument is reported by name (exit code 2) instead of silently becoming NaN.

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionKind = 'string' | 'int' | 'number' | 'flag';

export interface OptionSpec {
  kind: OptionKind;
  help: string;
  required?: boolean;
  /** Allowed values (strings) or bounds check for numbers. */
  choices?: string[];
  min?: number;
  max?: number;
}

export type OptionSpecs = Record<string, OptionSpec>;
export type ParsedOptions = Record<string, string | number | boolean | undefined>;

export function parseOptions(command: string, argv: string[], specs: OptionSpecs): ParsedOptions {
  const out: ParsedOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}" for '${command}' (options start with --)`);
    let name = arg.slice(2);
    let inline: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name} for '${command}'`);
    if (name in out) throw new UsageError(`option --${name} given twice`);
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`option --${name} takes no value`);
      out[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    out[name] = convert(name, value, spec);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && out[name] === undefined) throw new UsageError(`missing required option --${name} for '${command}'`);
  }
  return out;
}

function convert(name: string, value: string, spec: OptionSpec): string | number {
  if (spec.kind === 'string') {
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`option --${name} must be one of ${spec.choices.join(', ')}, got "${value}"`);
    }
    return value;
  }
  const n = Number(value);
  const isValid = value.trim() !== '' && Number.isFinite(n) && (spec.kind === 'number' || Number.isInteger(n));
  if (!isValid) throw new UsageError(`option --${name} must be ${spec.kind === 'int' ? 'an integer' : 'a number'}, got "${value}"`);
  if (spec.min !== undefined && n < spec.min) throw new UsageError(`option --${name} must be ≥ ${spec.min}, got ${value}`);
  if (spec.max !== undefined && n > spec.max) throw new UsageError(`option --${name} must be ≤ ${spec.max}, got ${value}`);
  return n;
}

export function formatUsage(command: string, summary: string, specs: OptionSpecs): string {
  const lines = [`usage: npm run gpt -- ${command} [options]`, `  ${summary}`, ''];
  for (const [name, spec] of Object.entries(specs)) {
    const value = spec.kind === 'flag' ? '' : ` ${spec.kind === 'string' ? (spec.choices ? spec.choices.join('|') : 'VALUE') : 'N'}`;
    lines.push(`  --${(name + value).padEnd(26)} ${spec.help}${spec.required ? ' (required)' : ''}`);
  }
  return lines.join('\n');
}
