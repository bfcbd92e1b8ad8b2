/** What each SFU node publishes about itself in Redis (hash `sfuNodesKey(prefix)`, field = node id). */
export interface SfuNodeLoad {
  nodeId: string;
  url: string;
  rooms: number;
  peers: number;
  consumers: number;
  workersAlive: number;
  /** mean CPU use of the node's mediasoup workers since the previous report, 0-100 per worker */
  workerCpuPercent: number;
  /** epoch milliseconds of the report */
  updatedAt: number;
}

/** Nodes report every few seconds; one silent for longer than this is treated as gone. */
export const SFU_NODE_STALE_AFTER_MS = 15_000;
export const SFU_NODE_REPORT_INTERVAL_MS = 5_000;

export function sfuNodesKey(prefix: string): string {
  return `${prefix}:sfu:nodes`;
}
