"""Generate a deterministic corpus of varied Chinese financial-news articles as JSON Lines.

    python benchmarks/make_corpus.py OUT.jsonl [--articles 20000] [--seed 7]

Every article is composed afresh from sentence templates, a lexicon of companies, indices,
currencies and metrics, random but plausible figures (growth that matches its levels most of
the time and deliberately does not some of the time, dates whose weekday is usually right,
market shares, prices, counts, ranks, durations), prose without figures and excerpts of the
real article in ``seeds/``. More than half of the articles are converted to Traditional script
(Taiwan or Hong Kong usage, with OpenCC); number styles vary (``570.06億``, ``1,234.5``,
Chinese numerals, full-width digits). Length is 500-3000 characters. The same seed always gives
the same bytes, and no two articles are the same (checked while writing).

Each line: ``{"id": "gen-000001", "text": ..., "script": "hans|hant-tw|hant-hk",
"market": ..., "company": ..., "date": ...}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# name, market, currency word used for its figures
COMPANIES = [
    ("英伟达", "us", "美元"), ("苹果", "us", "美元"), ("微软", "us", "美元"),
    ("亚马逊", "us", "美元"), ("谷歌母公司Alphabet", "us", "美元"), ("Meta", "us", "美元"),
    ("特斯拉", "us", "美元"), ("博通", "us", "美元"), ("迈威尔科技", "us", "美元"),
    ("高通", "us", "美元"), ("英特尔", "us", "美元"), ("AMD", "us", "美元"),
    ("美光科技", "us", "美元"), ("甲骨文", "us", "美元"), ("奈飞", "us", "美元"),
    ("摩根大通", "us", "美元"), ("高盛", "us", "美元"), ("伯克希尔", "us", "美元"),
    ("台积电", "tw", "新台币"), ("鸿海", "tw", "新台币"), ("联发科", "tw", "新台币"),
    ("广达", "tw", "新台币"), ("台达电", "tw", "新台币"), ("日月光投控", "tw", "新台币"),
    ("腾讯控股", "hk", "港元"), ("阿里巴巴", "hk", "港元"), ("美团", "hk", "港元"),
    ("小米集团", "hk", "港元"), ("友邦保险", "hk", "港元"), ("汇丰控股", "hk", "港元"),
    ("港交所", "hk", "港元"), ("快手", "hk", "港元"),
    ("比亚迪", "cn", "人民币"), ("宁德时代", "cn", "人民币"), ("贵州茅台", "cn", "人民币"),
    ("中芯国际", "cn", "人民币"), ("招商银行", "cn", "人民币"), ("中国平安", "cn", "人民币"),
    ("隆基绿能", "cn", "人民币"), ("京东方", "cn", "人民币"), ("海康威视", "cn", "人民币"),
    ("立讯精密", "cn", "人民币"), ("美的集团", "cn", "人民币"), ("紫金矿业", "cn", "人民币"),
    ("索尼", "jp", "日元"), ("丰田汽车", "jp", "日元"), ("软银集团", "jp", "日元"),
    ("任天堂", "jp", "日元"), ("ASML", "eu", "欧元"), ("SAP", "eu", "欧元"),
    ("西门子", "eu", "欧元"), ("阿斯利康", "uk", "英镑"), ("联合利华", "uk", "英镑"),
]
INDICES = {
    "us": ["道指", "纳指", "标普500指数", "费城半导体指数"],
    "tw": ["台股加权指数", "柜买指数"],
    "hk": ["恒生指数", "恒生科技指数", "国企指数"],
    "cn": ["上证指数", "深证成指", "创业板指", "沪深300指数"],
    "jp": ["日经225指数", "东证指数"],
    "eu": ["欧洲斯托克50指数", "德国DAX指数"],
    "uk": ["富时100指数"],
}
PRODUCTS = ["AI芯片", "数据中心GPU", "智能手机", "电动车", "储能电池", "云计算服务", "晶圆代工",
            "HBM内存", "光伏组件", "服务器", "游戏主机", "创新药", "白酒", "液晶面板", "铜矿"]
ANALYSTS = ["摩根士丹利", "高盛", "摩根大通", "花旗", "瑞银", "中金公司", "野村证券", "美银证券",
            "Bernstein", "Benchmark", "杰富瑞", "大和证券"]
UNITS = [("台", "出货量"), ("辆", "交付量"), ("部", "销量"), ("片", "产能"), ("颗", "出货量"),
         ("个", "订单量"), ("家", "门店数")]
QUARTERS = ["第一季度", "第二季度", "第三季度", "第四季度", "上半年", "前三季度", "全年"]
WEEKDAYS = "一二三四五六日"
PROSE = [
    "市场人士认为，宏观环境仍存在较大不确定性，投资者情绪偏向谨慎。",
    "消息面上，多家机构在最新报告中调整了对该行业的展望。",
    "业内分析指出，供应链瓶颈正在逐步缓解，但需求端的恢复仍需时间。",
    "值得注意的是，监管部门近期加强了对相关业务的审查。",
    "公司管理层在电话会议上表示，将继续加大研发投入，巩固技术领先地位。",
    "部分投资者担心，估值已经充分反映了乐观预期。",
    "从资金面看，北向资金与南向资金的流向出现分化。",
    "有分析师提醒，汇率波动可能对海外收入造成影响。",
    "另据媒体报道，该公司正与多家客户商讨新的合作项目。",
    "在此背景下，板块内个股走势明显分化，龙头公司表现相对稳健。",
    "不过，也有观点认为，短期回调不改长期向好的趋势。",
    "截至发稿，公司尚未对上述消息作出回应。",
]
TOPICS = ["人工智能", "半导体周期", "新能源汽车", "消费复苏", "利率前景", "地缘政治", "出口管制",
          "云计算", "数据中心建设", "供应链重组", "房地产市场", "资本开支", "产能扩张", "价格战"]
VIEWS = ["依然稳固", "面临挑战", "有所减弱", "正在扩大", "存在变数", "仍被低估", "已经见顶"]
PROSE_TEMPLATES = [
    "{analyst}分析师在致客户的报告中写道，{company}在{product}领域的竞争优势{view}，"
    "但{peer}的追赶速度超出了市场预期。",
    "围绕{topic}的讨论持续升温，{company}管理层强调将坚持既定战略，不会因短期波动而改变方向。",
    "有接近{company}的人士透露，公司正在评估{product}业务的多种方案，包括引入战略投资者。",
    "{peer}与{company}在{product}市场的竞争日趋激烈，双方均在加快新品发布节奏。",
    "对于{topic}带来的影响，{analyst}的策略师提醒投资者关注政策变化与行业景气度的拐点。",
    "{company}表示，{product}的需求依然旺盛，客户对下一代产品的兴趣高于预期。",
    "市场普遍关注{company}能否在{topic}的浪潮中保持增长势头，而这一问题目前仍无定论。",
    "在最近的投资者交流会上，{company}高管回应了外界对{topic}的担忧，并称相关风险可控。",
    "{analyst}指出，{product}行业的估值分化明显，龙头公司的溢价{view}。",
    "受{topic}消息提振，{peer}盘中一度走强，随后涨幅有所收窄。",
]
CN_DIGITS = "零一二三四五六七八九"
FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def cn_small(n: int) -> str:
    """1..99 in Chinese numerals (for 三成, 两倍, 第七 and the like)."""
    if n < 10:
        return "两" if n == 2 else CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


class Writer:
    """Random figures written the many ways news copy writes them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def amount(self, value: float, cur: str) -> str:
        """A money amount with 亿/万 multipliers, e.g. ``570.06亿美元``."""
        rng = self.rng
        if value >= 1e8:
            text = f"{value / 1e8:.{rng.choice([0, 1, 2, 2])}f}亿"
        elif value >= 1e4 and rng.random() < 0.7:
            text = f"{value / 1e4:.{rng.choice([0, 1, 2])}f}万"
        else:
            text = f"{value:,.{rng.choice([0, 2])}f}" if rng.random() < 0.5 else f"{value:.0f}"
        if rng.random() < 0.05:
            text = text.translate(FULLWIDTH)
        sep = " " if rng.random() < 0.15 else ""
        return f"{text}{sep}{cur}"

    def pct(self, lo: float, hi: float, digits: int | None = None) -> float:
        d = self.rng.choice([0, 1, 1, 2]) if digits is None else digits
        return round(self.rng.uniform(lo, hi), d)

    def pct_text(self, value: float) -> str:
        text = f"{value:g}%"
        return text.translate(FULLWIDTH) if self.rng.random() < 0.04 else text


