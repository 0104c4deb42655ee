// The WHERE clause of a list query and its parameters, in order. Fields the table has no
// column for are read from the JSON document.
import type { ListQuery } from "../../../ports/store.ts";

export function listFilter(query: ListQuery): { where: string; params: (string | number)[] } {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const statuses = query.statuses ?? [];
  if (statuses.length) {
    conditions.push(`status IN (${statuses.map(() => "?").join(",")})`);
    params.push(...statuses);
  }
  if (query.ownerId !== undefined) {
    conditions.push("json_extract(doc, '$.ownerId') = ?");
    params.push(query.ownerId);
  }
  if (query.problem !== undefined) {
    conditions.push("json_extract(doc, '$.problem') = ?");
    params.push(query.problem);
  }
  if (query.verdict !== undefined) {
    conditions.push("json_extract(doc, '$.outcome.verdict') = ?");
    params.push(query.verdict);
  }
  if (query.after) {
    // After the cursor in the list's order: created earlier, or at once with a smaller id.
    conditions.push("(created_at < ? OR (created_at = ? AND id < ?))");
    params.push(query.after.createdAt, query.after.createdAt, query.after.id);
  }
  return { where: conditions.length ? `WHERE ${conditions.join(" AND ")}` : "", params };
}
