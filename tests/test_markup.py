"""Visible text of HTML and Markdown, and its offsets back into the original document."""

from __future__ import annotations

import gc
import html
import time

import pytest

from factcheck.markup import Visible, markup_kind, visible

PAGE = """\ufeff<!DOCTYPE html>
<HTML lang="zh-Hant">
<head>
  <meta charset="utf-8">
  <title>台積電第三季財報 &amp; 展望</title>
  <style>body { margin:0; padding: 0px } .n { width: 100% }</style>
  <script>var ts = "2024-01-01"; if (a < 3 && b > 2) { x = "<p>99億</p>"; }</script>
</head>
<body>
<nav><a href="/">首頁</a> | <a href="/n">新聞 2024-01-01</a></nav>
<header><h1>台積電營收創新高</h1></header>
<article>
  <p>台積電今日公布，第三季營收
     達<b>570</b>.06億美元，年增&nbsp;36%。</p>
  <table>
    <tr><th>項目</th><th>金額</th><th>年增</th></tr>
    <tr><td>營收</td><td>1,505.60億元</td><td>18.04%</td></tr>
  </table>
  <aside>延伸閱讀：營收 99億</aside>
  <form><input name="q"><button>訂閱 9.9元</button></form>
</article>
<footer>客服電話 02-2345-6789 &copy; 2024</footer>
</body></HTML>
"""

HTML_CASES = [  # (id, source, visible text)
    ("table-row", "<tr><td>營收</td><td>1,505.60億元</td><td>18.04%</td></tr>",
     "營收 | 1,505.60億元 | 18.04%"),
    ("table-simplified",
     "<table><thead><tr><th>项目</th><th>2023年</th></tr></thead>\n<tbody>\n"
     "<tr><td>营收</td><td><p>570.06亿美元</p></td></tr>\n</tbody></table>",
     "项目 | 2023年\n营收 | 570.06亿美元"),
    ("table-leading-empty", "<table><tr><td></td><td>2023年</td></tr>\n<tr><td>營收</td>"
     "<td>5億</td></tr></table>", "| 2023年\n營收 | 5億"),
    ("table-empty-cell", "<table><tr><td>淨利</td><td></td><td>12億</td></tr></table>",
     "淨利 | | 12億"),
    ("nested-inline", "<p>淨利<b>570</b>.06億美元，<i>同比</i><span>增長<em>12</em>%</span></p>",
     "淨利570.06億美元，同比增長12%"),
    ("entities", "<p>營收&nbsp;1,505.60&#20740;元，&#x4E00;年&amp;&yen;5&lt;6&#37;</p>",
     "營收 1,505.60億元，一年&¥5<6%"),
    ("entities-unterminated", "<p>&copy2023 &ampx &foo; &#0; a&b</p>", "©2023 &x &foo; \ufffd a&b"),
    ("br", "营收增长<br>净利 18.04%<br/><BR><br>同比", "营收增长\n净利 18.04%\n\n同比"),
    ("whitespace", "<p>營收\n  570億元，\n同比增長 12.5%\n  and\t\tmore  </p>",
     "營收570億元，同比增長 12.5% and more"),
    ("newline-latin", "<div>Revenue\n570 million\n</div>", "Revenue 570 million"),
    ("space-kept-between-cjk", "<p>營收 570億</p>", "營收 570億"),
    ("blocks", "<div><h2>營收</h2><ul><li>570億</li><li>年增 5%</li></ul></div><hr><p>完</p>",
     "營收\n\n570億\n年增 5%\n\n完"),
    ("pre", "<p>表</p><pre>\n營收   570億\n  淨利&nbsp;12億</pre>",
     "表\n\n營收   570億\n  淨利 12億"),
    ("malformed", "<p>營收 < 570億 & 淨利 <12億<p>未閉合 <b>粗體 a<>b </x <div class=\"x",
     "營收 < 570億 & 淨利 <12億\n\n未閉合 粗體 a<>b </x <div class=\"x"),
    ("uppercase", "<P>營收<B>570</B>億</P><SCRIPT>var x = 1;</SCRIPT><DIV>完</DIV>",
     "營收570億\n\n完"),
    ("comment-cdata",
     "<!DOCTYPE html><!-- 2023年 廣告 --><p>營收<![CDATA[ 99 ]]>570億</p><?php 1 ?>", "營收570億"),
    ("quoted-gt", "<div data-x=\"a>1\" title='b>2' class=x>營收 5億</div>", "營收 5億"),
    ("unclosed-head", "<head><title>標題</title><meta charset=utf-8><p>營收 5億</p>",
     "標題\n\n營收 5億"),
    ("head-closed-by-text", "<head><title>標題</title>\n營收 5億", "標題\n\n營收 5億"),
    ("dropped", "<p>營收 5億</p><noscript>請啟用 1</noscript><template><p>9億</p></template>"
     "<svg><title>圖 3</title><text>4</text></svg><select><option>7</option></select>",
     "營收 5億"),
    ("nested-skip", "<nav><nav>1</nav>2</nav><p>營收 5億</p><footer>3<footer>4",
     "營收 5億"),
    ("unclosed-comment", "<p>營收 5億</p><!-- 2023", "營收 5億"),
]

