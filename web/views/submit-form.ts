// Submitting code: a language, the files (from the template, typed in, or uploaded as files
// or a folder), the scenarios to run and an optional seed.
import { ApiCallError, api, type ProblemDetail } from "../api.ts";
import { fill, h } from "../dom.ts";

interface FormState {
  files: Map<string, string>;
  current: string | null;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = h("a", { href: url, download: name.split("/").pop() ?? name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file's path inside the chosen folder (its first segment is the folder itself). */
function uploadedPath(file: File): string {
  const relative = file.webkitRelativePath;
  return relative ? relative.split("/").slice(1).join("/") : file.name;
}

/** Folders a user never means to send: tool caches and hidden files. */
const SKIPPED = /(^|\/)(\.[^/]*|node_modules|__pycache__)(\/|$)/;

export function submitForm(problem: ProblemDetail): HTMLElement {
  const state: FormState = { files: new Map(), current: null };
  const language = h(
    "select",
    { id: "language", "aria-label": "language" },
    problem.languages.map((l) => h("option", { value: l }, l)),
  ) as HTMLSelectElement;
  const tabs = h("div", { class: "file-tabs", "data-testid": "file-tabs" });
  const editor = h("textarea", {
    class: "editor",
    id: "editor",
    spellcheck: "false",
    "aria-label": "file contents",
  }) as HTMLTextAreaElement;
  const message = h("div", { "data-testid": "submit-message" });

  const showTabs = () => {
    fill(
      tabs,
      [...state.files.keys()].sort().map((path) =>
        h(
          "button",
          {
            type: "button",
            class: path === state.current ? "current" : undefined,
            onclick: () => select(path),
          },
          path,
        ),
      ),
    );
    editor.value = state.current ? (state.files.get(state.current) ?? "") : "";
    editor.disabled = state.current === null;
  };
  const select = (path: string) => {
    state.current = path;
    showTabs();
  };
  const setFiles = (files: [string, string][]) => {
    state.files = new Map(files);
    state.current = files.map(([p]) => p).sort()[0] ?? null;
    showTabs();
  };
  // Each template load, upload or edit takes a number; a slower load finishing after a newer
  // one started (a template still loading when files are uploaded, or typed) overwrites nothing.
  let latest = 0;
  editor.addEventListener("input", () => {
    latest += 1;
    if (state.current) state.files.set(state.current, editor.value);
  });

  const loadTemplate = async () => {
    const mine = ++latest;
    const { files } = await api.template(problem.id, language.value);
    if (mine === latest) setFiles(Object.entries(files));
  };
  const upload = async (input: HTMLInputElement) => {
    const mine = ++latest;
    const chosen = [...(input.files ?? [])].filter((f) => !SKIPPED.test(uploadedPath(f)));
    const files = await Promise.all(
      chosen.map(async (f) => [uploadedPath(f), await f.text()] as [string, string]),
    );
    if (mine === latest) setFiles(files);
    input.value = "";
  };
  const fileInput = h("input", {
    type: "file",
    multiple: true,
    id: "upload-files",
  }) as HTMLInputElement;
  fileInput.addEventListener("change", () => void upload(fileInput));
  const folderInput = h("input", { type: "file", id: "upload-folder" }) as HTMLInputElement;
  folderInput.webkitdirectory = true;
  folderInput.addEventListener("change", () => void upload(folderInput));

  const scenarioBoxes = problem.scenarios.map(
    (s) =>
      h("input", {
        type: "checkbox",
        checked: true,
        value: s.name,
        "data-scenario": s.name,
      }) as HTMLInputElement,
  );
  const seed = h("input", {
    type: "number",
    id: "seed",
    min: 0,
    placeholder: "random",
  }) as HTMLInputElement;
  const submitButton = h("button", { type: "submit", id: "submit" }, "Submit");

  const submit = async (e: Event) => {
    e.preventDefault();
    fill(message);
    const scenarios = scenarioBoxes.filter((b) => b.checked).map((b) => b.value);
    try {
      const { id } = await api.submit({
        problemId: problem.id,
        language: language.value,
        files: Object.fromEntries(state.files),
        ...(scenarios.length === scenarioBoxes.length ? {} : { scenarios }),
        ...(seed.value === "" ? {} : { seed: Number(seed.value) }),
      });
      location.hash = `#/submissions/${id}`;
    } catch (err) {
      const issues = err instanceof ApiCallError ? err.issues : [];
      fill(
        message,
        h(
          "div",
          { class: "error-box" },
          h("strong", {}, (err as Error).message),
          h(
            "ul",
            {},
            issues.map((i) => h("li", {}, i)),
          ),
        ),
      );
    }
  };

  language.addEventListener("change", () => void loadTemplate());
  void loadTemplate();
  return h(
    "form",
    { onsubmit: (e: Event) => void submit(e), "data-testid": "submit-form" },
    h("h2", {}, "Submit"),
    h(
      "div",
      { class: "row" },
      h("label", {}, "Language ", language),
      h("button", { type: "button", onclick: () => void loadTemplate() }, "Reset to template"),
      h(
        "button",
        {
          type: "button",
          onclick: () =>
            void api
              .template(problem.id, language.value)
              .then(({ files }) => Object.entries(files).forEach(([p, t]) => download(p, t))),
        },
        "Download template",
      ),
    ),
    h(
      "div",
      { class: "row" },
      h("label", {}, "Upload files ", fileInput),
      h("label", {}, "or a folder ", folderInput),
    ),
    tabs,
    editor,
    h(
      "fieldset",
      { class: "scenario-choice" },
      h("legend", {}, "Scenarios"),
      problem.scenarios.map((s, i) =>
        h(
          "label",
          { title: s.description },
          scenarioBoxes[i],
          ` ${s.name} `,
          h("span", { class: "muted" }, s.description),
        ),
      ),
    ),
    h("div", { class: "row" }, h("label", {}, "Seed ", seed), submitButton),
    message,
  );
}
