import { runCli } from './cli/commands';

const io = {
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

const main = async (): Promise<void> => {
  const outcome = await runCli(process.argv.slice(2), io);
  if (outcome.kind === 'done') {
    process.exitCode = outcome.exitCode;
    return;
  }
  const stop = (): void => {
    io.err('Stopping...\n');
    void outcome.server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  io.err(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
