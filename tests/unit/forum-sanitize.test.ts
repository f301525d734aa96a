import { describe, expect, test } from 'vitest';
import { renderPost } from '../../src/lib/server/forum/markdown.ts';

/** What a post may contain once rendered: text formatting, lists, tables, code and links. */
const ALLOWED_TAGS = new Set([
	'p',
	'br',
	'hr',
	'strong',
	'em',
	'del',
	'code',
	'pre',
	'blockquote',
	'ul',
	'ol',
	'li',
	'a',
	'h4',
	'h5',
	'h6',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td',
	'sup',
	'section'
]);
const ALLOWED_ATTRIBUTES = new Set([
	'href',
	'rel',
	'id',
	'class',
	'align',
	'start',
	'data-footnotes',
	'data-footnote-ref',
	'data-footnote-backref',
	'aria-describedby',
	'aria-label',
	'title'
]);

/** Every tag and attribute of the HTML, as a browser would read them. */
function elementsOf(html: string) {
	return [...html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
		([, tag, attributes]) => ({
			tag: tag.toLowerCase(),
			attributes: [...attributes.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map(([, name, value]) => ({
				name: name.toLowerCase(),
				value: decodeEntities(value ?? '')
			}))
		})
	);
}

function decodeEntities(value: string) {
	return value
		.replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

/** Asserts the HTML has no way to run code, load something, or restyle the page. */
function expectInert(html: string) {
	expect(html, 'a raw < that starts a tag not seen as one').not.toMatch(/<(?![a-zA-Z/])/);
	for (const element of elementsOf(html)) {
		expect(ALLOWED_TAGS, `<${element.tag}> in ${html}`).toContain(element.tag);
		for (const { name, value } of element.attributes) {
			expect(ALLOWED_ATTRIBUTES, `${name}= in ${html}`).toContain(name);
			expect(name).not.toMatch(/^(on|style$|src|formaction$)/);
			if (name === 'href') {
				// Browsers ignore tabs and newlines inside a scheme: check the value as they read it.
				const squashed = value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
				expect(squashed, html).toMatch(/^(https?:\/\/|mailto:|\/(?![/\\])|#)/);
			}
		}
	}
}

const XSS_PAYLOADS: [string, string][] = [
	['a script tag', '<script>alert(1)</script>'],
	['a script tag in a paragraph', 'Bonjour <script src="https://evil.example/x.js"></script> !'],
	['an uppercase script tag', '<SCRIPT>alert(1)</SCRIPT>'],
	['a split script tag', '<scr<script>ipt>alert(1)</script>'],
	['a javascript: link', '[clic](javascript:alert(1))'],
	['an uppercase JAVASCRIPT: link', '[clic](JAVASCRIPT:alert(1))'],
	['a javascript: link with a tab entity', '[clic](jav&#x09;ascript:alert(1))'],
	['a javascript: link with a newline entity', '[clic](jav&#x0A;ascript:alert(1))'],
	['a javascript: link with an encoded letter', '[clic](&#106;avascript:alert(1))'],
	['a javascript: link with a decimal-encoded colon', '[clic](javascript&#58;alert(1))'],
	['a javascript: link with a leading space', '[clic]( javascript:alert(1))'],
	['a javascript: link in angle brackets', '[clic](<javascript:alert(1)>)'],
	['a javascript: autolink', '<javascript:alert(1)>'],
	['a javascript: reference link', '[clic][x]\n\n[x]: javascript:alert(1)'],
	['a data: link', '[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
	['a data: link in uppercase', '[clic](DATA:text/html,<script>alert(1)</script>)'],
	['a vbscript: link', '[clic](vbscript:msgbox(1))'],
	['a file: link', '[clic](file:///etc/passwd)'],
	['a protocol-relative link', '[clic](//evil.example/phish)'],
	['a backslash link', '[clic](/\\evil.example)'],
	['a raw link with javascript:', '<a href="javascript:alert(1)">clic</a>'],
	['an event handler on a raw element', '<p onclick="alert(1)">clic</p>'],
	[
		'an event handler on a raw link',
		'<a href="https://ok.example" onmouseover="alert(1)">clic</a>'
	],
	['an inline style', '<span style="position:fixed;top:0;left:0;width:100%;height:100%">x</span>'],
	['a style element', '<style>body{display:none}</style>'],
	['an image with onerror', '<img src=x onerror=alert(1)>'],
	['a Markdown image', '![chat](https://evil.example/tracker.png)'],
	['a Markdown image with javascript:', '![x](javascript:alert(1))'],
	['a Markdown image inside a link', '[![x](https://evil.example/x.png)](https://ok.example)'],
	['an iframe', '<iframe src="https://evil.example"></iframe>'],
	['an svg with onload', '<svg onload=alert(1)>'],
	['an svg with a script', '<svg><script>alert(1)</script></svg>'],
	['a math element', '<math><mtext><script>alert(1)</script></mtext></math>'],
	['an object', '<object data="https://evil.example/x.swf"></object>'],
	['an embed', '<embed src="https://evil.example/x.swf">'],
	[
		'a form',
		'<form action="https://evil.example"><input name="password"><button>OK</button></form>'
	],
	['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
	['a base element', '<base href="https://evil.example/">'],
	['a link element', '<link rel="stylesheet" href="https://evil.example/x.css">'],
	['an html comment', '<!-- <script>alert(1)</script> -->'],
	['a CDATA section', '<![CDATA[<script>alert(1)</script>]]>'],
	['escaped tags as entities', '&lt;script&gt;alert(1)&lt;/script&gt;'],
	['a numeric-entity tag', '&#60;script&#62;alert(1)&#60;/script&#62;'],
	['a link title breaking out', '[clic](https://ok.example "x\\" onmouseover=\\"alert(1)")'],
	['a link url breaking out', '[clic](https://ok.example/"onmouseover="alert(1))'],
	['a code span with a tag', '`<script>alert(1)</script>`'],
	['a fenced block with a tag', '```html\n<img src=x onerror=alert(1)>\n```'],
	['an autolinked www address with a quote', 'www.ok.example/"onmouseover="alert(1)'],
	['a footnote whose label aims at a global', 'Texte[^location]\n\n[^location]: note'],
	['a task list checkbox', '- [x] <input type="checkbox" onclick="alert(1)">'],
	['a details element', '<details open ontoggle=alert(1)><summary>x</summary></details>'],
	['a target attribute', '<a href="https://ok.example" target="_top">clic</a>'],
	['a heading id clobbering', '<h1 id="__proto__" name="location">x</h1>']
];

describe('posts are rendered to inert HTML', () => {
	test.for(XSS_PAYLOADS)('%s', async ([, payload]) => {
		const { html } = await renderPost(payload);
		expectInert(html);
	});

	test('raw HTML never becomes markup: its text is dropped or shown as text', async () => {
		const { html } = await renderPost('<b>gras</b> et <script>alert(1)</script>');
		expect(html).not.toContain('<b>');
		expect(html).not.toContain('<script');
	});

	test('links to other sites get rel="nofollow ugc noopener" and no target', async () => {
		const { html, links } = await renderPost(
			'Voir [la doc](https://doc.example), <https://wiki.example> et contact@example.org'
		);
		expect(html).toBe(
			'<p>Voir <a href="https://doc.example" rel="nofollow ugc noopener">la doc</a>, ' +
				'<a href="https://wiki.example" rel="nofollow ugc noopener">https://wiki.example</a> et ' +
				'<a href="mailto:contact@example.org" rel="nofollow ugc noopener">contact@example.org</a></p>'
		);
		expect(links).toBe(3);
	});

	test('a link with a forbidden scheme keeps its text but loses its href', async () => {
		expect((await renderPost('[clic](javascript:alert(1))')).html).toBe('<p><a>clic</a></p>');
		expect((await renderPost('[clic](javascript:alert(1))')).links).toBe(0);
	});

	test('ordinary Markdown still works: emphasis, lists, code, quotes, tables', async () => {
		const { html } = await renderPost(
			'# Titre\n\n**gras** *italique* ~~barré~~ `code`\n\n- un\n- deux\n\n> citation\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1 < 2;\n```'
		);
		expect(html).toContain('<h4>Titre</h4>');
		expect(html).toContain(
			'<strong>gras</strong> <em>italique</em> <del>barré</del> <code>code</code>'
		);
		expect(html).toContain('<ul>\n<li>un</li>\n<li>deux</li>\n</ul>');
		expect(html).toContain('<blockquote>\n<p>citation</p>\n</blockquote>');
		expect(html).toContain('<td>1</td>');
		expect(html).toContain('<code class="language-js">const x = 1 &#x3C; 2;\n</code>');
	});

	test('task lists become plain marks, without form controls', async () => {
		expect((await renderPost('- [x] fait\n- [ ] à faire')).html).toBe(
			'<ul>\n<li>☑ fait</li>\n<li>☐ à faire</li>\n</ul>'
		);
	});

	test('footnotes link to each other with ids of their own, unique to the post', async () => {
		const first = (await renderPost('Texte[^1]\n\n[^1]: Une note')).html;
		const second = (await renderPost('Texte[^1]\n\n[^1]: Une note')).html;
		const ids = (html: string) => [...html.matchAll(/id="([^"]+)"/g)].map((match) => match[1]);
		const hrefs = [...first.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
		expect(hrefs.length).toBe(2);
		for (const href of hrefs) expect(ids(first)).toContain(href);
		expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
	});
});
