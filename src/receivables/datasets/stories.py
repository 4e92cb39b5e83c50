"""The planted stories of the case: a few authored customers among the background.

Each story is one customer, built by a small per-customer loop (a few hundred rows at
most); the background is generated in bulk, vectorized, in ``generator``. Every date
here is an integer day number (days since 1970-01-01), every amount integer cents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from . import _text as T

SOE_SLOW_SURE = "soe_slow_sure"
DRIFT_DEFAULT = "drift_default"
KEY_ACCOUNT = "key_account"
DISPUTE_WITHHOLD = "dispute_withhold"
LIMITATION_CLAIM = "limitation_claim"

# code: (debtor type, one-line description)
STORIES: dict[str, tuple[str, str]] = {
    SOE_SLOW_SURE: (
        "able_willing",
        "State-owned, slow but sure: pays every invoice in full, 30-60 days after the due date.",
    ),
    DRIFT_DEFAULT: (
        "unable_willing",
        "Private manufacturer whose warning signals show months ahead: days-to-pay drift "
        "later, partial payments, broken promises, then no payment in the last ~5 months.",
    ),
    KEY_ACCOUNT: (
        "able_willing",
        "Key account: pays on time, but carries at least 15 % of all open receivables at the end.",
    ),
    DISPUTE_WITHHOLD: (
        "able_unwilling",
        "Foreign-invested, financially strong, withholds payment behind quality and "
        "invoice disputes: some invoices paid very late or never.",
    ),
    LIMITATION_CLAIM: (
        "unable_unwilling",
        "Small dealer with an unpaid invoice due about 34 months before the end and no "
        "demand or acknowledgement since: the 3-year limitation period is about to run out.",
    ),
}
STORY_CODES = list(STORIES)

# Authored story customers. city: index into _text.CITIES.
SPECS: dict[str, dict] = {
    SOE_SLOW_SURE: dict(
        name_zh="东湖电力建设有限责任公司",
        name_en="Donghu Power Construction Co., Ltd.",
        nature=0,
        industry=2,
        city=18,
        terms=60,
        volume=320_000.0,
        lam=2.0,
        contact="郭建华",
        role=0,
        annual_sales=2.6e9,
    ),
    DRIFT_DEFAULT: dict(
        name_zh="顺昌精密机械有限公司",
        name_en="Shunchang Precision Machinery Co., Ltd.",
        nature=1,
        industry=0,
        city=2,
        terms=60,
        volume=190_000.0,
        lam=2.0,
        contact="马晓燕",
        role=0,
        annual_sales=1.6e8,
    ),
    KEY_ACCOUNT: dict(
        name_zh="澜峰新能源集团有限公司",
        name_en="Lanfeng New Energy Group Co., Ltd.",
        nature=1,
        industry=6,
        city=23,
        terms=90,
        volume=1_800_000.0,
        lam=4.0,
        contact="林志强",
        role=4,
        annual_sales=1.2e10,
    ),
    DISPUTE_WITHHOLD: dict(
        name_zh="博朗特(苏州)自动化设备有限公司",
        name_en="Brantec Automation Equipment (Suzhou) Co., Ltd.",
        nature=2,
        industry=11,
        city=0,
        terms=60,
        volume=170_000.0,
        lam=2.0,
        contact="何静",
        role=2,
        annual_sales=7.5e8,
    ),
    LIMITATION_CLAIM: dict(
        name_zh="温州金桥机电经营部",
        name_en="Wenzhou Jinqiao Electromechanical Trading",
        nature=3,
        industry=len(T.INDUSTRIES),
        city=11,
        terms=30,
        volume=30_000.0,
        lam=1.0,
        contact="胡国庆",
        role=5,
        annual_sales=9.0e6,
    ),
}
# Altman Z'' zone per fiscal year (oldest first): 0 safe, 1 grey, 2 distress.
ZONES = {
    SOE_SLOW_SURE: (1, 1, 1),
    DRIFT_DEFAULT: (0, 1, 2),
    KEY_ACCOUNT: (0, 0, 0),
    DISPUTE_WITHHOLD: (0, 0, 0),
    LIMITATION_CLAIM: (2, 2, 2),
}

KIND = {k: i for i, k in enumerate(T.ACTIVITY_KINDS)}
EXC = {k: i for i, k in enumerate(T.EXCUSE_CODES)}
MOTOR, DRIVE, SWITCHGEAR, CABINET, SPARES = range(5)
TRANSFER, BANK_BILL, COMMERCIAL_BILL, CASH = range(4)


def weekday(days):
    """0 = Monday ... 6 = Sunday, for integer day numbers (1970-01-01 was a Thursday)."""
    return (np.asarray(days) + 3) % 7


def next_business_day(days):
    """Saturday and Sunday move to the following Monday."""
    wd = weekday(days)
    return np.asarray(days) + np.where(wd == 5, 2, np.where(wd == 6, 1, 0))


def business_day_in(days, end: int):
    """Forward to Monday, or back to Friday when Monday would pass the end date."""
    fwd = next_business_day(days)
    wd = weekday(days)
    back = np.asarray(days) - np.where(wd == 5, 1, np.where(wd == 6, 2, 0))
    return np.where(fwd > end, back, fwd)


def vat_cents(net_yuan: float) -> int:
    """An amount including 13 % VAT, from a net price rounded to 10 yuan."""
    return int(max(10, round(net_yuan / 10)) * 10 * 113)


@dataclass
class Book:
    """Rows of the planted stories, with invoice keys continuing the background's."""

    first_key: int
    end: int
    inv: list[tuple] = field(default_factory=list)  # cust, day, terms, cents, line
    pay: list[tuple] = field(default_factory=list)  # key, day, cents, method
    prom: list[tuple] = field(default_factory=list)  # cust, key, made_on, promised, cents
    act: list[tuple] = field(default_factory=list)  # cust, key, day, kind, excuse, zh, en

    def invoice(self, cust: int, day: int, terms: int, cents: int, line: int) -> int:
        self.inv.append((cust, int(day), int(terms), int(cents), int(line)))
        return self.first_key + len(self.inv) - 1

    def due(self, key: int) -> int:
        _, day, terms, _, _ = self.inv[key - self.first_key]
        return day + terms

    def cents(self, key: int) -> int:
        return self.inv[key - self.first_key][3]

    def payment(self, key: int, day: int, cents: int, method: int) -> None:
        if day <= self.end and cents > 0:
            self.pay.append((key, int(day), int(cents), int(method)))

    def paid(self, key: int, by_day: int) -> int:
        return sum(c for k, d, c, _ in self.pay if k == key and d <= by_day)

    def promise(self, cust: int, key: int, made_on: int, promised: int, cents: int) -> None:
        if made_on <= self.end:
            self.prom.append((cust, key, int(made_on), int(promised), int(cents)))

    def activity(self, cust, key, day, kind, excuse="", note=None, rng=None) -> None:
        """``note`` (zh, en); without it, a catalogue line for the excuse or the kind."""
        if day > self.end:
            return
        if note is None:
            if excuse:
                lines = T.EXCUSES[excuse]
                note = lines[int(rng.integers(len(lines)))]
            else:
                note = T.ROUTINE[kind]
        self.act.append((cust, key, int(day), KIND[kind], EXC[excuse] if excuse else -1, note[0], note[1]))


