// Colour in the CLI's output, only where a person reads it: on a terminal, unless NO_COLOR
// is set; FORCE_COLOR forces it (FORCE_COLOR=0 forbids it). The same conventions as
// commander's help (its useColor), so the help and the output agree.

export interface ColourStream {
  isTTY?: boolean;
  hasColors?: () => boolean;
}

export function colourWanted(stream: ColourStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR || env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false") return false;
  if (env.FORCE_COLOR || env.CLICOLOR_FORCE !== undefined) return true;
  return Boolean(stream.isTTY && stream.hasColors?.());
}

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, cyan: 36 } as const;
export type Style = keyof typeof CODES;

export type Paint = (style: Style, text: string) => string;

/** Wraps text in the style's escape codes when `on`, and leaves it as it is otherwise. */
export function painter(on: boolean): Paint {
  return on ? (style, text) => `\u001b[${CODES[style]}m${text}\u001b[0m` : (_style, text) => text;
}

export const paintFor = (stream: ColourStream): Paint => painter(colourWanted(stream));
