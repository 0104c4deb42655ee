// Every limit of the Cloud Build builder in one place, each with its unit and reason.

export const CLOUD_BUILD_LIMITS = {
  /** A whole build: apt and npm installs, the toolchain, the image and its push. */
  buildTimeoutS: 900,
  /** The end of a build log, where a failure is explained; read with a ranged download. */
  logTailBytesMax: 64 * 1024,
  /** Builds of one submission looked at before starting another (there is at most one). */
  existingBuildsPageSize: 20,
} as const;