@dataclass
class Window:
    start: int
    end: int
    month_start: np.ndarray
    month_len: np.ndarray
    months: int
    customers: int


def _day_in_month(w: Window, m: int, rng) -> int:
    d = int(w.month_start[m] + rng.integers(w.month_len[m]))
    return int(business_day_in(d, w.end))


def _net(rng, mean: float, sigma: float = 0.5) -> float:
    return mean * float(rng.lognormal(-sigma * sigma / 2, sigma))


def _deliveries(
    b: Book,
    w: Window,
    c: int,
    rng,
    terms: int,
    lines: list[int],
    p: list[float],
    net: float,
    sigma: float = 0.5,
    per_month: Callable[[], int] = lambda: 2,
    last_day: int | None = None,
) -> Iterator[tuple[int, int]]:
    """The story's invoices, month by month: ``per_month()`` deliveries a month on business
    days (none after ``last_day``), product line drawn from ``lines`` with ``p``, net price
    around ``net`` (`_net`), on ``terms`` days. Yields (invoice key, invoice day) as each
    is booked, so that the caller's draws for it come before the next invoice's."""
    for m in range(w.months):
        for _ in range(per_month()):
            d = _day_in_month(w, m, rng)
            if last_day is not None and d > last_day:
                continue
            line = int(rng.choice(lines, p=p))
            yield b.invoice(c, d, terms, vat_cents(_net(rng, net, sigma)), line), d


