// Bounds how many submissions are judged at once. The local platform's K slots; the cloud has
// none (Cloud Run's quotas bound it there).
export interface Slots {
  /**
   * Gives the queued submission a slot when one is free and it is its turn, moving it to
   * building; true when it did, or when the submission is not queued (the step decides).
   * False leaves it queued: it is sent on again when its turn comes.
   */
  take(submissionId: string): Promise<boolean>;
}
