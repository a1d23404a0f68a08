// Multi-device login policies (spec §7, console "Login Settings"). Given the devices a user has
// online and a new login, decide which existing devices must be kicked. Pure: the session actor
// applies the verdict.

export const LOGIN_POLICIES = ['single', 'dual', 'triple', 'multi'] as const;
export type LoginPolicy = (typeof LOGIN_POLICIES)[number];

export const PLATFORMS = ['iPhone', 'Android', 'Web', 'PC', 'iPad', 'Mac', 'Unknown'] as const;
export type Platform = (typeof PLATFORMS)[number];
