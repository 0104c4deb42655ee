// One JSON line per entry on stdout: Cloud Logging reads `severity` and `message` from it and
// keeps the other fields as the entry's payload.
export type Severity = "INFO" | "WARNING" | "ERROR";

export function log(severity: Severity, message: string, fields: Record<string, unknown> = {}) {
  process.stdout.write(`${JSON.stringify({ severity, message, ...fields })}\n`);
}
