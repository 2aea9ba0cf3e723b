// `npm run replay -- run.loomrec --verify`: see replay-command.ts.
import { runReplayCommand } from './replay-command.ts';

process.exitCode = runReplayCommand(process.argv.slice(2), (text) => console.log(text), () => performance.now());