def _date(rng: random.Random) -> dt.date:
    return dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(0, 1095))


def sentences(rng: random.Random, company: tuple[str, str, str], when: dt.date
              ) -> Iterator[str]:
    """An endless stream of figure-bearing sentences about one company."""
    name, market, cur = company
    w = Writer(rng)
    peers = [c for c in COMPANIES if c[1] == market and c[0] != name] or COMPANIES
    deck: list[int] = []
    while True:
        if not deck:  # every template once before any repeats
            deck = list(range(14))
            rng.shuffle(deck)
        kind = deck.pop()
        if kind == 0:  # growth vs levels, usually consistent
            old = rng.uniform(5e8, 9e10)
            growth = w.pct(-30, 150, 0)
            new = old * (1 + growth / 100)
            stated = growth if rng.random() < 0.85 else growth + rng.choice([-12, -7, 5, 9, 15])
            q = rng.choice(QUARTERS)
            yield (f"{name}公布{when.year}年{q}财报，营收为{w.amount(new, cur)}，较上年同期的"
                   f"{w.amount(old, cur)}{'增长' if growth >= 0 else '下降'}"
                   f"{w.pct_text(abs(stated))}。")
        elif kind == 1:
            yield (f"其中，净利润{w.amount(rng.uniform(1e7, 3e10), cur)}，同比"
                   f"{rng.choice(['增长', '下滑', '增加', '减少'])}{w.pct_text(w.pct(0.5, 90))}，"
                   f"毛利率为{w.pct_text(w.pct(15, 75, 1))}。")
        elif kind == 2:
            wd = when.weekday() if rng.random() < 0.9 else (when.weekday() + 2) % 7
            move = w.pct(0.1, 12, 2)
            verb = rng.choice(["上涨", "大涨", "收涨", "下跌", "收跌", "暴跌超"])
            price = round(rng.uniform(3, 1500), 2)
            year = f"{when.year}年" if rng.random() < 0.6 else ""
            yield (f"{year}{when.month}月{when.day}日（周{WEEKDAYS[wd]}），{name}股价{verb}"
                   f"{w.pct_text(move)}，报{price}{cur if cur != '人民币' else '元'}，"
                   f"总市值约{w.amount(rng.uniform(2e9, 4e12), cur)}。")
        elif kind == 3:
            idx = rng.choice(INDICES[market])
            yield (f"截至收盘，{idx}{rng.choice(['跌', '涨'])}{w.pct_text(w.pct(0.05, 3.5, 2))}，"
                   f"报{rng.uniform(1000, 45000):.2f}点，"
                   f"成交额{w.amount(rng.uniform(1e10, 2e12), cur)}。")
        elif kind == 4:
            years = rng.randint(2, 10)
            yield (f"公司计划在未来{rng.choice([str(years), cn_small(years)])}年内投资"
                   f"{w.amount(rng.uniform(1e8, 5e10), cur)}，新建{rng.randint(2, 12)}座工厂，"
                   f"预计创造约{rng.randrange(500, 30000, 100)}个就业岗位。")
        elif kind == 5:
            unit, metric = rng.choice(UNITS)
            share = w.pct(3, 60, 1)
            rank = rng.randint(1, 9)
            yield (f"{rng.choice(PRODUCTS)}方面，{metric}达{rng.uniform(1, 900):.1f}万{unit}，"
                   f"市场份额约{w.pct_text(share)}，位居全球第{cn_small(rank)}。")
        elif kind == 6:
            div = round(rng.uniform(0.05, 12), 2)
            shares = rng.uniform(1e8, 2e10)
            total = div * shares
            if rng.random() < 0.15:
                total *= rng.choice([0.5, 3, 10])
            yield (f"{name}宣布每股派息{div}{cur}，以总股本{shares / 1e8:.2f}亿股计算，"
                   f"合计派发约{w.amount(total, cur)}。")
        elif kind == 7:
            yield (f"汇率方面，美元兑人民币中间价报{rng.uniform(6.7, 7.35):.4f}，"
                   f"美元兑日元报{rng.uniform(130, 160):.2f}。")
        elif kind == 8:
            base = rng.randint(when.year - 1, when.year + 1)
            yield (f"{rng.choice(ANALYSTS)}预计，到{base + rng.randint(3, 7)}年"
                   f"{rng.choice(PRODUCTS)}市场规模将达{rng.randint(50, 5000)}亿美元，"
                   f"年复合增长率约{w.pct_text(w.pct(5, 45, 0))}。")
        elif kind == 9:
            peer = rng.choice(peers)[0]
            yield (f"同日，{peer}股价{rng.choice(['涨', '跌'])}{w.pct_text(w.pct(0.2, 9, 2))}，"
                   f"{rng.choice(ANALYSTS)}将其目标价从{rng.randint(20, 400)}{cur}上调至"
                   f"{rng.randint(401, 900)}{cur}，并维持“买入”评级。")
        elif kind == 10:
            parts = [rng.randint(5, 40) for _ in range(3)]
            rest = 100 - sum(parts)
            if rng.random() < 0.2:
                rest += rng.choice([-6, 4, 9])
            names = rng.sample(PRODUCTS, 4)
            last = (f"其余{rest}%来自{names[3]}" if rng.random() < 0.5
                    else f"{names[3]}占比{rest}%")
            yield (f"按业务划分，{names[0]}占比{parts[0]}%，{names[1]}占比{parts[1]}%，"
                   f"{names[2]}占比{parts[2]}%，{last}。")
        elif kind == 11:
            n = rng.randint(2, 9)
            yield (f"过去{cn_small(n)}个季度，{name}累计回购股票{rng.uniform(1, 80):.1f}亿{cur}，"
                   f"约占流通股的{cn_small(rng.randint(1, 9))}成。")
        elif kind == 12:
            mult = rng.choice(["两", "三", "1.5", "2.3", "四"])
            yield (f"{rng.choice(PRODUCTS)}订单金额是去年同期的{mult}倍，"
                   f"在手订单约{w.amount(rng.uniform(1e9, 1e11), cur)}。")
        else:
            yield rng.choice(PROSE)