# --------------------------------------------------------------------- the stories


def soe_slow_sure(b: Book, w: Window, c: int, rng) -> None:
    """Two invoices a month; each paid in full 30-60 days after its due date."""
    terms = SPECS[SOE_SLOW_SURE]["terms"]
    lines, p = [SWITCHGEAR, CABINET, MOTOR], [0.45, 0.35, 0.2]
    for key, d in _deliveries(b, w, c, rng, terms, lines, p, 140_000):
        due = d + terms
        # 30..58 days, then at most 2 days to the next business day: 30..60 late.
        paid = int(next_business_day(due + int(rng.integers(30, 59))))
        method = BANK_BILL if rng.random() < 0.7 else TRANSFER
        b.payment(key, paid, b.cents(key), method)
        call = int(next_business_day(due + int(rng.integers(8, 15))))
        if call < paid and rng.random() < 0.5:
            if rng.random() < 0.5:
                b.activity(
                    c,
                    key,
                    call,
                    "call",
                    "waiting_approval",
                    note=(
                        "付款要走集团审批,流程大概一个月。",
                        "Payment has to be approved at group level; that takes about a month.",
                    ),
                )
            else:
                b.activity(c, key, call, "call", "waiting_approval", rng=rng)
            if rng.random() < 0.6:
                promised = paid + int(rng.integers(0, 4))
                b.promise(c, key, call, promised, b.cents(key))
    _quarterly_statements(b, w, c, rng, acknowledge=True)


def _quarterly_statements(b: Book, w: Window, c: int, rng, acknowledge: bool) -> None:
    cal = (w.month_start.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)) % 12
    for m in np.flatnonzero(cal % 3 == 0):
        d = int(next_business_day(w.month_start[m] + int(rng.integers(2, 6))))
        b.activity(c, -1, d, "statement")
        if acknowledge:
            b.activity(c, -1, int(next_business_day(d + int(rng.integers(7, 15)))), "acknowledgement")


