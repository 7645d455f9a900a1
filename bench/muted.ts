type Write = typeof process.stdout.write;

/**
 * Runs `work` with this process's stdout and stderr thrown away, so the
 * gate logs and writes its metrics as it does in Lambda while the bench
 * prints only its report.
 */
export async function withOutputMuted<T>(work: () => Promise<T>): Promise<T> {
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  const discard = ((_chunk: unknown, ...rest: unknown[]) => {
    const done = rest.find((arg) => typeof arg === 'function');
    if (done) queueMicrotask(done as () => void);
    return true;
  }) as Write;

  for (const stream of streams) stream.write = discard;
  try {
    return await work();
  } finally {
    streams.forEach((stream, index) => {
      stream.write = writes[index] as Write;
    });
  }
}