def _seed_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for piece in text.replace("\n", "。").split("。"):
            piece = piece.strip()
            if 15 <= len(piece) <= 220:
                out.append(piece + "。")
    return out


def article(rng: random.Random, seed_lines: list[str]) -> tuple[str, dict[str, str]]:
    company = rng.choice(COMPANIES)
    when = _date(rng)
    target = int(rng.triangular(500, 3000, 1200))
    gen = sentences(rng, company, when)
    title = company[0] + rng.choice(["业绩超预期", "股价异动", "发布财报", "遭遇利空",
                                     "获机构上调评级"])
    paras: list[str] = [title]
    length = len(title)
    para: list[str] = []
    peers = [c[0] for c in COMPANIES if c[0] != company[0]]
    while length < target:
        roll = rng.random()
        if seed_lines and roll < 0.15:  # real text
            s = rng.choice(seed_lines)
        elif roll < 0.75:  # prose: news copy is mostly words
            s = rng.choice(PROSE_TEMPLATES).format(
                analyst=rng.choice(ANALYSTS), company=company[0], peer=rng.choice(peers),
                product=rng.choice(PRODUCTS), topic=rng.choice(TOPICS), view=rng.choice(VIEWS))
        else:
            s = next(gen)
        para.append(s)
        length += len(s)
        if len(para) >= rng.randint(3, 6):
            paras.append("".join(para))
            para = []
    if para:
        paras.append("".join(para))
    text = "\n".join(paras)
    if len(text) > 3000:
        text = text[:3000].rsplit("。", 1)[0] + "。"
    meta = {"market": company[1], "company": company[0], "date": when.isoformat()}
    return text, meta


