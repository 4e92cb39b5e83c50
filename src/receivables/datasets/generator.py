"""Generate the electromechanical company's ledger: customers, invoices, payments,
promises to pay, collection activities and customers' financial statements.

Deterministic from the seed: every random draw comes from numpy Generators spawned
from one ``SeedSequence(seed)``, one stream per part, so that changing one part leaves
the others' draws alone. No wall clock, no dict or set iteration order matters.

The background customers are generated in bulk with array operations (no loop over
invoices); the planted stories (``stories``) are small per-customer loops. Internally
dates are integer day numbers and amounts integer cents, so sums are exact; the
returned tables have datetime64 dates and float64 amounts rounded to cents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd

from . import _text as T
from . import stories as S

TABLES = ["customers", "financials", "invoices", "payments", "promises", "activities"]
MIN_CUSTOMERS = len(S.STORIES) + 5
MIN_MONTHS = 18
INF = np.int64(1) << 40  # "never" as a day number

# Seasonality by calendar month: Chinese New Year lull, year-end push.
SEASON = np.array([0.8, 0.6, 1.0, 1.0, 1.0, 1.05, 1.0, 0.95, 1.05, 1.0, 1.1, 1.3])

# Per nature (国企, 民企, 外企, 个体) ------------------------------------------------
NATURE_P = [0.15, 0.55, 0.15, 0.15]
# debtor type probabilities (able_willing, able_unwilling, unable_willing, unable_unwilling)
DEBTOR_P = np.array(
    [
        [0.65, 0.25, 0.08, 0.02],
        [0.50, 0.15, 0.25, 0.10],
        [0.65, 0.25, 0.07, 0.03],
        [0.40, 0.10, 0.30, 0.20],
    ]
)
TERMS = np.array([30, 60, 90])
TERMS_P = np.array(
    [
        [0.10, 0.50, 0.40],
        [0.45, 0.45, 0.10],
        [0.15, 0.70, 0.15],
        [0.90, 0.10, 0.00],
    ]
)
VOLUME = np.array([400_000.0, 200_000.0, 250_000.0, 40_000.0])  # monthly, CNY incl. VAT
RATE = np.array([1.4, 1.8, 1.5, 1.3])  # invoices per month
P_COD = np.array([0.002, 0.01, 0.0, 0.08])  # cash on delivery: due on the invoice date
LINE_P = np.array(
    [
        [0.30, 0.15, 0.25, 0.20, 0.10],
        [0.35, 0.25, 0.10, 0.15, 0.15],
        [0.35, 0.35, 0.05, 0.15, 0.10],
        [0.35, 0.20, 0.00, 0.05, 0.40],
    ]
)
METHOD_P = np.array(
    [
        [0.35, 0.55, 0.10, 0.00],
        [0.60, 0.30, 0.08, 0.02],
        [0.90, 0.08, 0.02, 0.00],
        [0.70, 0.05, 0.00, 0.25],
    ]
)
ROLE_P = np.array(
    [
        [0.45, 0.15, 0.20, 0.05, 0.15, 0.00],
        [0.35, 0.15, 0.15, 0.15, 0.05, 0.15],
        [0.45, 0.10, 0.25, 0.05, 0.15, 0.00],
        [0.05, 0.10, 0.00, 0.00, 0.00, 0.85],
    ]
)

# Per debtor type --------------------------------------------------------------------
# mean delay lo, hi (days after due), sd, p_split, p_abandon (no 2nd part), p_dispute,
# p_dispute_never, p_never, p_tail (an extra exponential delay)
BEHAVIOUR = np.array(
    [
        [-4.0, 8.0, 4.0, 0.04, 0.00, 0.005, 0.2, 0.00, 0.05],
        [15.0, 45.0, 10.0, 0.08, 0.00, 0.040, 0.35, 0.00, 0.15],
        [20.0, 60.0, 15.0, 0.35, 0.06, 0.010, 0.3, 0.01, 0.15],
        [45.0, 120.0, 30.0, 0.20, 0.15, 0.020, 0.5, 0.06, 0.25],
    ]
)
EXCUSE_P = np.array(
    [  # over _text.EXCUSE_CODES
        # cash, not_recv, quality, boss, paid_alr, approval, budget, unreachable
        [0.00, 0.20, 0.00, 0.25, 0.20, 0.35, 0.00, 0.00],
        [0.00, 0.20, 0.20, 0.20, 0.15, 0.25, 0.00, 0.00],
        [0.50, 0.00, 0.00, 0.15, 0.00, 0.15, 0.20, 0.00],
        [0.30, 0.00, 0.00, 0.20, 0.20, 0.00, 0.00, 0.30],
    ]
)
KEEP_P = np.array([0.85, 0.60, 0.40, 0.20])  # a promise is made to match the next payment
# Follow-up ladder: kind, first and last day after the due date, probability per debtor
# type, probability that the customer gives an excuse.
LADDER = [
    ("email", 5, 9, (0.30, 0.40, 0.50, 0.50), 0.0),
    ("call", 10, 20, (0.50, 0.70, 0.80, 0.80), 0.7),
    ("statement", 28, 35, (0.30, 0.40, 0.50, 0.50), 0.0),
    ("acknowledgement", 36, 50, (0.15, 0.15, 0.20, 0.05), 0.0),
    ("call", 40, 55, (0.30, 0.50, 0.60, 0.60), 0.8),
    ("demand", 60, 75, (0.40, 0.50, 0.60, 0.70), 0.0),
    ("visit", 80, 110, (0.20, 0.40, 0.50, 0.50), 0.8),
    ("demand", 150, 200, (0.30, 0.40, 0.50, 0.60), 0.0),
]
# Altman Z'' ratio ranges per zone (safe, grey, distress): X1, X2, X3 and TL/TA.
ZONE_RANGES = np.array(
    [
        [[0.15, 0.35], [0.15, 0.35], [0.05, 0.12], [0.35, 0.55]],
        [[0.00, 0.15], [0.00, 0.12], [0.01, 0.05], [0.60, 0.75]],
        [[-0.15, 0.02], [-0.20, 0.00], [-0.06, 0.01], [0.80, 0.95]],
    ]
)
ZONE_CLIP = np.array([[2.9, 99.0], [1.4, 2.3], [-99.0, 0.8]])
ZONE_P = np.array([[0.8, 0.2, 0.0], [0.7, 0.3, 0.0], [0.0, 0.6, 0.4], [0.0, 0.3, 0.7]])


class Dataset(dict):
    """The generated tables by name, with ``params``: how they were made."""

    params: dict


@dataclass(frozen=True)
class Params:
    seed: int
    customers: int
    months: int
    end: str

    def as_dict(self) -> dict:
        return {"seed": self.seed, "customers": self.customers, "months": self.months, "end": self.end}


def _parse_end(end) -> np.datetime64:
    try:
        ts = pd.Timestamp(end)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"end must be a date like 2025-12-31, not {end!r}") from exc
    if ts is pd.NaT or ts != ts.normalize():
        raise ValueError(f"end must be a date like 2025-12-31, not {end!r}")
    return np.datetime64(ts.date(), "D")


def _window(params: Params) -> S.Window:
    end = _parse_end(params.end)
    last = end.astype("datetime64[M]")
    first = last - (params.months - 1)
    starts = (first + np.arange(params.months)).astype("datetime64[D]")
    nexts = (first + np.arange(1, params.months + 1)).astype("datetime64[D]")
    end_day = int(end.astype(np.int64))
    ms = starts.astype(np.int64)
    ml = np.minimum(nexts.astype(np.int64), end_day + 1) - ms
    return S.Window(int(ms[0]), end_day, ms, ml, params.months, params.customers)


def _pick(rng, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One category per row, ``probs[rows]`` giving each row's probabilities."""
    cum = np.cumsum(probs, axis=1)[rows]
    u = rng.random(len(rows))
    return np.minimum((u[:, None] >= cum).sum(axis=1), probs.shape[1] - 1)


