/** The fixed workload and conditions of `npm run bench`. */
export const benchSettings = Object.freeze({
  seed: 0x5eed_0008,
  agents: 200,
  zipfExponent: 1.1,
  ratePerSecond: 50,
  sqsBatchSize: 10,
  /** Added to every request the simulated org answers, login included. */
  genesysLatencyMs: 50,
  /** The org's requests a minute per OAuth client (one window each for
   * API calls and logins). */
  rateLimitPerMinute: 300,
  /** The run whose latencies are reported, in real time. */
  realTimeSeconds: 10,
  /** The throughput run, on a clock the harness moves. */
  virtualSeconds: 60,
  /** How much faster than real time the virtual run plays. */
  virtualSpeedup: 5,
  /** Fresh processes loading each bundle; the median is reported. */
  coldInitRuns: 7,
  /** Real-time notifications a container process carries for its RSS. */
  containerSeconds: 6,
  /** The gate's settings over its defaults: log as shipped (INFO, the
   * default the local stack turns off) and forward nothing, so the time
   * measured is what the gate adds before a delivery. */
  gateEnv: { LOG_LEVEL: 'INFO', FORWARD_URL: '' },
});

export type BenchSettings = typeof benchSettings;

/** The targets. */
export const targets = Object.freeze({
  sqsCallShare: 1 / 20,
  httpCallReduction: 3,
  cacheHitP99Ms: 2,
  peakRssMb: 110,
  bundleBytes: 400_000,
  coldInitMs: 100,
});
