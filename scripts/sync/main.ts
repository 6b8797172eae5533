/**
 * `npm run sync`: the subscription sync job. Flags are listed by `--help`
 * and in docs/sync.md.
 */
import { runSyncCommand } from './command';
import { hideSqliteExperimentalWarning } from './warningFilter';

hideSqliteExperimentalWarning();

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

const exitCode = await runSyncCommand(process.argv.slice(2), process.env, {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
    signal: controller.signal
});
process.exitCode = exitCode;
