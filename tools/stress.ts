// `npm run stress -- --threads 1M --workload sleepers --seconds 10`: see `npm run stress -- --help`.
import { runStressCommand } from './stress-command.ts';

process.exitCode = await runStressCommand(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: process.stderr,
});
