// The arguments the benchmarks take: `--quick` and `--only a,b` for the table commands, `--NAME N` for the others.

/** What a table benchmark was asked for. */
export interface BenchArguments {
  quick: boolean;
  /** The rows named with `--only`, or null for all. */
  only: string[] | null;
}

/**
 * Reads `--quick` and `--only`. `--help` prints `usage` and exits with 0; anything else prints it and exits with 2,
 * naming the command and the argument.
 */
export function benchArguments(command: string, usage: string, args = process.argv.slice(2)): BenchArguments {
  if (args.includes('--help')) {
    console.log(usage);
    process.exit(0);
  }
  const onlyAt = args.indexOf('--only');
  const unknown = args.filter((a, i) => a !== '--quick' && a !== '--only' && a !== '--help' && !(onlyAt >= 0 && i === onlyAt + 1));
  if (unknown.length > 0) {
    console.error(`${command}: unknown argument ${unknown[0]}\n${usage}`);
    process.exit(2);
  }
  return { quick: args.includes('--quick'), only: onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',') : null };
}

/** The number after `--NAME` in the command line, or `fallback` when it is not given. */
export function numberOption(name: string, fallback: number, args = process.argv.slice(2)): number {
  const at = args.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(args[at + 1]);
}
