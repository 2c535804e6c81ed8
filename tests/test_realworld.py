"""Guard the real-article benchmark: no change may silently lose ground on real text.

Floors sit a little below the numbers measured (README, "Measured on real articles"); raise
them when the checker improves. The test split is read here only as aggregate numbers.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "realworld.py"

# split -> (key, floor or ceiling); "max" keys are ceilings, the rest floors
FLOORS: dict[str, dict[str, float]] = {
    "dev": {"detected_rate": 0.49, "relations_assembled": 0.27, "coverage": 0.29,
            "precision": 0.97, "recall": 0.965, "currency": 0.97},
    "test": {"detected_rate": 0.44, "relations_assembled": 0.24, "coverage": 0.23,
             "precision": 0.94, "recall": 0.94, "currency": 0.96},
}
# measured (session 7, 326 articles: the 16 last added blind were unseen by every rule; their
# first runs brought no false error or warning; their extraction misses are fixed in general
# form where the convention was clear): dev .601 / .408 / .330 / .984 / .978 and 0 / 0 / 1;
# test .466 / .269 / .261 / .938 / .937 and 0 / 9 / 7. Session 9 (332 articles, 6 Hong Kong
# articles added blind, 2 of them test): dev .601 / .40 / .33 / .979 / .974 and 0 / 0 / 1; test
# .473 / .27 / .26 / .946 / .944 and 0 / 8 / 8 (one new test article has a trap the extractor
# reads; not looked at; the dev precision floor went from .98 to .97 with the new dev
# articles' table cells of 呎價 read as counts). Session 10 (356 articles: 24 added blind,
# tw-s, cn-s, hk-v, ot-v; 8 of them test): dev .605 / .39 / .33 / .981 / .977 and 0 / 0 / 2;
# test .471 / .27 / .27 / .955 / .955 and 0 / 10 / 9 (the new test articles came in with 11
# trap hits on their first run, not looked at; the ceiling follows the larger split). Session 12
# (404 articles: 24 added blind, cn-l, hk-l, tw-l, ot-l; 7 of them test): dev .599 / .39 / .34 /
# .981 / .976 and 0 / 0 / 0; test .477 / .28 / .28 / .960 / .957 and 0 / 9 / 13 (the 7 new test
# articles came in with 4 trap hits on their first runs, not looked at; the older 9 are as before).
# Session 13 (428 articles: 24 added blind, cn-o, hk-o, tw-o, ot-o; 12 of them test): dev .595 /
# .39 / .33 / .980 / .974 and 0 / 0 / 0; test .463 / .27 / .27 / .956 / .954 and 0 / 11 / 15 (the
# new test articles' first runs brought 2 false warnings and 2 trap hits, not looked at).
# Session 14 (452 articles: 24 added blind, cn-k, hk-k, tw-k, ot-j; 9 of them test): dev .581 /
# .377 / .33 / .980 / .976 and 0 / 0 / 1 after the dev first runs' misreadings were fixed in
# general form; test .456 / .27 / .27 / .960 / .957 and 2 / 12 / 15 (the new test articles'
# first runs brought 2 false errors, not looked at: the test ceiling records them, it does
# not excuse them). Then 16 more blind (cn-p, hk-p, tw-q, ot-p; 5 test): dev .594 / .38 / .33
# / .984 / .979 and 0 / 0 / 1 (ot-p03's false warning fixed in general form); test .455 / .27 /
# .27 / .963 / .960 and 2 / 13 / 15 (tw-q's test articles came in with 2 false warnings).
# Session 15 (488 articles: 20 added blind, cn-q, hk-r, tw-r, ot-q; 9 of them test): dev .589 /
# .38 / .33 / .983 / .979 and 0 / 0 / 2 (hk-r01's false warning and cn-q03's 三元 fixed in
# general form; cn-q03's 三位數 stays: the issue reads it as a vague percent, the annotator as
# a name); test .448 / .26 / .26 / .963 / .961 and 2 / 14 / 15 (tw-r's test articles came in
# with 1 false warning, not looked at). Then 16 more blind (cn-u, hk-t, tw-t, ot-r; 6 test;
# first runs at 9583c40: dev FE/FW 0/2, fixed in general form (a net flow's gross parts
# and a balance's two sides are no subset), test 1/2, not looked at): 504 articles, dev .585 /
# .38 / .33 / .983 / .978 and 0 / 0 / 2; test .456 / .26 / .27 / .965 / .962 and 3 / 16 / 15.
# Session 16 (520 articles: 16 added blind, cn-a, hk-a, tw-c, ot-a; 1 of them test; first
# runs at a0041f0: dev FE/FW 1/3, all hk-a04's gains and losses netted after 其中, fixed in
# general form (losses subtract); test 0/0): dev .561 / .35 / .32 / .983 / .979 and 0 / 0 / 5
# (cn-a02's 1988 and the 2025 of a report's title, ot-a02's 渔港路(…)2号: names left; 百亿补贴
# fixed as one); test .454 / .26 / .27 / .963 / .960 and 3 / 16 / 15. Then 16 more blind
# (cn-b, hk-b, tw-d, ot-b; 5 test; first runs at f2cb48e: dev FE/FW 2/1 (a pp change's level
# stated after it, a benchmark figure and nested shares after 其中, truncated index points),
# fixed in general form; test 0/1 and 2 trap hits, not looked at): 536 articles, dev .562 /
# .35 / .32 / .983 / .979 and 0 / 0 / 6; test .454 / .27 / .27 / .964 / .962 and 3 / 17 / 17.
# Session 17 (552 articles: 16 added blind, cn-c, hk-e, tw-e, ot-c; 6 of them test; first runs
# at the split commit: dev FE/FW 1/0 (tw-e01: counts rounded to thousands, 744萬5,000人, read
# as exact), extraction .955/.959 and .929/.929 on the new dev articles; test FE 1, extraction
# .908/.912 and .950/.927, not looked at): fixed in general form (grouped counts read as
# rounded, 公吨, digits after 兆, numbers in 《》 titles, a date to come dates nothing); dev
# .561 / .347 / .32 / .983 / .980 and 0 / 0 / 7 (cn-c02's two years in a report's title: the
# gold splits on years in titles); test .452 / .26 / .27 / .962 / .960 and 4 / 17 / 18. Then 16
# more blind (cn-d, hk-f, tw-f, ot-d; 6 test; first runs: dev FE/FW 0/3 (an amount restating a
# forecast gap, 包括 in brackets), fixed in general form; test 0/3 and 1 trap hit, not looked
# at): 568 articles, dev .553 / .34 / .31 / .984 / .980 and 0 / 0 / 8; test .452 / .26 / .27 /
# .962 / .961 and 4 / 20 / 19. Session 18 (584 articles: 16 added blind, cn-g, hk-g, tw-g,
# ot-e; 6 of them test; first runs at the split commit: dev FE/FW 0/0; bare 億 after
# (澳門元,下同) read as counts, fixed in general form; a trap hit, tw-g02's 一筆 (an article's
# "a"), left: 一 + classifier has no settled convention; test FE/FW 0/1 and 2 trap hits, not
# looked at): dev .558 / .342 / .318 / .984 / .980 and 0 / 0 / 9; test .454 / .266 / .267 /
# .962 / .961 and 4 / 21 / 21. Then 16 more blind (cn-h, hk-h, tw-i, ot-f; 3 test; first runs:
# dev FE/FW 0/0, three-month periods across a new year split in two, fixed; test 0/0, not
# looked at): 600 articles, dev .553 / .344 / .319 / .982 / .977 and 0 / 0 / 9; test .453 /
# .267 / .268 / .965 / .962 and 4 / 21 / 21. Session 18's end (a named gap binds a rate of its
# own metric, per-unit prices, ruby glosses, lone 百亿 as money): dev .554 / .345 / .319 / .983 /
# .978 and 0 / 0 / 9; test .453 / .267 / .267 / .965 / .963 and 4 / 20 / 21. Session 19 (656
# articles: 56 added blind in four rounds, cn-i, hk-j, tw-j, ot-h, then cn-za, hk-y, tw-w,
# ot-i, then cn-zb, hk-za, tw-x, ot-t, then cn-zc, hk-zb; 22 of them test; first runs at each
# split commit: dev FE/FW 0/2, 2/1, 1/0, 0/0, all fixed in general form; test 0/1, 0/1, 0/0,
# 0/0 and 10 + 5 + 2 + 0 trap hits (names: lot and site labels, codes), not looked at): dev
# .537 / .34 / .32 / .981 / .977 and 0 / 0 / 14 (hk-za04's 1人 category and 爭一單位, tw-x02's
# digits inside ETF names, hk-zb01's 第二上市 left); test .451 / .26 / .27 / .963 / .961 and
# 4 / 21 / 34. The dev slip rate went down with the
# new articles (their relations are harder, not the checker weaker: on the 616 articles of
# round 19 it rose 3483 -> 3491, on round 20's 632 3569 -> 3590); the test ceilings went up
# with the new blind test articles' false warning and trap hits, not with any change.
# Session 20 (same articles): a 至 level's base a clause before it took test false warnings
# 21 -> 20 (the ceiling follows) and mutants dev 3702 -> 3705, test 2174 -> 2178; tables
# flattened onto one line and month columns took dev to 3777 (tw-c01), test unchanged.
# Session 21: round 23 (cn-zd, hk-zc, tw-za, ot-za, 16 blind articles, 8 of them test); first
# runs at 6a79bb3: dev FE/FW 0/3 (ot-za02's RM x.x million written 3810萬令吉, now info: a
# relation that holds once round figures are roundings is said, not flagged, unless a 約 figure
# needs its full 5%; hk-zc01's 438.26億 loss against 438.16億 IoT revenue, left), dev trap hits
# 14 -> 16 (小米9, fixed: models after their brand); test 0/21 (now 20) and 34 -> 41 trap hits,
# not looked at. 巴仙 (percent, Singapore and Malaysia) was not read at all.
# Round 24 (cn-ze, hk-zd, tw-zb, ot-zb, 16 blind articles, 4 of them test); first runs at
# b9dd13a: dev FE/FW 3/0 (hk-zd04: three weekdays against 2021, a year the story only looks
# back to, 自2021年…以來; fixed: such a year is no vote for the story's year), dev trap hits
# 14 -> 15 (hk-zd04's 二期, a project phase, left); test 0/0 and 41 -> 42 trap hits, not
# looked at. The currency of money figures is measured from round 24 on: dev .845 / test .850
# before the weighed locale cues (b9dd13a), .978 / .969 after script and wording votes.
# Round 25, part (hk-ze, ot-zc: 8 blind articles, 4 of them test; cn-zf and tw-zc were still
# being written at the session's end); first runs at 08e2938: dev FE/FW 0/2 (hk-ze03's
# 75%或169.3億 read the amount as a percent: fixed; ot-zc04's group profit against a
# subsidiary's level after 其中: left), test 1/0 (a fused-year, not looked at); cn-zf (4, one
# test) at cb4552e: dev 0/0, test 0/0 and 42 -> 45 trap hits, not looked at; tw-zc (4, all
# dev) at 2987794: dev 0/0 and trap hits 15 -> 17, left for the next session.
# Session 22 (760 articles: 56 added blind in four rounds, cn-zg..zj, hk-zf..zi, tw-zd..zg,
# ot-zd..zg; 20 of them test). First runs, each round at its own commit: dev FE/FW 0/1 -> 0/3,
# 0/1 -> 0/3, 0/1 -> 0/2, 0/1 -> 1/4, each fixed in general form; test FE/FW 5/20 -> 5/20,
# 5/18 -> 6/20, 6/19 -> 7/19, 7/19 -> 7/19, not looked at. New dev articles brought trap hits
# 17 -> 35 (a fund's 三年, 五一档, model years 2022款, …), 29 after the general fixes. At the end:
# dev .533 / .32 / .32 / .979 / .974 / .987 and 0 / 1 / 29; test .452 / .26 / .27 / .962 / .961 /
# .977 and 7 / 18 / 44. The dev floors for detected and assembled relations went to .52 and
# .31: the new articles' gold relations (time conversions, annuities, rankings) are mostly
# forms no binder reads yet, so the share assembled fell from .33 to .32.
# Session 23 (776 articles: 16 added blind in round 30, cn-zk, hk-zj, tw-zh, ot-zh; 5 of them
# test). First run at f6145b1: dev FE/FW 0/1 -> 0/7 (four per-unit on cn-zk04's weekly rows, a
# pp gap to a forecast, a share count times price under 逾千億), fixed in general form but the
# last (hk-zj04: the gold's own note says over-allotment may explain it); test FE/FW 7/18 ->
# 7/18, not looked at. New dev trap hits 29 -> 33: 兩地 and 一年前/最近一季, whose reading the
# golds disagree on (another gold counts 兩地 and 一年), left. At the end: dev .524 / .31 / .32 /
# .977 / .972 / .987 and 0 / 2 / 33; test .454 / .26 / .27 / .962 / .962 / .974 and 7 / 17 / 46.
# Then round 31 (792 articles: 16 added blind, cn-zl, hk-zk, tw-zi, ot-zi; 6 of them test), first
# run at db024f6: dev FW 2 -> 4 (hk-zk01's RMB 分 read as yuan: an fx-implied and a restated
# warning) and trap hits 33 -> 63 (hk-zk02's 名次 column), fixed in general form but hk-zk01's
# restated pair (labels spaced out one character at a time: 每 股 溢 利); test FE 7 -> 8
# (parts-vs-total) and trap hits 46 -> 54, not looked at. The new dev articles' relations are
# mostly forms no binder reads (62 of their 286 mutants found), so the dev floors for detected
# and assembled went from .52 / .31 to .51 / .30. At the end: dev .514 / .306 / .32 / .977 /
# .973 / .987 and 0 / 3 / 33; test .454 / .26 / .27 / .961 / .962 / .970 and 8 / 17 / 54.
# Session 24, round 32 (808 articles: 16 added blind, cn-zm, hk-zl, tw-zj, ot-zj; 6 of them
# test), first run at 91c4a75: dev FE/FW 0/3 -> 1/5 (hk-zl02's 31日 in a review dated 5
# January, its two days' closes; cn-zm01's bare 占20.5%), fixed in general form, and dev trap
# hits 33 -> 42, not looked at; test 8/17 -> 8/17 and trap hits 54 -> 59, not looked at. At
# the end: dev .513 / .30 / .31 / .977 / .973 / .984 and 0 / 3 / 42; test .455 / .26 / .27 /
# .959 / .960 / .969 and 8 / 17 / 59. Then round 33 (824 articles: 16 added blind, cn-zn, hk-zm,
# tw-zk, ot-zk; 8 of them test), first run at 1cd9c3a: dev 0/3 -> 0/3 and trap hits 37 -> 38
# (tw-zk02's 5、10日線, fixed), dev extraction .977/.973 -> .974/.970 (ot-zk01's table under a
# caption unit and its 2019/2020 seasons, fixed); test 8/17 -> 8/18 and trap hits 59 -> 64,
# not looked at. At the end: dev .513 / .30 / .32 / .976 / .973 / .985 and 0 / 3 / 37; test
# .453 / .26 / .27 / .958 / .959 / .967 and 8 / 18 / 64. Session 25 (872 articles: rounds 34-36,
# 48 added blind, cn-zo/zp/zq, hk-zn/zo/zp, tw-zl/zm/zn, ot-zl/zm/zn; 21 test). First runs:
# dev FE/FW 0/3 -> 1/4, 0/1 -> 1/1, 0/1 -> 0/1 (each fixed in general form); test 8/18 -> 8/18,
# 8/18 -> 8/18 and 8/19 -> 9/20 with the new articles, test trap hits 64 -> 66 -> 74 -> 74, not
# looked at (the new check multiplier-missing brought one test warning and four test real
# errors found). The new rounds' articles lowered the dev detected and assembled rates (.509,
# .294) and the test assembled rate (.2475): the floors follow. At the end: dev .509 / .294 /
# .31 / .976 / .972 / .980 and 0 / 1 / 43; test .448 / .2475 / .27 / .956 / .959 / .963 and
# 9 / 20 / 74. Session 26 (920 articles: rounds 37-39, 48 added blind, cn-zr/zs/zt, hk-zq/zr/zs,
# tw-zo/zp/zq, ot-zo/zp/zq; 24 test). First runs: dev FE/FW 0/1 -> 0/1 each round; dev trap hits
# 43 -> 45 (tw-zo03's column numbers (1) and 20呎, fixed), 43 -> 54 (36氪, 三次产业, fixed) and
# 43 -> 44 (tw-zq01's issue number 761期, left); test
# 9/20 -> 10/21 (round 37), 10/22 -> 10/22 (round 38), 10/22 -> 10/27 (round 39: share-of-total
# 1 -> 6), test trap hits 74 -> 77 -> 78 -> 78, not looked at (the new pp_as_percent check
# brought one test warning and one test real error found). The new dev articles lowered the
# dev assembled rate to .287: the floor follows. At the end: dev .505 / .287 / .31 / .975 /
# .972 / .981 and 0 / 1 / 44; test .445 / .2475 / .27 / .958 / .959 / .961 and 10 / 27 / 78;
# then money-flow fixes made after the round-39 report named a test article's genre (so not
# blind) took the test false warnings to 22.
# Session 27 (968 articles; rounds 40-42, 48 added blind, 16 of them test): first runs dev
# FE/FW 0/1 -> 0/2, 0/1 -> 1/3, 0/1 -> 0/1 (all fixed in general form); dev trap hits 44 ->
# 46 -> 50 -> 54 (page numbers fixed; 416地区 area codes, 第5期 phases left); test 10/22 ->
# 10/23 -> 10/23 -> 11/22 (round 42 brought one shares-sum false error, not looked at) and
# test trap hits 78 -> 79 -> 81 -> 84, not looked at. At the end: dev .513 / .2825 / .307 /
# .975 / .972 / .985 and 0 / 1 / 53; test .455 / .249 / .272 / .957 / .959 / .962 and
# 11 / 22 / 84.
# Session 28 (1016 articles; rounds 43-45, 48 added blind, 16 of them test): first runs dev
# FE/FW 0/1 -> 0/3 (tw-zu01: a pp change bound to a shareholding's 24%, fixed; its 35% margin
# for 39.8/111.56 = 35.7%, left), 0/2 -> 0/2, 0/2 -> 3/3 (three lists whose first parts make
# the whole and a two-item sentence template, fixed); dev trap hits 53 -> 54 -> 50 -> 56
# (footnote marks, list numbers, unit labels, LME 三月 contracts and 二次上市 fixed); test
# 11/22 -> 12/22 (a weekday against a guessed year; the year rule since fixed it) -> 12/22 ->
# 13/22, test trap hits 84 -> 85 -> 82 -> 84, not looked at. At the end: dev .506 / .2815 /
# .304 / .973 / .970 / .986 and 0 / 2 / 50; test .454 / .2505 / .272 / .956 / .958 / .978
# and 12 / 22 / 84.
# Session 29 (1082 articles; rounds 46-48, 66 added blind, 24 of them test): first runs dev
# FE/FW 0/2 -> 1/2 (a share's part read from an earlier paragraph), 0/2 -> 0/3 (a rate written
# after its figure, 以5.4%的年增長), 0/2 -> 0/4 (a 特别是 sub-item among shares, fixed; a pp
# change written as %, 下跌0.4% for 8.5% -> 8.1%, left as a warning); dev trap hits 50 -> 53
# -> 60 -> 59 (九台农商行, 第三者, 2801 -TW fixed); test 12/22 -> 12/22 -> 12/22 -> 13/24 and
# test trap hits 84 -> 84 -> 86 -> 86, not looked at. Precision-set fixes then took a test
# false error away (a list whose last items break down an earlier one). At the end: dev .507
# / .28 / .30 / .972 / .969 / .987 and 0 / 3 / 54; test .452 / .25 / .27 / .955 / .957 /
# .969 and 12 / 24 / 86. The dev recall floor went from .97 to .965: the 66 blind articles
# brought forms of their own (a four-decimal 万亿韩元 table, price lists of bare 万 amounts
# under a 中间价 heading, 2024年末 as a date) that the gold reads one way and the project gold
# another. Then round 49 (12 blind articles, hk-yc and cn-yd, 6 test): first run dev FE/FW 0/3
# -> 0/3, traps 54 -> 59, currency .987 -> .983 (a Hong Kong property story with no currency
# word read as Taiwan's by its script); test 12/24 -> 12/24, traps 86 -> 88. Hong Kong
# property cues (呎價, 屋苑, districts) and estate blocks (5座高層) as labels: dev traps 56,
# currency .988; test traps 83, currency .975.
# Session 30: rounds 50-53 (81 blind articles, 1175 in all; dev 726 / test 449). First runs:
# dev FE/FW 0/3 -> 0/3 -> 0/8 -> 1/4 -> 0/4 (a counted list of the regions that rose read as a
# breakdown; 包括 inside a label's brackets read as a list opener; both fixed); test 12/24 ->
# 12/25 -> 12/25 -> 12/25 -> 12/25 and test trap hits 83 -> 82 -> 86 -> 87, not looked at. The
# dev false warnings go to 4: a headline's 19%% (a real typo the gold leaves clean) stands.
# The new articles bring relations no binder reads (orderings, a total between its parts'
# rates, year anchors): 243 of their 659 dev mutants found, so the dev floors for detected,
# assembled and coverage went to .49 / .27 / .29 (measured .499 / .2775 / .295). At the end:
# dev .499 / .2775 / .295 / .972 / .969 / .988 and 0 / 4 / 55; test .453 / .256 / .273 / .957
# / .958 / .974 and 12 / 25 / 80.
# Session 31: rounds 54-58 (120 blind articles, 1295 in all; dev 798 / test 497). First runs at
# the code of the moment: dev FE/FW 0/4 -> 0/5 -> 0/4 -> 0/4 -> 0/4 -> 0/5 (a hard-wrapped lead
# read as a headline; a ranking by price read by its count of deals; both fixed), dev traps
# 55 -> 57 -> 58 -> 60 -> 65 (Taiwan's 5字頭 price bands, 世紀21: fixed -> 59); test 12/25 ->
# 12/25 -> 12/26 -> 12/27 -> 12/27 -> 12/27 and test traps 80 -> 82 -> 84 -> 86 -> 86 -> 91,
# not looked at (one more came with the 房 unit, kept for its recall; 88 at the end). The test
# ceilings follow the first runs. At the end: dev .501 / .2777 / .292 / .972 / .969 / .990 and
# 0 / 4 / 59; test .449 / .2535 / .265 / .956 / .957 / .976 and 12 / 27 / 88.
# Session 32: no new blind round; precision sets 42-53 (520 unannotated real articles), two new
# slip rules (a slipped year, a multiplier unlike its list's), a truncated ratio and a headline
# rounded twice moved dev mutants .501 -> .506 and test .449 -> .450; FE/FW dev 0/4 -> 0/3,
# test 12/27 -> 11/25 (from fixes written on unannotated text, not on the test split); traps
# unchanged.
# Ceilings keep the budget in sight (no false error; at most one false warning per
# five articles).
CEILINGS: dict[str, dict[str, int]] = {
    "dev": {"false_errors": 0, "false_warnings": 3, "trap_hits": 59},
    "test": {"false_errors": 11, "false_warnings": 25, "trap_hits": 88},
}
KEYS = {"articles", "relations", "mutants", "detected", "detected_by_kind", "false_errors",
        "false_warnings", "relations_assembled", "real_errors", "real_errors_found",
        "coverage", "extraction"}


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("realworld_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["realworld_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> Any:
    return _load()


@pytest.fixture(scope="module")
def result(bench: Any) -> dict[str, Any]:
    return bench.run(jobs=2)[0]


def test_json_has_the_keys_outside_scripts_read(result: dict[str, Any]) -> None:
    assert set(result["splits"]) == {"dev", "test"}
    for s in result["splits"].values():
        assert KEYS <= set(s)
        assert {"articles", "precision", "recall", "trap_hits"} <= set(s["extraction"])
        assert s["articles"] > 0 and s["mutants"] > 0


@pytest.mark.parametrize("split", ["dev", "test"])
def test_floors(result: dict[str, Any], split: str) -> None:
    s = result["splits"][split]
    measured = {"detected_rate": s["detected"] / s["mutants"],
                "relations_assembled": s["relations_assembled"], "coverage": s["coverage"],
                "precision": s["extraction"]["precision"], "recall": s["extraction"]["recall"],
                "currency": s["extraction"]["currency"]}
    for key, floor in FLOORS[split].items():
        assert measured[key] >= floor, f"{split} {key}: {measured[key]:.3f} < floor {floor}"
    counts = {"false_errors": s["false_errors"], "false_warnings": s["false_warnings"],
              "trap_hits": s["extraction"]["trap_hits"]}
    for key, ceiling in CEILINGS[split].items():
        assert counts[key] <= ceiling, f"{split} {key}: {counts[key]} > {ceiling}"


def test_corpus_meets_the_mix(bench: Any) -> None:
    rows = bench.manifest_rows()
    regions = {r: sum(1 for x in rows if x["region"] == r) for r in ("tw", "hk", "cn", "other")}
    assert len(rows) >= 300
    assert regions["tw"] >= 25 and regions["hk"] >= 25 and regions["cn"] >= 35
    assert regions["other"] >= 10
    assert {x["script"] for x in rows} == {"hant", "hans"}


def test_manifest_csv_is_current(bench: Any) -> None:
    with (ROOT / "benchmarks" / "realworld" / "manifest.csv").open(encoding="utf-8") as fh:
        written = list(csv.DictReader(fh))
    assert written == bench.manifest_rows(), \
        "run python benchmarks/realworld.py --write-manifest"


def test_split_is_locked(bench: Any) -> None:
    """Every article has a recorded split; none moved since it was written."""
    with (ROOT / "benchmarks" / "realworld" / "split.csv").open(encoding="utf-8") as fh:
        recorded = {r["id"]: r["split"] for r in csv.DictReader(fh)}
    assert recorded == bench.splits()