def generate(articles: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """The corpus as records, deterministically; each article distinct."""
    import opencc

    tw = opencc.OpenCC("s2twp")
    hk = opencc.OpenCC("s2hk")
    rng = random.Random(seed)
    seed_lines = _seed_sentences()
    seen: set[bytes] = set()
    n = 0
    while n < articles:
        text, meta = article(rng, seed_lines)
        script = "hans"
        roll = rng.random()
        if meta["market"] == "tw" or (meta["market"] != "hk" and roll < 0.25):
            text, script = tw.convert(text), "hant-tw"
        elif meta["market"] == "hk" or roll < 0.4:
            text, script = hk.convert(text), "hant-hk"
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()
        if digest in seen:
            continue
        seen.add(digest)
        n += 1
        yield {"id": f"gen-{n:06d}", "text": text, "script": script, **meta}


def write_corpus(path: str | Path, articles: int, seed: int = 7) -> dict[str, int]:
    """Write the corpus; returns counts (articles, characters, bytes)."""
    chars = 0
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in generate(articles, seed):
            chars += len(rec["text"])
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return {"articles": articles, "characters": chars, "bytes": path.stat().st_size}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print(json.dumps(write_corpus(args.out, args.articles, args.seed)))


if __name__ == "__main__":
    main()
