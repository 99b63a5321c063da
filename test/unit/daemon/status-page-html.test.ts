import { describe, expect, it } from "vitest";
import { html } from "../../../src/daemon/status-page/html.js";

describe("the status page's html tag", () => {
  it("escapes every interpolated string and number, in text and in quoted attributes", () => {
    const title = `"><script>alert('x')</script> & more`;
    expect(html`<td title="${title}">${title}</td>`.text).toBe(
      '<td title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more</td>',
    );
    expect(html`<b>${42}</b>`.text).toBe("<b>42</b>");
  });

  it("keeps nested markup and lists of it as they are, and leaves null and undefined out", () => {
    const rows = ["<a>", "b&c"].map((cell) => html`<td>${cell}</td>`);
    const row = html`<tr>
        ${rows}
      </tr>
      ${null}${undefined}`.text;
    expect(row.replace(/\s+/g, "")).toBe("<tr><td>&lt;a&gt;</td><td>b&amp;c</td></tr>");
  });
});
