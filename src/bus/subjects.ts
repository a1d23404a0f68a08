// Every bus subject is built here and nowhere else. Changing a subject breaks rolling upgrades:
// old and new processes would stop hearing each other.

/** Tokens must not contain '.', '*', '>' or whitespace; ids are hex-encoded when they might. */
export function token(id: string): string {
  return /^[A-Za-z0-9_\-]+$/.test(id) ? id : 'x' + Buffer.from(id, 'utf8').toString('hex');
}

export const subjects = {
  /** Requests and tells for every actor whose address hashes to this shard. */
  actorShard: (shard: number) => `im.actor.${shard}`,
  /** Deliveries and control for one edge (pushes to its sockets, kicks). */
  edge: (edgeId: string) => `im.edge.${token(edgeId)}`,
  /** Live-room fan-out: every edge with a member subscribes once. */
  room: (sdkAppId: number, roomId: string) => `im.room.${sdkAppId}.${token(roomId)}`,
  /** Cluster control: shard map changes, drain notices. */
  control: () => 'im.ctl',
} as const;
