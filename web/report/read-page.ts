// The file report's start: its styles (the UI's, bundled in as text), its data (the JSON
// element the report embeds) and the element it draws into. A page that cannot draw says
// why on the page.
import uiStyle from "../style.css";
import reportStyle from "./report.css";
import type { PageData } from "../../shared/report/page-data.ts";

export const DATA_ELEMENT_ID = "report-data";
export const ROOT_ELEMENT_ID = "report";

export function startPage<P extends PageData["page"]>(
  page: P,
  draw: (data: Extract<PageData, { page: P }>, root: HTMLElement) => void,
): void {
  const style = document.createElement("style");
  style.textContent = `${uiStyle}\n${reportStyle}`;
  document.head.append(style);
  const root = document.getElementById(ROOT_ELEMENT_ID) ?? document.body;
  try {
    const text = document.getElementById(DATA_ELEMENT_ID)?.textContent;
    if (!text) throw new Error("this report.html has lost its data");
    const data = JSON.parse(text) as PageData;
    if (data.page !== page) throw new Error(`this is a ${data.page} report, not a ${page} one`);
    draw(data as Extract<PageData, { page: P }>, root);
  } catch (err) {
    const box = document.createElement("p");
    box.className = "error-box";
    box.textContent = `The report could not be drawn: ${(err as Error).message}`;
    root.replaceChildren(box);
  }
}
