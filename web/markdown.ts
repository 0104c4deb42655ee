// Problem statements are markdown; this renders the part they use (headings, paragraphs,
// lists, code blocks, inline code, bold, links) into elements, never through innerHTML.
import { h } from "./dom.ts";

function inline(text: string): (Node | string)[] {
  const parts: (Node | string)[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    parts.push(text.slice(last, m.index));
    if (m[1] !== undefined) parts.push(h("code", {}, m[1]));
    else if (m[2] !== undefined) parts.push(h("strong", {}, m[2]));
    else parts.push(h("span", { title: m[4] }, m[3]));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

export function renderMarkdown(source: string): HTMLElement {
  const root = h("div", { class: "markdown" });
  const lines = source.split("\n");
  for (let i = 0; i < lines.length;) {
    const line = lines[i] ?? "";
    if (line.startsWith("```")) {
      const end = lines.indexOf("```", i + 1);
      const stop = end === -1 ? lines.length : end;
      root.append(h("pre", {}, h("code", {}, lines.slice(i + 1, stop).join("\n"))));
      i = stop + 1;
    } else if (/^#{1,4} /.test(line)) {
      const level = Math.min(6, line.indexOf(" ") + 1);
      root.append(h(`h${level}`, {}, ...inline(line.replace(/^#+ /, ""))));
      i++;
    } else if (/^\s*[-*] /.test(line)) {
      const list = h("ul");
      while (i < lines.length && /^\s*[-*] /.test(lines[i] ?? "")) {
        let item = (lines[i] ?? "").replace(/^\s*[-*] /, "");
        for (i++; i < lines.length && /^\s{2,}\S/.test(lines[i] ?? ""); i++) {
          item += ` ${(lines[i] ?? "").trim()}`;
        }
        list.append(h("li", {}, ...inline(item)));
      }
      root.append(list);
    } else if (line.trim() === "") {
      i++;
    } else {
      let text = line;
      for (i++; i < lines.length && isParagraphLine(lines[i] ?? ""); i++) text += ` ${lines[i]}`;
      root.append(h("p", {}, ...inline(text)));
    }
  }
  return root;
}

function isParagraphLine(line: string): boolean {
  return line.trim() !== "" && !/^(#{1,4} |```|\s*[-*] )/.test(line);
}