MARKDOWN_CASES = [
    ("headings", "# 台積電第三季營收 #\n\n## 营收同比增长\n###不是標題",
     "台積電第三季營收\n\n营收同比增长\n###不是標題"),
    ("emphasis", "**營收**達到*570*億元，__淨利__ _12_ 億，~~刪除~~",
     "營收達到570億元，淨利 12 億，刪除"),
    ("not-emphasis", "2*3*4 = 24，a_b_c，5 * 6，snake_case_name",
     "2*3*4 = 24，a_b_c，5 * 6，snake_case_name"),
    ("lists", "- 營收 570億\n* 淨利 12億\n+ 毛利\n1. 第一項\n2) 第二項\n1.5億元為新高\n-5%",
     "營收 570億\n淨利 12億\n毛利\n第一項\n第二項\n1.5億元為新高\n-5%"),
    ("links", "詳見[財報](https://x.com/a_b_c \"t\")與![營收圖](img.png)，參考[年報][1]、"
     "<https://x.com/2023>。\n\n[1]: https://example.com/report_2023",
     "詳見財報與營收圖，參考年報、https://x.com/2023。"),
    ("table", "| 項目 | 金額 | 年增 |\n|---|---:|:---:|\n| 營收 | 1,505.60億元 | 18.04% |",
     "項目 | 金額 | 年增\n營收 | 1,505.60億元 | 18.04%"),
    ("blockquote", "> 營收 570億\n> > 淨利 **12**億", "營收 570億\n淨利 12億"),
    ("code", "`營收` 570億\n```python\n營收 = 570 * 2  # **x**\n```\n結束",
     "營收 570億\n營收 = 570 * 2 # **x**\n結束"),
    ("html-inside",
     "營收<b>570</b>億<br>淨利&nbsp;12億\n<!-- 註解 2023 -->\n<script>x=1</script>結束",
     "營收570億\n淨利 12億\n結束"),
    ("reference-across-cut", "營收&#20740`5`億", "營收億5億"),
    ("escapes", "\\*營收\\* 570億 \\[註\\]", "*營收* 570億 [註]"),
    ("rules", "營收報告\n===\n\n***\n\n正文 5%\n---\n", "營收報告\n\n正文 5%"),
    ("simplified",
     "## 比亚迪 2023 年营收\n\n**营收**同比增长 *42.04%*，达 6,023.15 亿元。\n\n\n\n完",
     "比亚迪 2023 年营收\n\n营收同比增长 42.04%，达 6,023.15 亿元。\n\n完"),
    ("crlf-bom", "\ufeff# 標題\r\n\r\n- 營收 5億\r\n", "標題\n\n營收 5億"),
]

FIGURES = [  # (kind, source, figure as visible, figure as written in the source)
    ("html", "<p>淨利<b>570</b>.06億美元</p>", "570.06億美元", "570</b>.06億美元"),
    ("html", "<td>營收</td><td>1,505.60億元</td>", "1,505.60億元", "1,505.60億元"),
    ("html", "<p>營收5&#20740;元</p>", "5億元", "5&#20740;元"),
    ("html", "<p>年增18.04&#37;，</p>", "18.04%", "18.04&#37;"),
    ("html", "<p>營收\n570億</p>", "營收570億", "營收\n570億"),
    ("markdown", "**營收** 570億元", "570億元", "570億元"),
    ("markdown", "- [營收](u) 1,505.60億元", "1,505.60億元", "1,505.60億元"),
    ("markdown", "**570**億", "570億", "570**億"),
    ("markdown", "| 淨利 | 12&#20740; |", "12億", "12&#20740;"),
    ("html", PAGE, "570.06億美元", "570</b>.06億美元"),
    ("html", PAGE, "1,505.60億元", "1,505.60億元"),
]

KINDS = [  # (name, text, kind)
    ("report.html", "", "html"),
    ("REPORT.HTM", "plain", "html"),
    ("a.xhtml", "", "html"),
    ("a.md", "<p>x</p><p>y</p>", "markdown"),
    ("notes.markdown", "", "markdown"),
    ("-", PAGE, "html"),
    ("-", "\n  <html lang=zh><body>營收</body></html>", "html"),
    ("news.txt", "<p>營收570億</p>\n<p>淨利12億</p>\n", "html"),
    ("-", "<div>營收<br>570億<br>淨利</div>", "html"),
    ("-", "<p>營收570億</p>\n淨利\n12億\n年增\n5%\n<p>完</p>", "html"),  # few lines, dense
    ("news.txt", "營收 < 570億，淨利 > 12億，a<b", None),
    ("-", "營收570億元，年增18.04%。", None),
    ("-", "", None),
    ("news.txt", "# 標題\n\n**營收** 570億", None),
    ("news.txt", "見<p>註一</p>。\n" + "營收成長，淨利增加。\n" * 300 + "<br>", None),
]


