"""HTML pages with a known main text, for the extraction tests and benchmark.

Each page wraps one text of ``tests/data/prose`` (paragraphs from *The Debian
Administrator's Handbook*, CC-BY-SA-3.0, see ``tests/data/prose/README.md``) in
one of three page templates written for this project: a news site (menus,
breadcrumbs, share bar, related stories, cookie banner, footer), a blog
(sidebar, tag cloud, a comment thread of real sentences, newsletter box) and a
documentation site (navigation tree, table of contents, "edit this page",
previous/next links). The main text is the prose, paragraph for paragraph, so
extraction quality is measured against it exactly.

>>> p = make_page("A title", ["First paragraph.", "Second one."], "news", 0)
>>> "<p>Second one.</p>" in p.html and p.text == "First paragraph.\\nSecond one."
True
"""

from __future__ import annotations

import html as _html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex

PROSE = Path(__file__).resolve().parent.parent / "tests" / "data" / "prose"
TEMPLATES = ("news", "blog", "docs")
_WORD = regex.compile(r"\w+")


@dataclass(frozen=True)
class Page:
    name: str
    title: str
    html: str
    text: str  # the main text: the paragraphs, one a line
    date: str
    url: str


def _esc(s: str) -> str:
    return _html.escape(s, quote=True)


def _news(title: str, body: str, i: int, date: str, url: str) -> str:
    related = "".join(
        f'<li><a href="/story/{i + k}">Readers share their favourite tips for week {k}</a></li>'
        for k in range(1, 6)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_esc(title)} | The Daily Terminal</title>
<meta property="og:url" content="{url}"><meta name="date" content="{date}">
<script>window.dataLayer = window.dataLayer || [];
function gtag(){{dataLayer.push(arguments);}}</script>
<style>body {{ font-family: serif; }} .nav a {{ margin: 0 4px; }}</style></head>
<body><div class="cookie-banner">We use cookies to improve your experience. By continuing to
browse the site you agree to our use of cookies. <button>Accept all</button></div>
<header><a href="/" class="logo">The Daily Terminal</a><nav class="nav"><a href="/">Home</a>
<a href="/news">News</a><a href="/tech">Technology</a><a href="/opinion">Opinion</a>
<a href="/sport">Sport</a><a href="/subscribe">Subscribe</a></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/tech">Technology</a> &gt; Guides</div>
<main><article><h1>{_esc(title)}</h1>
<div class="byline">By Staff Reporter · <time datetime="{date}">{date}</time></div>
<div class="share">Share this article: <a href="#">Facebook</a> <a href="#">X</a>
<a href="#">Email</a></div>
{body}
<div class="share">Share this article: <a href="#">Facebook</a> <a href="#">X</a></div>
</article>
<aside class="related"><h2>Related stories</h2><ul>{related}</ul></aside></main>
<div class="newsletter">Sign up for our morning briefing and get the top stories in your
inbox every day. <input type="email" placeholder="Your email"><button>Sign up</button></div>
<footer><p>© 2024 The Daily Terminal. All rights reserved.</p><a href="/privacy">Privacy
policy</a> <a href="/terms">Terms of use</a> <a href="/contact">Contact us</a></footer>
</body></html>"""


def _blog(title: str, body: str, i: int, date: str, url: str) -> str:
    tags = " ".join(f'<a href="/tag/t{k}">tag{k}</a>' for k in range(12))
    comments = "".join(
        f'<li class="comment"><b>reader{k}</b> said on {date}: <p>Thanks for writing this up, '
        f"it saved me a long afternoon of trial and error with my own server at home.</p>"
        f'<a href="#reply">Reply</a></li>'
        for k in range(3)
    )
    return f"""<html><head><title>{_esc(title)} – a sysadmin's notebook</title>
<link rel="canonical" href="{url}"></head>
<body><div id="top"><h3>a sysadmin's notebook</h3><ul class="menu"><li><a href="/">Blog</a>
</li><li><a href="/about">About me</a></li><li><a href="/archive">Archive</a></li></ul></div>
<div id="content"><div class="post"><h2 class="entry-title">{_esc(title)}</h2>
<span class="posted">Posted on {date} in <a href="/cat/linux">Linux</a></span>
<div class="entry-content">{body}</div>
<div class="post-footer">Tags: {tags}</div></div>
<div id="comments"><h3>3 comments</h3><ol>{comments}</ol>
<form><textarea placeholder="Leave a comment"></textarea><button>Post comment</button></form>
</div></div>
<div id="sidebar"><h4>Recent posts</h4><ul><li><a href="/p/1">Backups that work</a></li>
<li><a href="/p/2">Why I moved to a tiling window manager</a></li></ul>
<h4>Newsletter</h4><p>Get new posts by email. No spam, unsubscribe at any time.</p></div>
<div id="footer">Powered by a static site generator · Theme by someone</div></body></html>"""


def _docs(title: str, body: str, i: int, date: str, url: str) -> str:
    tree = "".join(
        f'<li><a href="/handbook/ch{k}.html">Chapter {k}. Section title {k}</a></li>'
        for k in range(1, 15)
    )
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{_esc(title)} — Handbook documentation</title></head>
<body><div class="wy-nav-side"><div class="search"><input placeholder="Search docs"></div>
<ul class="toctree">{tree}</ul></div>
<div class="wy-nav-content"><div role="navigation"><a href="/">Docs</a> » {_esc(title)}
<a class="edit" href="/edit/{i}">Edit this page on the repository</a></div>
<div class="document" role="main" itemprop="articleBody"><section><h1>{_esc(title)}</h1>
{body}</section></div>
<div class="rst-footer-buttons"><a href="/prev">« Previous</a> <a href="/next">Next »</a></div>
<footer><p>Last updated on {date}. Built with a documentation generator.</p></footer>
</div></body></html>"""


_TEMPLATES = {"news": _news, "blog": _blog, "docs": _docs}


def make_page(title: str, paragraphs: list[str], template: str, i: int) -> Page:
    date = f"2024-{1 + i % 12:02d}-{1 + i % 27:02d}"
    url = f"https://example.org/{template}/{i}"
    body = "\n".join(f"<p>{_esc(p)}</p>" for p in paragraphs)
    html = _TEMPLATES[template](title, body, i, date, url)
    return Page(f"{template}_{i:03d}", title, html, "\n".join(paragraphs), date, url)


def pages(templates: tuple[str, ...] = TEMPLATES) -> list[Page]:
    """One page per prose text and template (title: the text's first words)."""
    out = []
    for i, path in enumerate(sorted(PROSE.glob("*.txt"))):
        paragraphs = [p for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]
        title = " ".join(paragraphs[0].split()[:6]).rstrip(",.;:")
        for template in templates:
            out.append(make_page(title, paragraphs, template, i))
    return out


def word_prf(extracted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the extracted words (a multiset) against the truth.

    >>> word_prf("a b c", "a b d")
    (0.667, 0.667, 0.667)
    """
    got = Counter(w.lower() for w in _WORD.findall(extracted))
    want = Counter(w.lower() for w in _WORD.findall(truth))
    common = sum((got & want).values())
    p = common / max(1, sum(got.values()))
    r = common / max(1, sum(want.values()))
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)