# The collection file before the stop: (fraction of the span, kind, excuse, authored note
# or None, promise: None, "invoice" or an amount in yuan for an account-level promise).
_DRIFT_FILE = [
    (0.30, "call", "waiting_approval", None, None),
    (
        0.42,
        "call",
        "",
        ("客户要求把账期从60天延长到90天。", "The customer asked to stretch terms from 60 to 90 days."),
        None,
    ),
    (0.50, "call", "cash_flow", None, "invoice"),
    (0.55, "statement", "", None, None),
    (0.60, "call", "boss_away", None, "invoice"),
    (
        0.65,
        "visit",
        "waiting_approval",
        (
            "财务经理已离职,新来的会计不了解情况。",
            "Their finance manager has left; the new accountant doesn't know the file.",
        ),
        None,
    ),
    (
        0.70,
        "call",
        "paid_already",
        ("说支票已经开出了。", "They say the cheque has already been written."),
        "invoice",
    ),
    (
        0.75,
        "call",
        "cash_flow",
        (
            "支票被银行退回(余额不足),客户答应改为转账。",
            "The cheque bounced (insufficient funds); they promise a bank transfer instead.",
        ),
        "invoice",
    ),
    (0.80, "call", "cash_flow", None, "invoice"),
    (
        0.85,
        "call",
        "cash_flow",
        ("下个月先付10万,剩下的分期。", "CNY 100,000 next month, the rest in instalments."),
        100_000,
    ),
    (0.88, "statement", "", None, None),
    (0.92, "call", "no_budget", None, "invoice"),
    (
        0.96,
        "visit",
        "cash_flow",
        ("工厂停了一条生产线,库存积压。", "They have shut a production line; stock is piling up."),
        "invoice",
    ),
]
# After the stop: (days after it, kind, excuse, note); the visit at 90 days brings a
# promise of CNY 200,000 for the account.
_DRIFT_AFTER = [
    (10, "call", "unreachable", None),
    (
        30,
        "email",
        "",
        ("客户更换了开户银行,新账户信息未通知我方。", "The customer changed its bank without telling us."),
    ),
    (45, "letter", "", ("通知客户:暂停发货(信用冻结)。", "Customer told: deliveries on hold (credit hold).")),
    (60, "demand", "", None),
    (90, "visit", "cash_flow", ("老板说在找新的投资人。", "The owner says he is looking for a new investor.")),
    (120, "call", "unreachable", None),
    (140, "demand", "", ("委托律师发出律师函。", "A lawyer's letter has been sent.")),
]


def _drift_payments(b: Book, key: int, frac: float, stop: int, rng) -> None:
    """Pay invoice ``key`` (dated ``frac`` of the way to the stop) later as the
    drift grows, from 45 % of the way often in two parts; nothing after ``stop``."""
    delay = max(0, round(2 + 110 * frac**1.7 + rng.normal(0, 4)))
    due = b.due(key)
    full = int(next_business_day(due + delay))
    amount = b.cents(key)
    if frac > 0.45 and rng.random() < 0.6:
        part = int(round(amount * float(rng.choice([0.3, 0.4, 0.5])) / 100) * 100)
        first = int(next_business_day(due + round(delay * 0.7)))
        rest = int(next_business_day(full + int(rng.integers(10, 31))))
        if first <= stop:
            b.payment(key, first, part, TRANSFER)
            if rest <= stop:
                b.payment(key, rest, amount - part, TRANSFER)
    elif full <= stop:
        b.payment(key, full, amount, TRANSFER if rng.random() < 0.8 else COMMERCIAL_BILL)


def _drift_invoices(b: Book, w: Window, c: int, rng, stop: int) -> list[int]:
    """Two deliveries a month until the credit hold 105 days before the end, each paid by
    `_drift_payments`; returns their keys in date order of drawing."""
    terms = SPECS[DRIFT_DEFAULT]["terms"]
    last_invoice = w.end - 105  # credit hold: no more deliveries
    span = stop - w.start
    lines, p = [MOTOR, DRIVE, CABINET, SPARES], [0.45, 0.3, 0.15, 0.1]
    keys = []
    for key, d in _deliveries(b, w, c, rng, terms, lines, p, 80_000, last_day=last_invoice):
        keys.append(key)
        _drift_payments(b, key, min(max((d - w.start) / span, 0.0), 1.0), stop, rng)
    return keys


def _oldest_open(b: Book, keys: list[int], day: int) -> tuple[int, int]:
    """The first of ``keys`` overdue on ``day`` with something left, and what is left."""
    for k in keys:
        if b.due(k) < day:
            left = b.cents(k) - b.paid(k, day)
            if left > 0:
                return k, left
    return -1, 0


