// The key of one owner's rows in the in-process social stores. Unambiguous for any user id (NUL
// included): the app id is the digits before the first NUL and the rest is the user id verbatim.
export const ownerKey = (sdkAppId: number, userId: string): string => `${sdkAppId}\u0000${userId}`;
