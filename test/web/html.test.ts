import { describe, expect, it } from "vitest";
import { html } from "../../src/web/html.js";

describe("markup with every value escaped", () => {
  it("turns text from GitHub into text, in content and in attributes", () => {
    const title = `<script>alert('x')</script> & "quoted"`;
    expect(html`<td title="${title}">${title}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</td>',
    );
  });

  it("keeps markup built with it, joins lists, and leaves out nothing-values", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${0}</ul>`.text).toBe(
      "<ul><li>a&lt;b</li><li>c</li>0</ul>",
    );
  });
});