# ------------------------------------------------------------------------ customers


def _customers(p: Params, rng) -> SimpleNamespace:
    n = p.customers
    story = np.full(n, "", dtype=object)
    slots = rng.choice(n, size=len(S.STORY_CODES), replace=False)
    story[slots] = S.STORY_CODES
    nature = rng.choice(4, size=n, p=NATURE_P)
    debtor = _pick(rng, DEBTOR_P, nature)
    terms = TERMS[_pick(rng, TERMS_P, nature)]
    w = np.array(T.CITY_WEIGHTS, dtype=float)
    city = rng.choice(len(T.CITIES), size=n, p=w / w.sum())
    industry = np.where(nature == 3, len(T.INDUSTRIES), rng.integers(0, len(T.INDUSTRIES), n))
    nb = len(T.BRAND_SYLLABLES)
    b1 = rng.integers(0, nb, n)
    b2 = (b1 + rng.integers(1, nb, n)) % nb
    # Company names must differ: redraw the brand of repeated names (a few rounds).
    for _ in range(30):
        key = ((nature * 64 + city) * 64 + industry) * 4096 + b1 * 64 + b2
        dup = pd.Series(key).duplicated().to_numpy()
        if not dup.any():
            break
        k = int(dup.sum())
        b1[dup] = rng.integers(0, nb, k)
        b2[dup] = (b1[dup] + rng.integers(1, nb, k)) % nb
    volume = VOLUME[nature] * rng.lognormal(-0.245, 0.7, n)
    lam = RATE[nature] * rng.lognormal(-0.06, 0.35, n)
    surname = rng.integers(0, len(T.SURNAMES), n)
    given = rng.integers(0, len(T.GIVEN_NAMES), n)
    role = _pick(rng, ROLE_P, nature)
    phone_prefix = rng.integers(0, len(T.MOBILE_PREFIXES), n)
    phone_tail = rng.integers(0, 10_000, n)
    rep = rng.integers(0, len(T.SALES_REPS), n)
    beh = BEHAVIOUR[debtor]
    mu = beh[:, 0] + (beh[:, 1] - beh[:, 0]) * rng.random(n)
    new_from = np.where(rng.random(n) < 0.15, rng.integers(1, p.months, n), 0)
    lost_after = np.where(rng.random(n) < 0.06, rng.integers(p.months // 2, p.months, n), p.months)
    own_sales = volume * 12 * np.where(nature == 3, rng.uniform(3, 8, n), rng.uniform(15, 60, n))

    cities = np.array(T.CITIES, dtype=object)
    inds = np.array(T.INDUSTRIES + [T.DEALER_INDUSTRY], dtype=object)
    syl = np.array(T.BRAND_SYLLABLES, dtype=object)
    brand_zh = syl[b1, 0] + syl[b2, 0]
    brand_en = np.array([s.capitalize() for s in syl[:, 1]], dtype=object)[b1] + syl[b2, 1]
    c_zh, c_en = cities[city, 0], cities[city, 1]
    i_word, i_word_en = inds[industry, 2], inds[industry, 3]
    name_zh = np.select(
        [nature == 0, nature == 2, nature == 3],
        [
            c_zh + brand_zh + i_word + "有限责任公司",
            brand_zh + "(" + c_zh + ")" + i_word + "有限公司",
            c_zh + brand_zh + i_word,
        ],
        c_zh + brand_zh + i_word + "有限公司",
    )
    name_en = np.select(
        [nature == 2, nature == 3],
        [brand_en + " " + i_word_en + " (" + c_en + ") Co., Ltd.", c_en + " " + brand_en + " " + i_word_en],
        c_en + " " + brand_en + " " + i_word_en + " Co., Ltd.",
    )
    contact = np.array(T.SURNAMES, dtype=object)[surname, 0] + np.array(T.GIVEN_NAMES, dtype=object)[given]
    c = SimpleNamespace(
        n=n,
        story=story,
        nature=nature,
        debtor=debtor,
        terms=terms,
        city=city,
        industry=industry,
        name_zh=name_zh,
        name_en=name_en,
        contact=contact,
        role=role,
        phone_prefix=phone_prefix,
        phone_tail=phone_tail,
        rep=rep,
        volume=volume,
        lam=lam,
        mu=mu,
        sd=beh[:, 2],
        new_from=new_from,
        lost_after=lost_after,
        own_sales=own_sales,
        slots=dict(zip(S.STORY_CODES, slots.tolist(), strict=True)),
    )
    for code, i in c.slots.items():
        spec = S.SPECS[code]
        c.name_zh[i], c.name_en[i] = spec["name_zh"], spec["name_en"]
        c.nature[i], c.industry[i], c.city[i] = spec["nature"], spec["industry"], spec["city"]
        c.terms[i], c.volume[i], c.lam[i] = spec["terms"], spec["volume"], spec["lam"]
        c.contact[i], c.role[i] = spec["contact"], spec["role"]
        c.debtor[i] = T.DEBTOR_TYPES.index(S.STORIES[code][0])
        c.own_sales[i] = spec["annual_sales"]
    return c


# ----------------------------------------------------------------- bulk: invoices


def _background_invoices(c, w: S.Window, rng) -> SimpleNamespace:
    bg = np.flatnonzero(c.story == "")
    nb, months = len(bg), w.months
    cal = (w.month_start.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)) % 12
    full_len = np.array([31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[cal]
    expect = c.lam[bg, None] * (SEASON[cal] * w.month_len / full_len)[None, :]
    m = np.arange(months)[None, :]
    expect = np.where((m >= c.new_from[bg, None]) & (m <= c.lost_after[bg, None]), expect, 0.0)
    counts = rng.poisson(expect)
    cell = np.repeat(np.arange(nb * months), counts.ravel())
    cust = bg[cell // months]
    mi = cell % months
    n = len(cell)
    day = w.month_start[mi] + (rng.random(n) * w.month_len[mi]).astype(np.int64)
    day = S.business_day_in(day, w.end)
    nature = c.nature[cust]
    terms = c.terms[cust].copy()
    terms[rng.random(n) < P_COD[nature]] = 0
    line = _pick(rng, LINE_P, nature)
    price = np.array([pl[3] for pl in T.PRODUCT_LINES])
    mean_price = (LINE_P * price).sum(axis=1)
    net = c.volume[cust] / c.lam[cust] * price[line] / mean_price[nature]
    net = net * rng.lognormal(-0.245, 0.7, n)
    cents = np.maximum(10, np.round(net / 10)).astype(np.int64) * 10 * 113

    # Credit notes (红字发票): part of an earlier invoice credited 1-8 weeks later.
    sel = np.flatnonzero((rng.random(n) < 0.012) & (terms > 0))
    cn_day = S.next_business_day(day[sel] + rng.integers(7, 61, len(sel)))
    keep = cn_day <= w.end
    sel, cn_day = sel[keep], cn_day[keep]
    cn_cents = -np.round(cents[sel] * rng.uniform(0.05, 0.3, len(sel)) / 100).astype(np.int64) * 100
    return SimpleNamespace(
        n=n,
        cust=cust,
        day=day,
        terms=terms,
        cents=cents,
        line=line,
        cn=SimpleNamespace(cust=cust[sel], day=cn_day, cents=cn_cents, line=line[sel]),
    )


def _background_payments(c, inv, w: S.Window, rng) -> SimpleNamespace:
    n = inv.n
    debtor = c.debtor[inv.cust]
    beh = BEHAVIOUR[debtor]
    due = inv.day + inv.terms
    delay = c.mu[inv.cust] + c.sd[inv.cust] * rng.standard_normal(n)
    delay += np.where(rng.random(n) < beh[:, 8], rng.exponential(40, n), 0.0)
    cod_paid = (inv.terms == 0) & (debtor <= 1)
    delay = np.where(cod_paid, rng.integers(0, 4, n), delay)
    full = np.maximum(due + np.round(delay).astype(np.int64), inv.day)
    disputed = rng.random(n) < beh[:, 5]
    full = full + np.where(disputed, rng.integers(120, 400, n), 0)
    never = (disputed & (rng.random(n) < beh[:, 6])) | (rng.random(n) < beh[:, 7])
    split = rng.random(n) < beh[:, 3]
    frac = rng.integers(3, 8, n) / 10
    a1 = np.where(split, np.round(inv.cents * frac / 100).astype(np.int64) * 100, inv.cents)
    t1 = np.where(split, np.maximum(inv.day, full - rng.integers(15, 61, n)), full)
    has2 = split & ~(rng.random(n) < beh[:, 4])
    t1 = S.next_business_day(t1)
    t2 = S.next_business_day(full)
    method = _pick(rng, METHOD_P, c.nature[inv.cust])
    method2 = _pick(rng, METHOD_P, c.nature[inv.cust])
    ok1 = ~never & (t1 <= w.end)
    ok2 = ~never & has2 & (t2 <= w.end)
    first = np.where(never, INF, t1)
    settle = np.where(never | (split & ~has2), INF, np.where(split, t2, t1))
    return SimpleNamespace(
        key=np.concatenate([np.flatnonzero(ok1), np.flatnonzero(ok2)]),
        day=np.concatenate([t1[ok1], t2[ok2]]),
        cents=np.concatenate([a1[ok1], (inv.cents - a1)[ok2]]),
        method=np.concatenate([method[ok1], method2[ok2]]),
        # per invoice, for the follow-up
        disputed=disputed,
        first=first,
        a1=a1,
        second=np.where(~never & has2, t2, INF),
        settle=settle,
        debtor=debtor,
        due=due,
    )


def _excuse_lines() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    zh, en, offset, count = [], [], [], []
    for code in T.EXCUSE_CODES:
        offset.append(len(zh))
        count.append(len(T.EXCUSES[code]))
        for a, b in T.EXCUSES[code]:
            zh.append(a)
            en.append(b)
    return (np.array(zh, dtype=object), np.array(en, dtype=object), np.array(offset), np.array(count))


def _background_followup(inv, pay, w: S.Window, rng) -> tuple[SimpleNamespace, SimpleNamespace]:
    """Collection activities on overdue invoices, and the promises some calls produce."""
    n = inv.n
    cols = {k: [] for k in ("key", "day", "kind", "excuse")}
    for kind, lo, hi, probs, p_excuse in LADDER:
        day = S.next_business_day(pay.due + rng.integers(lo, hi + 1, n))
        hit = (day < pay.settle) & (day <= w.end) & (rng.random(n) < np.array(probs)[pay.debtor])
        idx = np.flatnonzero(hit)
        excuse = np.full(len(idx), -1)
        if p_excuse:
            gives = rng.random(len(idx)) < p_excuse
            code = _pick(rng, EXCUSE_P, pay.debtor[idx])
            code = np.where(pay.disputed[idx] & (lo == 10), S.EXC["quality_dispute"], code)
            excuse = np.where(gives | (pay.disputed[idx] & (lo == 10)), code, -1)
        cols["key"].append(idx)
        cols["day"].append(day[idx])
        cols["kind"].append(np.full(len(idx), S.KIND[kind]))
        cols["excuse"].append(excuse)
    key = np.concatenate(cols["key"])
    day = np.concatenate(cols["day"])
    kind = np.concatenate(cols["kind"])
    excuse = np.concatenate(cols["excuse"])
    zh, en, off, cnt = _excuse_lines()
    code = np.maximum(excuse, 0)
    variant = off[code] + (rng.random(len(key)) * cnt[code]).astype(int)
    routine_zh = np.array([T.ROUTINE[k][0] for k in T.ACTIVITY_KINDS], dtype=object)
    routine_en = np.array([T.ROUTINE[k][1] for k in T.ACTIVITY_KINDS], dtype=object)
    note_zh = np.where(excuse >= 0, zh[variant], routine_zh[kind])
    note_en = np.where(excuse >= 0, en[variant], routine_en[kind])
    act = SimpleNamespace(
        cust=inv.cust[key], key=key, day=day, kind=kind, excuse=excuse, note_zh=note_zh, note_en=note_en
    )

    # Promises: some calls and visits with an excuse end with a promise.
    no_promise = [S.EXC["unreachable"], S.EXC["quality_dispute"]]
    cand = np.flatnonzero((excuse >= 0) & ~np.isin(excuse, no_promise))
    cand = cand[rng.random(len(cand)) < 0.35]
    k = key[cand]
    made = day[cand]
    paid_before = pay.first[k] < made
    open_cents = np.where(paid_before, inv.cents[k] - pay.a1[k], inv.cents[k])
    next_pay = np.where(paid_before, pay.second[k], pay.first[k])
    keep = (rng.random(len(k)) < KEEP_P[pay.debtor[k]]) & (next_pay - made <= 45)
    promised = np.where(
        keep,
        np.maximum(next_pay + rng.integers(0, 5, len(k)), made + 3),
        made + rng.integers(5, 16, len(k)),
    )
    prom = SimpleNamespace(cust=inv.cust[k], key=k, made=made, promised=promised, cents=open_cents)
    return act, prom


# ----------------------------------------------------------------- financials


def _fiscal_years(w: S.Window) -> list[int]:
    end = np.datetime64(w.end, "D")
    year = int(end.astype("datetime64[Y]").astype(np.int64)) + 1970
    closed = str(end)[5:] == "12-31"
    last = year if closed else year - 1
    return [last - 2, last - 1, last]


def _financials(c, w: S.Window, rng) -> pd.DataFrame:
    years = _fiscal_years(w)
    n = c.n
    zone_base = _pick(rng, ZONE_P, c.debtor)
    zone = np.repeat(zone_base[:, None], 3, axis=1)
    for code, i in c.slots.items():
        zone[i] = S.ZONES[code]
    zone = zone.ravel()
    m = len(zone)
    lo, hi = ZONE_RANGES[zone, :, 0], ZONE_RANGES[zone, :, 1]
    # One draw per customer (its profile), a little noise per year.
    base = np.repeat(rng.random((n, 4)), 3, axis=0)
    u = np.clip(base + rng.normal(0, 0.08, (m, 4)), 0, 1)
    x1, x2, x3, lev = (lo + (hi - lo) * u).T
    x4 = (1 - lev) / lev
    z = 6.56 * x1 + 3.26 * x2 + 6.72 * x3 + 1.05 * x4
    x1 = x1 + (np.clip(z, ZONE_CLIP[zone, 0], ZONE_CLIP[zone, 1]) - z) / 6.56
    cl = np.minimum(rng.uniform(0.25, 0.5, m), lev - 0.02)
    cl = np.clip(cl, 0.05 - np.minimum(x1, 0), 0.9 - np.maximum(x1, 0))
    turnover = rng.uniform(0.7, 1.5, m)
    growth = np.tile([0.9, 0.95, 1.0], n) * rng.lognormal(0, 0.05, m)
    sales = np.repeat(c.own_sales, 3) * growth
    ta = np.round(sales / turnover)
    tl = np.round(ta * lev)
    cl_y = np.round(ta * cl)
    return pd.DataFrame(
        {
            "customer_id": np.repeat(_customer_ids(n), 3),
            "year": np.tile(np.array(years, dtype=np.int64), n),
            "total_assets": ta,
            "total_liabilities": tl,
            "current_assets": cl_y + np.round(ta * x1),
            "current_liabilities": cl_y,
            "retained_earnings": np.round(ta * x2),
            "ebit": np.round(ta * x3),
            "sales": np.round(sales),
            "book_equity": ta - tl,
        }
    )


# ----------------------------------------------------------------- assembly


def _customer_ids(n: int) -> np.ndarray:
    width = max(4, len(str(n)))
    return ("C" + pd.Series(np.arange(1, n + 1)).astype(str).str.zfill(width)).to_numpy(dtype=object)


def _dates(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[ns]")


def _amounts(cents: np.ndarray) -> np.ndarray:
    return np.asarray(cents, dtype=np.int64) / 100


def _promise_status(
    q_key, q_cust, q_made, q_promised, q_cents, p_key, p_cust, p_day, p_cents, as_of: int
) -> np.ndarray:
    """kept / partly_kept / broken / open as of ``as_of`` (the rule is in the README).

    Counted: payments dated from the day the promise was made to the promised date
    (or to ``as_of`` when that is earlier), on the promised invoice, or on any of the
    customer's invoices when the promise names none.
    """
    prom = pd.DataFrame(
        {
            "i": np.arange(len(q_key)),
            "key": q_key,
            "cust": q_cust,
            "made": q_made,
            "until": np.minimum(q_promised, as_of),
        }
    )
    pays = pd.DataFrame({"key": p_key, "cust": p_cust, "day": p_day, "cents": p_cents})
    on_inv = prom[prom["key"] >= 0].merge(pays[["key", "day", "cents"]], on="key")
    on_cust = prom[prom["key"] < 0].merge(pays[["cust", "day", "cents"]], on="cust")
    both = pd.concat([on_inv, on_cust], ignore_index=True)
    inside = (both["day"] >= both["made"]) & (both["day"] <= both["until"])
    paid = np.bincount(
        both.loc[inside, "i"].to_numpy(dtype=np.int64),
        weights=both.loc[inside, "cents"].to_numpy(dtype=np.float64),
        minlength=len(q_key),
    )
    return np.select(
        [paid >= q_cents, q_promised > as_of, paid > 0],
        ["kept", "open", "partly_kept"],
        "broken",
    ).astype(object)


def _check(customers: int, months: int) -> None:
    if customers < MIN_CUSTOMERS:
        raise ValueError(
            f"customers must be at least {MIN_CUSTOMERS} (the planted stories "
            f"need {len(S.STORIES)} of them), not {customers}"
        )
    if months < MIN_MONTHS:
        raise ValueError(f"months must be at least {MIN_MONTHS}, not {months}")


def _streams(seed: int) -> SimpleNamespace:
    """One random stream per part, all spawned from ``SeedSequence(seed)``."""
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(6 + len(S.STORY_CODES))]
    cust, inv, pay, follow, fin, order = streams[:6]
    story = dict(zip(S.STORY_CODES, streams[6:], strict=True))
    return SimpleNamespace(cust=cust, inv=inv, pay=pay, follow=follow, fin=fin, order=order, story=story)


def _plant_stories(book: S.Book, w: S.Window, c, rngs: dict) -> list[int]:
    """Every story's invoices, payments, promises and activities into ``book``; returns
    the key account's invoice keys."""
    key_keys: list[int] = []
    for code in S.STORY_CODES:
        out = S.PLANTERS[code](book, w, c.slots[code], rngs[code])
        if code == S.KEY_ACCOUNT:
            key_keys = out
    return key_keys


def _all_invoices(inv, book: S.Book) -> SimpleNamespace:
    """Background invoices, credit notes and the stories' (keys 0..K-1 in this order)."""
    n_cn = len(inv.cn.day)
    b_inv = np.array(book.inv, dtype=np.int64).reshape(-1, 5)
    return SimpleNamespace(
        cust=np.concatenate([inv.cust, inv.cn.cust, b_inv[:, 0]]),
        day=np.concatenate([inv.day, inv.cn.day, b_inv[:, 1]]),
        terms=np.concatenate([inv.terms, np.zeros(n_cn, dtype=np.int64), b_inv[:, 2]]),
        cents=np.concatenate([inv.cents, inv.cn.cents, b_inv[:, 3]]),
        line=np.concatenate([inv.line, inv.cn.line, b_inv[:, 4]]),
    )


def _all_payments(pay, book: S.Book) -> SimpleNamespace:
    b_pay = np.array(book.pay, dtype=np.int64).reshape(-1, 4)
    return SimpleNamespace(
        key=np.concatenate([pay.key, b_pay[:, 0]]),
        day=np.concatenate([pay.day, b_pay[:, 1]]),
        cents=np.concatenate([pay.cents, b_pay[:, 2]]),
        method=np.concatenate([pay.method, b_pay[:, 3]]),
    )


def _scale_key_account(i, p, key_keys: list[int], rng) -> np.ndarray:
    """The key account carries a target share of the open receivables at the end: scale
    its amounts (invoices and their full payments, in place) when the background outgrew
    it. Returns which invoices are the key account's."""
    open_cents = i.cents - np.bincount(p.key, weights=p.cents, minlength=len(i.cents)).astype(np.int64)
    is_key = np.zeros(len(i.cents), dtype=bool)
    is_key[key_keys] = True
    k_open, o_open = open_cents[is_key].sum(), open_cents[~is_key].sum()
    target = rng.uniform(0.20, 0.25)
    if k_open > 0 and k_open / (k_open + o_open) < target:
        factor = target * o_open / ((1 - target) * k_open)
        i.cents[is_key] = np.round(i.cents[is_key] * factor / 10_000).astype(np.int64) * 10_000
        on_key = is_key[p.key]
        p.cents[on_key] = i.cents[p.key[on_key]]
    return is_key


def _number_invoices(i, rng) -> SimpleNamespace:
    """Invoice ids in date order, numbered within each year: ``order`` (keys in table
    order), ``ids`` and ``rank`` (by key)."""
    tie = rng.random(len(i.day))
    order = np.lexsort((tie, i.cust, i.day))
    year = i.day[order].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    first_of_year = np.r_[0, np.flatnonzero(np.diff(year)) + 1]
    run_len = np.diff(np.r_[first_of_year, len(year)])
    seq = np.arange(len(year)) - np.repeat(first_of_year, run_len) + 1
    width = max(6, len(str(int(seq.max()) if len(seq) else 0)))
    ids_sorted = "INV" + pd.Series(year).astype(str) + pd.Series(seq).astype(str).str.zfill(width)
    inv_id = np.empty(len(order), dtype=object)
    inv_id[order] = ids_sorted.to_numpy(dtype=object)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    # key -1 -> missing: no invoice named
    return SimpleNamespace(order=order, ids=inv_id, rank=rank, ids_or_none=np.append(inv_id, None))


def _invoice_table(i, n, c, cust_ids: np.ndarray) -> pd.DataFrame:
    line_codes = np.array([pl[0] for pl in T.PRODUCT_LINES], dtype=object)
    order = n.order
    return pd.DataFrame(
        {
            "invoice_id": n.ids[order],
            "customer_id": cust_ids[i.cust[order]],
            "customer_name": c.name_zh[i.cust[order]],
            "invoice_date": _dates(i.day[order]),
            "due_date": _dates(i.day[order] + i.terms[order]),
            "amount": _amounts(i.cents[order]),
            "currency": "CNY",
            "product_line": line_codes[i.line[order]],
        }
    )


def _payment_table(p, n) -> pd.DataFrame:
    p_order = np.lexsort((np.arange(len(p.key)), n.rank[p.key], p.day))
    method_codes = np.array([m[0] for m in T.PAYMENT_METHODS], dtype=object)
    return pd.DataFrame(
        {
            "invoice_id": n.ids[p.key[p_order]],
            "paid_date": _dates(p.day[p_order]),
            "paid_amount": _amounts(p.cents[p_order]),
            "method": method_codes[p.method[p_order]],
        }
    )


def _promise_table(prom, book: S.Book, n, c, cust_ids: np.ndarray, i_cust: np.ndarray, p, end: int) -> pd.DataFrame:
    """Background and story promises, with their status as of ``end``."""
    b_prom = np.array(book.prom, dtype=np.int64).reshape(-1, 5)
    cust = np.concatenate([prom.cust, b_prom[:, 0]])
    key = np.concatenate([prom.key, b_prom[:, 1]])
    made = np.concatenate([prom.made, b_prom[:, 2]])
    promised = np.concatenate([prom.promised, b_prom[:, 3]])
    cents = np.concatenate([prom.cents, b_prom[:, 4]])
    rank = np.where(key >= 0, n.rank[np.maximum(key, 0)], -1)
    o = np.lexsort((np.arange(len(key)), rank, cust, made))
    promises = pd.DataFrame(
        {
            "customer_id": cust_ids[cust[o]],
            "invoice_id": n.ids_or_none[key[o]],
            "made_on": _dates(made[o]),
            "promised_date": _dates(promised[o]),
            "promised_amount": _amounts(cents[o]),
            "contact": c.contact[cust[o]],
        }
    )
    promises["status_reference"] = _promise_status(
        key[o], cust[o], made[o], promised[o], cents[o], p.key, i_cust[p.key], p.day, p.cents, end
    )
    return promises


def _activity_table(act, book: S.Book, n, cust_ids: np.ndarray) -> pd.DataFrame:
    """Background and story collection activities, in date order."""
    b_act = book.act
    cust = np.concatenate([act.cust, np.array([a[0] for a in b_act], dtype=np.int64)])
    key = np.concatenate([act.key, np.array([a[1] for a in b_act], dtype=np.int64)])
    day = np.concatenate([act.day, np.array([a[2] for a in b_act], dtype=np.int64)])
    kind = np.concatenate([act.kind, np.array([a[3] for a in b_act], dtype=np.int64)])
    exc = np.concatenate([act.excuse, np.array([a[4] for a in b_act], dtype=np.int64)])
    zh = np.concatenate([act.note_zh, np.array([a[5] for a in b_act], dtype=object)])
    en = np.concatenate([act.note_en, np.array([a[6] for a in b_act], dtype=object)])
    rank = np.where(key >= 0, n.rank[np.maximum(key, 0)], -1)
    o = np.lexsort((np.arange(len(key)), kind, rank, cust, day))
    kinds = np.array(T.ACTIVITY_KINDS, dtype=object)
    excuse_codes = np.array(T.EXCUSE_CODES + [""], dtype=object)  # -1 -> ""
    return pd.DataFrame(
        {
            "customer_id": cust_ids[cust[o]],
            "invoice_id": n.ids_or_none[key[o]],
            "date": _dates(day[o]),
            "kind": kinds[kind[o]],
            "excuse_code": excuse_codes[exc[o]],
            "note_zh": zh[o],
            "note_en": en[o],
        }
    )


def _credit_limits(c, i, is_key: np.ndarray, w: S.Window) -> np.ndarray:
    """About a month and a term of sales, in 10,000s; the key account's from its own
    (scaled) sales, in millions."""
    credit_limit = np.ceil(c.volume * (c.terms + 30) / 30 / 10_000) * 10_000
    if is_key.any():
        ki = c.slots[S.KEY_ACCOUNT]
        k_sales = i.cents[is_key & (i.cents > 0)].sum() / 100 / w.months
        credit_limit[ki] = np.ceil(k_sales * (c.terms[ki] + 30) / 30 / 1e6) * 1e6
    return credit_limit


def _customer_table(c, cust_ids: np.ndarray, credit_limit: np.ndarray) -> pd.DataFrame:
    cities = np.array(T.CITIES, dtype=object)
    inds = np.array(T.INDUSTRIES + [T.DEALER_INDUSTRY], dtype=object)
    roles = np.array(T.CONTACT_ROLES, dtype=object)
    return pd.DataFrame(
        {
            "customer_id": cust_ids,
            "name_zh": c.name_zh,
            "name_en": c.name_en,
            "nature": np.array(T.NATURES, dtype=object)[c.nature],
            "nature_en": np.array(T.NATURES_EN, dtype=object)[c.nature],
            "industry": inds[c.industry, 0],
            "industry_en": inds[c.industry, 1],
            "region": cities[c.city, 2],
            "region_en": cities[c.city, 3],
            "city": cities[c.city, 0],
            "city_en": cities[c.city, 1],
            "terms_days": c.terms.astype(np.int64),
            "credit_limit": credit_limit.astype(float),
            "contact_name": c.contact,
            "contact_role": roles[c.role, 0],
            "contact_role_en": roles[c.role, 1],
            "phone": (
                np.array(T.MOBILE_PREFIXES, dtype=object)[c.phone_prefix]
                + "-0000-"
                + pd.Series(c.phone_tail).astype(str).str.zfill(4).to_numpy(dtype=object)
            ),
            "sales_rep": np.array(T.SALES_REPS, dtype=object)[c.rep],
            "debtor_type": np.array(T.DEBTOR_TYPES, dtype=object)[c.debtor],
            "story": c.story,
        }
    )


def _text_columns(out: Dataset) -> None:
    """Object columns as ``str``."""
    for df in out.values():
        for col in df.columns:
            if df[col].dtype == object:
                df[col] = df[col].astype("str")


def generate(
    seed: int = 2024,
    customers: int = 40,
    months: int = 24,
    end: str = "2025-12-31",
    *,
    progress: Callable[[str], None] | None = None,
) -> dict[str, pd.DataFrame]:
    """Generate the case tables (see datasets/electromech/README.md for every field).

    Returns a dict (a ``Dataset``, whose ``params`` records the arguments) with
    customers, financials, invoices, payments, promises and activities. The same
    arguments give the same tables, row for row.
    """
    _check(customers, months)
    say = progress or (lambda _msg: None)
    params = Params(int(seed), int(customers), int(months), str(_parse_end(end)))
    w = _window(params)
    rng = _streams(params.seed)

    say("customers")
    c = _customers(params, rng.cust)
    say("invoices")
    inv = _background_invoices(c, w, rng.inv)
    say("payments")
    pay = _background_payments(c, inv, w, rng.pay)
    say("collection activities and promises")
    act, prom = _background_followup(inv, pay, w, rng.follow)
    say("planted stories")
    book = S.Book(first_key=inv.n + len(inv.cn.day), end=w.end)
    key_keys = _plant_stories(book, w, c, rng.story)

    i, p = _all_invoices(inv, book), _all_payments(pay, book)
    is_key = _scale_key_account(i, p, key_keys, rng.order)
    say("numbering")
    n = _number_invoices(i, rng.order)
    cust_ids = _customer_ids(c.n)
    say("tables")
    customers_df = _customer_table(c, cust_ids, _credit_limits(c, i, is_key, w))
    invoices, payments = _invoice_table(i, n, c, cust_ids), _payment_table(p, n)
    promises = _promise_table(prom, book, n, c, cust_ids, i.cust, p, w.end)
    activities = _activity_table(act, book, n, cust_ids)
    say("financials")
    financials = _financials(c, w, rng.fin)

    out = Dataset(
        customers=customers_df,
        financials=financials,
        invoices=invoices,
        payments=payments,
        promises=promises,
        activities=activities,
    )
    _text_columns(out)
    out.params = params.as_dict()
    return out
