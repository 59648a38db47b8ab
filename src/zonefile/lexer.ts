// RFC 1035 s5.1 master-file lexer: splits text into logical entries (parentheses join lines), tokens with
// quoting kept apart, comments dropped but the trailing one kept (it may carry `; geo:`). Handles CRLF, a BOM,
// tabs and backslash escapes. Work is linear in the input; nothing here reads files.

export type Token = { text: string; quoted: boolean };
export type Entry = { line: number; tokens: Token[]; blankOwner: boolean; comment: string };
export type LexError = { line: number; error: string };

export function lex(input: string): { entries: Entry[]; errors: LexError[] } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const entries: Entry[] = [];
  const errors: LexError[] = [];
  let line = 1;
  let entry: Entry | null = null;
  let depth = 0;
  let i = 0;
  const startEntry = (blank: boolean) => {
    entry = { line, tokens: [], blankOwner: blank, comment: "" };
  };
  const endEntry = () => {
    if (entry && entry.tokens.length > 0) entries.push(entry);
    entry = null;
  };
  let atLineStart = true;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      i++;
      line++;
      if (depth === 0) endEntry();
      atLineStart = true;
      continue;
    }
    if (atLineStart && depth === 0 && entry === null) startEntry(ch === " " || ch === "\t");
    atLineStart = false;
    const e = entry as unknown as Entry;
    if (ch === " " || ch === "\t") {
      i++;
      continue;
    }
    if (ch === ";") {
      let j = i;
      while (j < text.length && text[j] !== "\n" && text[j] !== "\r") j++;
      e.comment = text.slice(i + 1, j).trim();
      i = j;
      continue;
    }
    if (ch === "(") {
      depth++;
      i++;
      continue;
    }
    if (ch === ")") {
      if (depth === 0) errors.push({ line, error: "unbalanced )" });
      else depth--;
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let out = "";
      while (j < text.length && text[j] !== '"') {
        if (text[j] === "\\" && j + 1 < text.length) {
          out += text.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (text[j] === "\n") line++;
        out += text[j];
        j++;
      }
      if (j >= text.length) {
        errors.push({ line: e.line, error: "unterminated quoted string" });
        i = j;
        continue;
      }
      e.tokens.push({ text: out, quoted: true });
      i = j + 1;
      continue;
    }
    let j = i;
    let out = "";
    while (j < text.length) {
      const c = text[j] as string;
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === ";" || c === "(" || c === ")" || c === '"') break;
      if (c === "\\" && j + 1 < text.length) {
        out += text.slice(j, j + 2);
        j += 2;
        continue;
      }
      out += c;
      j++;
    }
    e.tokens.push({ text: out, quoted: false });
    i = j;
  }
  if (depth > 0) errors.push({ line, error: "unbalanced ( at end of file" });
  endEntry();
  return { entries, errors };
}
