/** The demo org's OAuth client (demo-org.json); not a real secret. */
export const demoClient = {
  clientId: 'presence-gate-demo',
  clientSecret: 'demo-client-secret-not-for-production',
} as const;

const demoId = (n: number) =>
  `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The demo org's users by what they are (see docs/genesys-sim.md). */
export const demoUserIds = {
  onQueueIdle: demoId(1),
  onQueueInteracting: demoId(2),
  onQueueNotResponding: demoId(3),
  onQueueCommunicating: demoId(4),
  availableOffQueue: demoId(5),
  availableNotResponding: demoId(6),
  away: demoId(7),
  busy: demoId(8),
  offline: demoId(9),
  meal: demoId(10),
  training: demoId(11),
  meeting: demoId(12),
  break: demoId(13),
  idle: demoId(14),
  inactive: demoId(15),
  deleted: demoId(16),
  expandUnsupported: demoId(17),
  unknownPresence: demoId(18),
  onQueueSpelledOnQueue: demoId(19),
  /** No user has this id. */
  unknown: 'a0000000-0000-4000-8000-0000000000ff',
} as const;
