// Global mute (openconfigsvr setnospeaking/getnospeaking; spec §2.1 #52): per (sdkAppId, userId)
// the unix second until which the user may not send C2C messages, and the same for group
// messages. 0 = not muted; NO_SPEAKING_FOREVER = muted until lifted. Deadlines are stored as
// given: whether one has passed is the domain's comparison with its clock (moderation/), so an
// expired deadline stays readable until it is overwritten.

/** The "permanent" deadline: later than any deadline a uint32 duration from now can produce. */
export const NO_SPEAKING_FOREVER = Number.MAX_SAFE_INTEGER;
/** Largest getMany batch (Tencent's largest account list in one call, spec §2.1 #6). */
export const MAX_NO_SPEAKING_BATCH = 500;

export interface NoSpeakingRecord {
  /** Unix seconds; 0 = none. */
  c2cUntil: number;
  /** Unix seconds; 0 = none. */
  groupUntil: number;
}

/** A partial change: absent fields keep their stored value (0 lifts that mute). */
export type NoSpeakingChange = Partial<NoSpeakingRecord>;

export interface NoSpeakingStore {
  /** Writes the present fields (at least one) of the user's row, creating it if needed. */
  set(sdkAppId: number, userId: string, change: NoSpeakingChange): Promise<void>;
  /** The user's deadlines; both 0 when nothing was ever set (or both were lifted). */
  get(sdkAppId: number, userId: string): Promise<NoSpeakingRecord>;
  /**
   * Deadlines of many users in one query (≤ MAX_NO_SPEAKING_BATCH distinct ids). Users whose both
   * deadlines are 0 (or who have no row) are absent from the map.
   */
  getMany(sdkAppId: number, userIds: readonly string[]): Promise<Map<string, NoSpeakingRecord>>;
}
