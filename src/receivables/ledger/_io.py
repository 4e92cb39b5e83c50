"""Read a CSV or Excel table as text, exactly as the user's file holds it.

Everything is read as strings so identifiers keep their leading zeros and nothing is
guessed before validation. Parsing numbers and dates happens later, vectorized, in
``_parse``. This module only knows about files, encodings, headers and row numbers.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import mmap
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .errors import LedgerError

EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
DELIMITERS = [",", "\t", ";", "|"]
HEADER_SCAN_ROWS = 30  # Excel: look for the header among the first rows (title rows above it)
HEAD_BYTES = 1 << 16


@dataclass
class RawTable:
    """A table as text: ``frame`` has the header's column names and str columns."""

    frame: pd.DataFrame
    rows: np.ndarray  # 1-based data row under the header, one per frame row
    name: str  # file name used in messages
    kind: str  # "csv" or "excel"
    encoding: str | None = None
    # Per frame row, the problem with the row's shape (more values than the header has
    # columns): ``count`` of values (0: no problem), ``width`` of the header, ``extra`` values.
    shape_problem: pd.DataFrame | None = None
    # Things the user should know about how the file was read, as (code, params) for
    # ``notes.note_text``: an encoding detected without certainty, for one.
    notes: list = field(default_factory=list)


def normalize_name(name: str) -> str:
    """Header key for loose matching: lower case, no spaces/underscores/punctuation."""
    return "".join(ch for ch in str(name).lower() if ch.isalnum())


def _normalize_cells(s: pd.Series) -> pd.Series:
    # Vectorized twin of normalize_name for header detection.
    return s.astype("str").str.lower().str.replace(r"[\W_]+", "", regex=True)


# --------------------------------------------------------------------------- files


