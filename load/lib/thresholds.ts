// Service levels shared by the scenarios: a failed login or a p99 login slower than this fails a run.
export const LOGIN_P99_MS = 2_000;

export const LOGIN_THRESHOLDS = {
  im_login_failed: ['count==0'],
  im_login_ms: [`p(99)<${LOGIN_P99_MS}`],
};