def _drift_file(b: Book, w: Window, c: int, rng, keys: list[int], stop: int) -> None:
    """Calls, statements and visits of `_DRIFT_FILE` along the way, with their promises."""
    span = stop - w.start
    for frac, kind, excuse, note, promise in _DRIFT_FILE:
        d = int(next_business_day(w.start + round(frac * span)))
        k, left = _oldest_open(b, keys, d)
        b.activity(c, k if promise == "invoice" else -1, d, kind, excuse, note, rng)
        promised = d + int(rng.integers(10, 15))
        if promise == "invoice" and k >= 0:
            b.promise(c, k, d, promised, left)
        elif isinstance(promise, int):
            b.promise(c, -1, d, d + 30, promise * 100)


def drift_default(b: Book, w: Window, c: int, rng) -> None:
    """Days-to-pay drift later, then partial payments, broken promises, then nothing."""
    stop = w.end - 150 + int(rng.integers(-5, 6))  # no payment after this day
    keys = _drift_invoices(b, w, c, rng, stop)
    # A last token payment on the oldest open invoice, right at the stop.
    k, left = _oldest_open(b, keys, stop)
    if k >= 0:
        b.payment(k, int(business_day_in(stop, stop)), int(left * 0.2 // 100 * 100), TRANSFER)
    _drift_file(b, w, c, rng, keys, stop)
    for offset, kind, excuse, note in _DRIFT_AFTER:
        d = int(business_day_in(stop + offset, w.end))
        b.activity(c, -1, d, kind, excuse, note, rng)
        if offset == 90:
            b.promise(c, -1, d, d + 30, 200_000 * 100)


def key_account(b: Book, w: Window, c: int, rng) -> list[int]:
    """Many large project invoices on 90 days, paid on time: a big balance is not due yet."""
    terms = SPECS[KEY_ACCOUNT]["terms"]
    per_month = 4.0 * max(1.0, w.customers / 40) ** 0.5
    lines, p = [SWITCHGEAR, CABINET, DRIVE, MOTOR], [0.4, 0.3, 0.2, 0.1]
    keys = []
    for key, d in _deliveries(
        b, w, c, rng, terms, lines, p, 400_000, 0.6, per_month=lambda: max(1, int(rng.poisson(per_month)))
    ):
        keys.append(key)
        due = d + terms
        delay = int(rng.integers(0, 21))
        paid = int(next_business_day(due + delay))
        b.payment(key, paid, b.cents(key), BANK_BILL if rng.random() < 0.6 else TRANSFER)
        if delay > 12 and rng.random() < 0.3:
            call = int(next_business_day(due + 5))
            b.activity(c, key, call, "call", "waiting_approval", rng=rng)
    _quarterly_statements(b, w, c, rng, acknowledge=True)
    return keys


def dispute_withhold(b: Book, w: Window, c: int, rng) -> None:
    """Pays its undisputed invoices 2-6 weeks late; disputed ones much later or never."""
    terms = SPECS[DISPUTE_WITHHOLD]["terms"]
    lines, p = [DRIVE, MOTOR, CABINET], [0.5, 0.35, 0.15]
    keys = [key for key, _ in _deliveries(b, w, c, rng, terms, lines, p, 75_000)]
    n = len(keys)
    picks = [0.12, 0.3, 0.5, 0.7, 0.85]
    disputed = {keys[int(f * (n - 1))]: i for i, f in enumerate(picks)}
    for key in keys:
        due, amount = b.due(key), b.cents(key)
        if key not in disputed:
            delay = int(rng.integers(15, 46))
            paid = int(next_business_day(due + delay))
            b.payment(key, paid, amount, TRANSFER)
            if delay > 25 and rng.random() < 0.35:
                excuse = str(rng.choice(["not_received_invoice", "waiting_approval", "paid_already"]))
                b.activity(c, key, int(next_business_day(due + 10)), "call", excuse, rng=rng)
            continue
        case = disputed[key]
        first = int(next_business_day(due + int(rng.integers(5, 12))))
        excuse = "not_received_invoice" if case in (1, 4) else "quality_dispute"
        b.activity(c, key, first, "call", excuse, rng=rng)
        visit = int(next_business_day(due + 30))
        if case == 0:  # quality: rework first, then paid in full five months late
            b.activity(
                c,
                key,
                visit,
                "visit",
                "quality_dispute",
                note=(
                    "现场看了设备,对方要求整改后才付款。",
                    "Inspected the equipment on site; they will pay only after rework.",
                ),
            )
            b.activity(
                c,
                key,
                int(next_business_day(due + 90)),
                "letter",
                "",
                note=("整改完成,已提交验收报告。", "Rework done; the acceptance report has been sent."),
            )
            b.payment(key, int(next_business_day(due + 160)), amount, TRANSFER)
        elif case == 1:  # invoice "never received": re-sent, paid four months late
            b.activity(
                c,
                key,
                int(next_business_day(first + 3)),
                "email",
                "",
                note=("重新寄送发票(快递)。", "Invoice sent again by courier."),
            )
            paid = int(next_business_day(due + 130))
            b.activity(c, key, int(next_business_day(due + 60)), "call", "waiting_approval", rng=rng)
            b.promise(c, key, int(next_business_day(due + 60)), paid + 5, amount)
            b.payment(key, paid, amount, TRANSFER)
        elif case == 2:  # quality: never paid
            b.activity(
                c,
                key,
                visit,
                "visit",
                "quality_dispute",
                note=(
                    "对方坚持要换货,拒绝签收整改报告。",
                    "They insist on a replacement and refuse to sign the rework report.",
                ),
            )
            b.activity(c, key, int(next_business_day(due + 120)), "demand")
            b.activity(c, key, int(next_business_day(due + 150)), "call", "quality_dispute", rng=rng)
        elif case == 3:  # quality: half paid, the rest withheld
            b.payment(key, int(next_business_day(due + 60)), int(round(amount * 0.5 / 100) * 100), TRANSFER)
            b.activity(
                c,
                key,
                visit,
                "visit",
                "quality_dispute",
                note=(
                    "对方只认可一半货款,其余等质量报告。",
                    "They accept half the amount; the rest waits for the quality report.",
                ),
            )
        else:  # invoice "not received" again, still open at the end
            b.activity(c, key, visit, "call", "waiting_approval", rng=rng)


def limitation_claim(b: Book, w: Window, c: int, rng) -> None:
    """Three old invoices: two paid, one unpaid, due ~34 months before the end date."""
    terms = SPECS[LIMITATION_CLAIM]["terms"]
    # Due about 34 months (of 30.44 days) before the end: 2 years 10 months.
    inv_l = int(next_business_day(w.end - 1035 - terms + int(rng.integers(-10, 11))))
    due_l = inv_l + terms
    for offset, net in ((75, 16_000), (40, 23_000)):
        d = int(next_business_day(inv_l - offset))
        key = b.invoice(c, d, terms, vat_cents(net), MOTOR)
        b.payment(key, int(next_business_day(d + terms + int(rng.integers(20, 36)))), b.cents(key), CASH)
    key = b.invoice(c, inv_l, terms, vat_cents(43_000), MOTOR)
    b.activity(
        c,
        key,
        int(next_business_day(due_l - 3)),
        "email",
        "",
        note=("到期前提醒付款。", "Reminder before the due date."),
    )
    b.activity(
        c,
        key,
        int(next_business_day(due_l + 18)),
        "call",
        "boss_away",
        note=("老板回老家了,过完年再说。", "The owner has gone back to his home town; after the New Year."),
    )


PLANTERS = {
    SOE_SLOW_SURE: soe_slow_sure,
    DRIFT_DEFAULT: drift_default,
    KEY_ACCOUNT: key_account,
    DISPUTE_WITHHOLD: dispute_withhold,
    LIMITATION_CLAIM: limitation_claim,
}