def _check(original: str, v: Visible) -> None:
    """Every visible char comes from the original char its offset names; offsets ascend."""
    assert len(v.offsets) == len(v.text) + 1
    assert v.offsets[-1] == len(original)
    assert all(a <= b for a, b in zip(v.offsets, v.offsets[1:], strict=False))
    for i, ch in enumerate(v.text):
        o = v.offsets[i]
        src = original[o]
        if i in v.ends:  # a character reference
            decoded = html.unescape(original[o:v.ends[i]]).replace("\xa0", " ")
            assert src == "&" and ch in decoded, (i, ch)
        elif src == "&" and src != ch:  # &nbsp; and other spaces by reference
            ref = original[o:original.index(";", o) + 1]
            assert ch == " " and html.unescape(ref).isspace(), (i, ch, ref)
        elif src != ch:  # a line break, space or cell bar made for a tag or a white space run
            assert ch in " \n|" and (src == "<" or src in " \t\r\n\f"), (i, ch, src)


def _check_lines(text: str, strip: bool = True) -> None:
    assert "\n\n\n" not in text
    for line in text.split("\n") if strip else ():
        assert line == line.strip(" "), repr(line)


@pytest.mark.parametrize(("kind", "source", "expected"),
                         [pytest.param("html", s, e, id=f"html-{i}") for i, s, e in HTML_CASES]
                         + [pytest.param("markdown", s, e, id=f"markdown-{i}")
                            for i, s, e in MARKDOWN_CASES])
def test_visible_text(kind: str, source: str, expected: str) -> None:
    v = visible(source, kind)
    assert v.text == expected
    _check(source, v)
    _check_lines(v.text, strip="<pre>" not in source or kind == "markdown")


@pytest.mark.parametrize("absent", ["margin", "0px", "100%", "var", "2024-01-01", "首頁", "99億",
                                    "9.9元", "訂閱", "02-2345-6789", "2345", "©", "<", "\ufeff"])
def test_page_drops_invisible_text(absent: str) -> None:
    assert absent not in visible(PAGE, "html").text


def test_page_keeps_article() -> None:
    v = visible(PAGE, "html")
    _check(PAGE, v)
    _check_lines(v.text)
    assert v.text.split("\n") == [
        "台積電第三季財報 & 展望", "", "台積電營收創新高", "",
        "台積電今日公布，第三季營收達570.06億美元，年增 36%。", "",
        "項目 | 金額 | 年增", "營收 | 1,505.60億元 | 18.04%"]


@pytest.mark.parametrize(("kind", "source", "figure", "written"), FIGURES)
def test_figure_maps_to_source(kind: str, source: str, figure: str, written: str) -> None:
    v = visible(source, kind)
    start = v.text.index(figure)
    a, b = v.span(start, start + len(figure))
    assert source[a:b] == written
    _check(source, v)


def test_span_edges() -> None:
    v = visible("<p>營收 5&#20740;</p>", "html")
    assert v.text == "營收 5億"
    assert v.span(0, 0) == (3, 3)
    assert v.span(4, 5) == (7, 15)  # the whole reference, not just its '&'
    assert v.span(5, 5) == (19, 19)  # the end sentinel: the length of the original
    with pytest.raises(IndexError):
        v.span(3, 9)


@pytest.mark.parametrize(("name", "text", "kind"), KINDS)
def test_markup_kind(name: str, text: str, kind: str | None) -> None:
    assert markup_kind(name, text) == kind


def test_unknown_kind() -> None:
    with pytest.raises(ValueError):
        visible("營收", "pdf")


def _seconds(kind: str, text: str) -> float:
    """Best of three, with the garbage collector off: in a full test session its passes over
    the session's live objects, not the scan, dominated and made the ratio noisy."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            visible(text, kind)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize(("kind", "unit"), [
    ("html", "<"), ("html", "<a x=\""), ("html", "<a "), ("html", "&"), ("html", "<!"),
    ("html", "<script>"), ("html", "<p>營收\n570億&nbsp;</p>"), ("markdown", "[a]("),
    ("markdown", "["), ("markdown", "*a"), ("markdown", "`x"), ("markdown", "![<"),
    ("markdown", "# **營收** 5億\n")])
def test_linear_time(kind: str, unit: str) -> None:
    """4x the text in well under 8x the time (linear is about 4, quadratic 16); the scan is
    compared with itself, and a suspect ratio measured again on longer text before failing,
    since these machines are shared (absolute speed is measured in benchmarks/, not here)."""
    ratios = []
    for size in (50_000, 100_000, 200_000):
        short, long = unit * (size // len(unit)), unit * (4 * size // len(unit))
        ratios.append(_seconds(kind, long) / max(_seconds(kind, short), 1e-4))
        if ratios[-1] < 8:
            return
    raise AssertionError(f"{min(ratios):.1f}x the time for 4x the text ({ratios})")
