// The status page shows repo names, PR titles, actions and paths that come from webhook
// deliveries, so nothing from outside may reach the page unescaped. Markup is only made by the
// `html` tag, which escapes every string or number it interpolates; nested Markup stays as is.

export type Interpolated = string | number | Markup | readonly Markup[] | null | undefined;

export class Markup {
  readonly text: string;

  private constructor(text: string) {
    this.text = text;
  }

  static html(strings: TemplateStringsArray, ...values: Interpolated[]): Markup {
    let text = strings[0] ?? "";
    values.forEach((value, index) => {
      text += markupOf(value) + (strings[index + 1] ?? "");
    });
    return new Markup(text);
  }
}

export const html = Markup.html;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function markupOf(value: Interpolated): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Markup) return value.text;
  if (typeof value === "string" || typeof value === "number") return escapeHtml(String(value));
  return value.map((each) => each.text).join("");
}