def _check_file(path: Path) -> bytes:
    if not path.exists():
        raise LedgerError(f"file not found: {path}")
    if path.is_dir():
        raise LedgerError(f"{path} is a folder, not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise LedgerError(f"{path.name} cannot be opened: {exc.strerror or exc}") from None
    if not head.strip():
        raise LedgerError(f"{path.name} is empty")
    return head


def _is_html(head: bytes) -> bool:
    start = head.lstrip(codecs.BOM_UTF8).lstrip()[:200].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml"))


def file_kind(path: Path, head: bytes) -> str:
    """'excel' or 'csv', decided by content first (ERP systems mislabel files)."""
    if head.startswith(EXCEL_MAGIC):
        return "excel"
    if _is_html(head):
        raise LedgerError(
            f"{path.name} is a web page (HTML), not a real spreadsheet; open it in Excel and save it as .xlsx or .csv"
        )
    if head.startswith(b"%PDF"):
        raise LedgerError(f"{path.name} is a PDF, not a CSV or Excel file")
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16:
        raise LedgerError(f"{path.name} is neither a CSV nor an Excel file")
    return "csv"


# ----------------------------------------------------------------------------- CSV


def _canonical_codec(encoding: str, where: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise LedgerError(f"unknown text encoding '{encoding}' {where}") from None


def _decode_error(name: str, encoding: str | None) -> LedgerError:
    if encoding is None:
        return LedgerError(
            f"{name} is not UTF-8 text and its encoding could not be detected; say which "
            "encoding it uses with encoding: in the mapping (for example gb18030, big5 or cp1252)"
        )
    return LedgerError(f"{name} cannot be read as {encoding} text; check encoding: in the mapping")


def _to_utf8(data, encoding: str, name: str, given: str | None) -> pa.Buffer:
    try:
        return pa.py_buffer(bytes(data).decode(encoding).encode("utf-8"))
    except UnicodeDecodeError:
        raise _decode_error(name, given) from None


#: Encodings preferred among those that read a file equally well: what Chinese and
#: Western Windows Excel and ERPs write. GBK and GB2312 are read as their superset GB18030.
PREFERRED = ("gb18030", "cp1252", "big5", "utf-16")
_SUPERSET = {"gbk": "gb18030", "gb2312": "gb18030", "hz": "gb18030"}
_CHAOS_MARGIN = 0.02  # matches this close to the best one read the file as well
_COHERENCE_MARGIN = 0.05
_GB_MARGIN = 0.1
_EAST_ASIAN = {
    "cp949",
    "euc_kr",
    "johab",
    "euc_jp",
    "euc_jis_2004",
    "euc_jisx0213",
    "shift_jis",
    "cp932",
    "shift_jis_2004",
    "shift_jisx0213",
    "iso2022_jp",
    "iso2022_kr",
}


def _decode_sample(sample: bytes, codec: str) -> str:
    return codecs.getincrementaldecoder(codec)(errors="replace").decode(sample, final=False)


@dataclass(frozen=True)
class Detected:
    """An encoding found by charset-normalizer: ``certain`` when every encoding that
    reads the sample as well gives the same text; ``others``: those that do not."""

    encoding: str
    certain: bool
    others: tuple[str, ...] = ()


def detect_encoding(sample: bytes) -> Detected | None:
    """The encoding of a text that is not UTF-8, by charset-normalizer (None: no text
    encoding reads it). Among equally good readings, PREFERRED encodings win, and a
    Western single-byte reading is given as cp1252 when cp1252 reads the same text."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        return None
    low = min(m.chaos for m in matches)
    east_asian = codecs.lookup(matches[0].encoding).name in _EAST_ASIAN
    plausible: list[str] = []
    coherence: dict[str, float] = {}
    for m in matches:  # a few candidate encodings, not rows
        name = codecs.lookup(m.encoding).name
        name = _SUPERSET.get(name, name)
        # Short Chinese text often reads a little cleaner as Korean or Japanese;
        # the kit's users write GB18030, so it keeps a wider margin.
        wide = east_asian and name == "gb18030"
        if m.chaos <= low + (_GB_MARGIN if wide else _CHAOS_MARGIN) and name not in plausible:
            plausible.append(name)
            coherence[name] = m.coherence
    texts = {c: _decode_sample(sample, c) for c in plausible}
    choice = next((c for c in PREFERRED if c in plausible), plausible[0])
    if choice not in PREFERRED and _single_byte(choice):
        # Western Windows Excel writes cp1252; charset-normalizer names an
        # equivalent code page (or a near one) for it. Kept when it reads the sample.
        try:
            text = sample.decode("cp1252")
        except UnicodeDecodeError:
            pass
        else:
            texts["cp1252"] = text
            coherence["cp1252"] = max(coherence[c] for c in plausible if _single_byte(c))
            choice = "cp1252"
            plausible.append("cp1252")
    # Rivals: readings as clean and in a language at least about as coherent, giving
    # another text. A GBK file also reads as Korean, but as no language at all.
    floor = coherence[choice] - _COHERENCE_MARGIN
    others = tuple(c for c in plausible if texts[c] != texts[choice] and coherence[c] >= floor)
    return Detected(choice, not others, others)


def _single_byte(codec: str) -> bool:
    return len(bytes(range(256)).decode(codec, errors="replace")) == 256


def _first_line(text: str) -> str:
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")[:200]


def encoding_note(name: str, found: Detected, text: str) -> tuple[str, dict]:
    """The note saying which encoding was used, with the file's first line as read."""
    return "encoding_uncertain", {
        "file": name,
        "encoding": found.encoding,
        "others": ", ".join(found.others[:4]),
        "line": _first_line(text),
    }


def _detected(sample: bytes, name: str) -> Detected:
    found = detect_encoding(sample)
    if found is None:
        raise _decode_error(name, None)
    return found


def _bad_utf8_window(data) -> bytes:
    """Bytes around the first byte that is not UTF-8 (the head is): what detection reads
    of a file whose non-ASCII text starts further down."""
    try:
        bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        start = max(0, exc.start - 1024)
        return bytes(data[start : start + HEAD_BYTES])
    return b""


def _prepare_text(data, encoding: str | None, name: str) -> tuple[pa.Buffer, str, bool, tuple | None]:
    """(utf-8 text without BOM, encoding label, whether utf-8 is still a guess, note).

    data: bytes or a memory map; the common UTF-8 case is passed on without a copy
    (pyarrow checks UTF-8 validity while parsing). note: (code, params) when the
    encoding was detected without certainty, else None.
    """
    start = bytes(data[:4])
    if start.startswith(codecs.BOM_UTF8):
        return pa.py_buffer(data).slice(3), "utf-8-sig", False, None
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _to_utf8(data, "utf-16", name, "utf-16"), "utf-16", False, None
    if encoding is not None:
        codec = _canonical_codec(encoding, f"given for {name}")
        if codec == "utf-8":
            return pa.py_buffer(data), "utf-8", False, None
        return _to_utf8(data, codec, name, encoding), codec, False, None
    head = bytes(data[:HEAD_BYTES])
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return _detected_text(data, head, name)
    return pa.py_buffer(data), "utf-8", True, None


def _detected_text(data, sample: bytes, name: str) -> tuple[pa.Buffer, str, bool, tuple | None]:
    found = _detected(sample, name)
    buf = _to_utf8(data, found.encoding, name, None)
    note = None
    if not found.certain:
        head = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(
            buf.slice(0, min(4096, buf.size)), final=False
        )
        note = encoding_note(name, found, head)
    return buf, found.encoding, False, note


def _sniff_delimiter(first_line: str) -> str:
    counts = [first_line.count(d) for d in DELIMITERS]
    return DELIMITERS[int(np.argmax(counts))] if max(counts) else ","


def _header_from_text(
    head: str, header_keys: set[str] | None = None, header_row: int | None = None
) -> tuple[list[str], str, int]:
    """(header, delimiter, lines before it). The header is the line ``header_row``
    (1-based) when given, else the first of the top lines holding the most expected
    column names (report title lines above it are skipped), else the first line."""
    lines = head.split("\n", HEADER_SCAN_ROWS)[:HEADER_SCAN_ROWS]
    at = 0
    if header_row is not None:
        at = header_row - 1
        if at >= len(lines) or not lines[at].strip():
            raise LedgerError(f"header_row {header_row} is beyond the file's first lines or empty")
    elif header_keys and len(lines) > 1:
        best = 0
        for i, line in enumerate(lines):  # the top lines only
            cells = next(csv.reader([line], delimiter=_sniff_delimiter(line)), [])
            hits = sum(normalize_name(c) in header_keys for c in cells)
            if hits > best:
                at, best = i, hits
    delimiter = _sniff_delimiter(lines[at])
    header = next(csv.reader(io.StringIO("\n".join(lines[at:])), delimiter=delimiter), [])
    return header, delimiter, at


def _csv_header(
    buf: pa.Buffer, header_keys: set[str] | None = None, header_row: int | None = None
) -> tuple[list[str], str, int]:
    head = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(
        buf.slice(0, min(HEAD_BYTES, buf.size)), final=buf.size <= HEAD_BYTES
    )
    return _header_from_text(head, header_keys, header_row)


def _decode_head(head: bytes, encoding: str | None, name: str) -> tuple[str, str, Detected | None]:
    """Decode the first bytes of a CSV, for its header only: (text, codec, detection
    when the codec was detected rather than given or certain from the bytes)."""
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("utf-8", errors="replace"), "utf-8-sig", None
    found = None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    elif encoding is not None:
        codec = _canonical_codec(encoding, f"given for {name}")
    else:
        try:
            return codecs.getincrementaldecoder("utf-8")().decode(head, final=False), "utf-8", None
        except UnicodeDecodeError:
            found = _detected(head, name)
            codec = found.encoding
    return codecs.getincrementaldecoder(codec)(errors="replace").decode(head), codec, found


def _parse_csv(buf: pa.Buffer, delimiter: str, ncols: int, name: str, quoted: bool, skip: int = 0) -> pd.DataFrame:
    """All fields as str; columns 0..ncols-1, plus more if some rows are too long."""
    names = [f"c{i}" for i in range(ncols)]
    longest = [ncols]
    invalid = [0]

    def on_invalid(row) -> str:  # called only for rows with a wrong number of fields
        longest[0] = max(longest[0], row.actual_columns)
        invalid[0] += 1
        return "skip"  # keep going: the widest row sizes the fallback below

    try:
        table = pacsv.read_csv(
            pa.BufferReader(buf),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=skip + 1),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                # Line breaks can only hide inside quotes; the slower quote-aware
                # chunking is needed only when the file has any.
                newlines_in_values=quoted,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        if not invalid[0]:
            frame = table.to_pandas()
            frame.columns = range(ncols)
            return frame
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "UTF-8" in str(exc):
            raise UnicodeError(str(exc)) from None
    # Ragged rows (or quoting pyarrow dislikes): the C engine pads short rows and,
    # with as many names as the longest row, keeps long rows' extra values.
    try:
        frame = pd.read_csv(
            io.BytesIO(buf.to_pybytes()),
            sep=delimiter,
            header=None,
            skiprows=skip + 1,
            names=list(range(longest[0])),
            index_col=False,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            engine="c",
            encoding="utf-8",
        )
    except UnicodeDecodeError as exc:
        raise UnicodeError(str(exc)) from None
    except (pd.errors.ParserError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[-1] if str(exc).strip() else "parse error"
        raise LedgerError(f"{name} could not be read as CSV: {detail}") from None
    return frame.fillna("")


def _read_csv(
    path: Path, encoding: str | None, header_keys: set[str] | None = None, header_row: int | None = None
) -> RawTable:
    # A memory map: no up-front copy of a large file; pages are read while parsing.
    with path.open("rb") as fh:
        data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        frame, header, used, note = _parse_mapped(data, encoding, path.name, header_keys, header_row)
    finally:
        # Parsed values live in new buffers; closing now lets Windows users
        # overwrite or delete the file straight away.
        with contextlib.suppress(BufferError):  # still referenced: left to the GC
            data.close()
    raw = _finish(frame, header, np.arange(1, len(frame) + 1), path.name, "csv", used)
    if note is not None:
        raw.notes.append(note)
    return raw


def _parse_mapped(data: mmap.mmap, encoding: str | None, name: str, header_keys=None, header_row=None):
    quoted = data.find(b'"') >= 0
    buf, used, guessed, note = _prepare_text(data, encoding, name)
    header, delimiter, skip = _csv_header(buf, header_keys, header_row)
    if not header or not any(h.strip() for h in header):
        raise LedgerError(f"{name} is empty")
    try:
        frame = _parse_csv(buf, delimiter, len(header), name, quoted, skip)
    except UnicodeError:
        if not guessed:
            raise _decode_error(name, encoding) from None
        # Looked like UTF-8 at the top, is not further down: detect the encoding from
        # the text where it stops being UTF-8.
        buf, used, _, note = _detected_text(data, _bad_utf8_window(data), name)
        header, delimiter, skip = _csv_header(buf, header_keys, header_row)
        try:
            frame = _parse_csv(buf, delimiter, len(header), name, quoted, skip)
        except UnicodeError:
            raise _decode_error(name, None) from None
    return frame, header, used, note


# --------------------------------------------------------------------------- Excel


def excel_sheet_names(path: Path) -> list[str]:
    """The workbook's sheet names, in order. Raises LedgerError for a damaged file."""
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception as exc:  # calamine raises several types for damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LedgerError(f"{path.name} could not be opened as an Excel file ({reason})") from None


def _excel_sheet(path: Path, sheet: int | str | None) -> int | str:
    names = excel_sheet_names(path)
    if sheet is None:
        sheet = 0
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise LedgerError(
                f"sheet {sheet} does not exist in {path.name} (sheets are counted from 0; sheets: {', '.join(names)})"
            )
        return names[sheet]
    if sheet not in names:
        raise LedgerError(f"sheet '{sheet}' not found in {path.name}; sheets: {', '.join(names)}")
    return sheet


def _read_excel(path: Path, sheet: int | str | None, header_keys: set[str], header_row: int | None = None) -> RawTable:
    sheet_name = _excel_sheet(path, sheet)
    grid = _excel_grid(path, sheet_name)
    where = f"sheet '{sheet_name}' of {path.name}"
    if grid.empty or not (grid != "").to_numpy().any():
        raise LedgerError(f"{where} is empty")
    header_at = _find_header_row(grid, header_keys, header_row)
    header = grid.iloc[header_at].tolist()
    frame = grid.iloc[header_at + 1 :].reset_index(drop=True)
    frame.columns = range(frame.shape[1])
    return _finish(frame, header, np.arange(1, len(frame) + 1), path.name, "excel", None)


def _excel_grid(path: Path, sheet_name: str) -> pd.DataFrame:
    """The sheet as a grid of text, from the table cache when this very file (same bytes)
    was read before: a case run reads its ledger once per notebook, and parsing a large
    workbook costs ~50× reading the same rows from a CSV."""
    key = _table_cache_key(path, sheet_name)
    cached = _table_cache_get(key)
    if cached is not None:
        return cached
    try:
        # dtype=str: whole-number cells come back as "611365" (not "611365.0") and
        # date cells as "2013-01-02 00:00:00"; text cells keep leading zeros.
        grid = pd.read_excel(
            path,
            sheet_name=sheet_name,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            engine="calamine",
        )
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LedgerError(f"{path.name} could not be read as an Excel file ({reason})") from None
    grid = grid.fillna("").astype("str")
    _table_cache_put(key, grid)
    return grid


TABLE_CACHE_ENTRIES = 8  # the most recently read workbooks' sheets; older entries are pruned


def table_cache_dir() -> Path | None:
    """Where read workbooks' sheets are kept as Parquet (RECEIVABLES_CACHE, else the user's
    cache folder); None when RECEIVABLES_CACHE is "off"."""
    where = os.environ.get("RECEIVABLES_CACHE", "")
    if where.lower() == "off":
        return None
    if where:
        return Path(where)
    import platformdirs

    return Path(platformdirs.user_cache_dir("receivables")) / "tables"


def _table_cache_key(path: Path, sheet_name: str) -> str | None:
    if table_cache_dir() is None:
        return None
    import hashlib

    digest = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as fh:  # the file's bytes, so an edited file is never served stale
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    digest.update(b"\0" + sheet_name.encode("utf-8"))
    return digest.hexdigest()


def _table_cache_get(key: str | None) -> pd.DataFrame | None:
    folder = table_cache_dir()
    if key is None or folder is None:
        return None
    file = folder / f"{key}.parquet"
    try:
        grid = pd.read_parquet(file).astype("str")
        file.touch()  # most recently used
    except Exception:  # absent, half written by a crashed run, unreadable: read the workbook
        return None
    grid.columns = range(grid.shape[1])
    return grid


def _table_cache_put(key: str | None, grid: pd.DataFrame) -> None:
    folder = table_cache_dir()
    if key is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{key}.{os.getpid()}.tmp"
        stored = grid.copy(deep=False)
        stored.columns = [str(c) for c in grid.columns]
        stored.to_parquet(tmp, index=False)
        tmp.replace(folder / f"{key}.parquet")  # atomic: a reader never sees half a file
        entries = sorted(folder.glob("*.parquet"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in entries[TABLE_CACHE_ENTRIES:]:
            old.unlink(missing_ok=True)
    except OSError:  # a read-only or full disk only costs speed
        return


def _find_header_row(grid: pd.DataFrame, header_keys: set[str], header_row: int | None = None) -> int:
    """First of the top rows holding the most expected column names (0 if none);
    ``header_row`` (1-based) when given."""
    if header_row is not None:
        if header_row > len(grid):
            raise LedgerError(f"header_row {header_row} is below the sheet's last row")
        return header_row - 1
    if not header_keys:
        return 0
    head = grid.head(HEADER_SCAN_ROWS)
    hits = head.apply(lambda col: _normalize_cells(col).isin(header_keys)).sum(axis=1)
    return int(np.argmax(hits.to_numpy())) if hits.max() > 0 else 0


# -------------------------------------------------------------------------- common


def _clean_names(header: list[str], width: int) -> list[str]:
    names = [str(h).strip().lstrip("\ufeff") for h in header] + [""] * (width - len(header))
    names = [n if n else f"column {i + 1}" for i, n in enumerate(names)]
    seen: dict[str, int] = {}
    out = []
    for n in names:  # loop over columns, not rows
        k = seen.get(n, 0)
        seen[n] = k + 1
        out.append(n if k == 0 else f"{n}.{k}")
    return out


def _finish(
    frame: pd.DataFrame,
    header: list[str],
    rows: np.ndarray,
    name: str,
    kind: str,
    encoding: str | None,
) -> RawTable:
    width = len(header)
    frame = frame.astype("str")
    # Values beyond the header's width: the row is shifted or has a stray delimiter.
    shape_problem = None
    if frame.shape[1] > width:
        extra = frame.iloc[:, width:]
        filled = (extra.apply(lambda col: col.str.strip()) != "").to_numpy()
        if filled.any():
            # "row has 8 values but the header has 6 columns; extra values: a,b"
            count = width + filled.shape[1] - np.argmax(filled[:, ::-1], axis=1)
            values = extra.iloc[:, 0].str.cat([extra.iloc[:, i] for i in range(1, extra.shape[1])], sep=",")
            has = filled.any(axis=1)
            shape_problem = pd.DataFrame(
                {
                    "count": np.where(has, count, 0).astype("int64"),
                    "width": np.full(len(frame), width, dtype="int64"),
                    "extra": values.str.rstrip(", ").where(has, "").to_numpy(dtype=object),
                }
            )
        frame = frame.iloc[:, :width]
    frame.columns = _clean_names(header, frame.shape[1])
    # Unnamed columns that are empty everywhere are just Excel/CSV debris.
    keep = [not (c.startswith("column ") and c[7:].isdigit() and not (frame[c] != "").any()) for c in frame.columns]
    frame = frame.loc[:, keep]
    # Rows whose every cell is empty are dropped and not counted, but keep their
    # place in the numbering so row numbers still match what the user sees.
    blank = np.ones(len(frame), dtype=bool)
    for c in frame.columns:  # column by column, stopping once no row can be blank
        blank &= (frame[c] == "").to_numpy()
        if not blank.any():
            break
    if shape_problem is not None:
        blank = blank & (shape_problem["count"] == 0).to_numpy()
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        rows = rows[~blank]
        if shape_problem is not None:
            shape_problem = shape_problem.loc[~blank].reset_index(drop=True)
    return RawTable(frame, rows, name, kind, encoding, shape_problem)


def read_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: int | str | None = None,
    header_keys: set[str] | None = None,
    header_row: int | None = None,
) -> RawTable:
    """Read a CSV or Excel file as text. Raises LedgerError for whole-file problems.

    The header is the row ``header_row`` (1-based, as Excel numbers rows and editors
    number lines) when given, else found among the top rows by ``header_keys``."""
    path = Path(path)
    head = _check_file(path)
    if file_kind(path, head) == "excel":
        return _read_excel(path, sheet, header_keys or set(), header_row)
    return _read_csv(path, encoding, header_keys, header_row)


def read_header(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: int | str | None = None,
    header_keys: set[str] | None = None,
) -> tuple[list[str], str, str | None]:
    """Column names only (cheap for CSV): (names, kind, encoding used)."""
    path = Path(path)
    head = _check_file(path)
    if file_kind(path, head) == "excel":
        sheet_name = _excel_sheet(path, sheet)
        grid = pd.read_excel(
            path,
            sheet_name=sheet_name,
            header=None,
            nrows=HEADER_SCAN_ROWS,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            engine="calamine",
        )
        grid = grid.fillna("").astype("str")
        if grid.empty:
            raise LedgerError(f"sheet '{sheet_name}' of {path.name} is empty")
        header = grid.iloc[_find_header_row(grid, header_keys or set())].tolist()
        return [n for n in _clean_names(header, len(header))], "excel", None
    text, used, _ = _decode_head(head, encoding, path.name)
    header, _, _ = _header_from_text(text, header_keys)
    return _clean_names(header, len(header)), "csv", used
