// An action the agent cannot do in the node's current state, or a bad request: the control
// API answers it with `status` and the message, and the control client rethrows it.
export class AgentActionError extends Error {
  constructor(
    message: string,
    /** HTTP status of the control API's answer: 400 bad request, 404, 409 wrong state. */
    readonly status: 400 | 404 | 409 | 500,
  ) {
    super(message);
    this.name = "AgentActionError";
  }
}
