#!/usr/bin/python3
"""Print-readability check of the Excel reports.

Exports every visual sheet (all sheets but the Data/Månadsdata tables) to its own PDF with
LibreOffice, fails on printed text under 8 pt (read from the PDF, so page scaling counts) and on
cell text that does not fit its column (measured in the workbook with Carlito, which has
Calibri's metrics).

  render_check.py --xlsx DIR --out DIR [--only FILE...]
  render_check.py --kalibrera [--out DIR]      self-test of the measurements against LibreOffice

Needs Debian's python3-uno, python3-pdfminer, python3-openpyxl and python3-pil, so it runs
with /usr/bin/python3 rather than a virtualenv.
"""
import argparse
import datetime
import math
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string, range_boundaries
from PIL import ImageFont

EXEMPT = {"Data", "Månadsdata"}  # tables for filters/BI, never printed
MIN_PT = 8.0
TOL_PT = 0.05  # LibreOffice writes 8 pt text as 7.994 pt
# Text area of a cell = column width minus this; --kalibrera finds LibreOffice's own margin
# between 0 and 3.2 px by where numbers turn into ###.
PAD_PX = 2
# Excel's line pitch for Calibri is about 1.22 x size; LibreOffice's for Carlito is about 1.02 x
# size (see --kalibrera), so a row that holds the lines at 1.2 holds them in both.
LINE_FACTOR = 1.2
LINE_TOL_PT = 0.5
DEFAULT_COL_WIDTH = 8.43
PX_PER_PT = 96 / 72


def say(*a, **kw):
    print(*a, flush=True, **kw)


def sv(x, d=1):
    """Numbers as a Swedish reader writes them."""
    return f"{x:.{d}f}".replace(".", ",")


def pages_sv(n):
    return f"{n} sida" if n == 1 else f"{n} sidor"


# ---------------------------------------------------------------- LibreOffice

class Office:
    """One private, headless soffice for the whole run, so 39 workbooks cost one start-up."""

    def __enter__(self):
        import uno  # only the system python has it; imported late so --help works anywhere
        self.uno, self.proc, self.desktop = uno, None, None
        self.profile = tempfile.mkdtemp(prefix="render-check-lo-")
        pipe = f"render_check_{os.getpid()}"
        try:
            # A private profile, so a user's running LibreOffice neither serves nor blocks us;
            # an own session, since soffice forks soffice.bin and a kill must reach both.
            self.proc = subprocess.Popen(
                ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                 "--nodefault", "--nolockcheck",
                 "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile),
                 f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            deadline = time.time() + 120  # a fresh profile takes a while the first time
            while True:
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    if self.proc.poll() is not None or time.time() > deadline:
                        raise RuntimeError("LibreOffice (soffice) startade inte")
                    time.sleep(0.3)
            self.desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx)
        except FileNotFoundError:
            self._stop()
            raise RuntimeError("hittar inte soffice (paketet libreoffice-calc)")
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *exc):
        self._stop()

    def _stop(self):
        if self.desktop:
            try:
                self.desktop.terminate()
            except Exception:
                pass  # soffice already gone; the kill below makes sure
        if self.proc:
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # leftovers of our own session only
            except ProcessLookupError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def _props(self, **kw):
        out = []
        for k, v in kw.items():
            p = self.uno.createUnoStruct("com.sun.star.beans.PropertyValue")
            p.Name, p.Value = k, v
            out.append(p)
        return tuple(out)

    def export_sheets(self, xlsx, pdf_dir, inspect=None):
        """Exports each visible, non-exempt sheet to pdf_dir/'NN name.pdf'; returns [(name, pdf,
        column page breaks)], the breaks as LibreOffice paginated the sheet, automatic ones too,
        each the 0-based index of the first column of a new page.

        The document is loaded once and, per sheet, every other sheet is hidden: LibreOffice
        prints no hidden sheet, while the sheet's own page style (scale, fit to pages,
        orientation, repeated rows, breaks, print ranges) is untouched, and charts keep the
        data they read from other sheets, which deleting those sheets would break.
        """
        url = self.uno.systemPathToFileUrl(str(Path(xlsx).resolve()))
        doc = self.desktop.loadComponentFromURL(url, "_blank", 0, self._props(Hidden=True))
        if doc is None:
            raise RuntimeError("LibreOffice kunde inte öppna filen")
        try:
            if inspect:
                inspect(doc)
            sheets = doc.Sheets
            names = list(sheets.ElementNames)
            # Calc prints a hidden sheet that has a print area of its own (the centre's action
            # form), so each sheet's print areas are kept here and set only while it is printed.
            areas = {n: sheets.getByName(n).getPrintAreas() for n in names}
            visual = [(i, n) for i, n in enumerate(names)
                      if n not in EXEMPT and sheets.getByName(n).IsVisible]
            out = []
            for i, name in visual:
                target = sheets.getByName(name)
                target.IsVisible = True
                # Calc refuses to hide the active sheet, so make the target active first.
                doc.CurrentController.setActiveSheet(target)
                for n in names:
                    sheets.getByName(n).IsVisible = n == name
                    sheets.getByName(n).setPrintAreas(areas[n] if n == name else ())
                pdf = Path(pdf_dir) / f"{i + 1:02d} {name}.pdf"
                doc.storeToURL(self.uno.systemPathToFileUrl(str(pdf.resolve())),
                               self._props(FilterName="calc_pdf_Export"))
                breaks = {b.Position for b in target.getColumnPageBreaks() if b.Position > 0}
                out.append((name, pdf, breaks))
            return out
        finally:
            doc.close(True)


# ---------------------------------------------------------------- PDF font sizes

def pdf_chars(pdf):
    """([(page, char, size in pt as printed, start, end)], pages) for every character drawn.

    The size is the font size times the length of the text-space y unit in device space.
    For upright text that equals pdfminer's LTChar.size; for rotated text LTChar.size is the
    glyph's advance instead, so it is computed here (--kalibrera shows both).
    """
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    chars = []

    class Device(PDFTextDevice):
        page = 0

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, gs):
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = "?"
            adv = font.char_width(cid) * fontsize * scaling
            a, b, c, d, e, f = matrix
            chars.append((self.page, text, fontsize * math.hypot(c, d),
                          (e, f), (e + adv * a, f + adv * b)))
            return adv

    rsrc = PDFResourceManager()
    dev = Device(rsrc)
    interp = PDFPageInterpreter(rsrc, dev)
    with open(pdf, "rb") as fp:
        for n, page in enumerate(PDFPage.get_pages(fp), 1):
            dev.page = n
            interp.process_page(page)
    return chars, dev.page


def small_text(chars):
    """Samples of too-small text, [(size, text, page)].

    A run is drawn in one size between two other characters, so a table row printed too small
    reads as one sample rather than as its cells one by one.
    """
    runs, last = [], None  # [page, size, text, end of the last character]
    for page, ch, size, start, end in chars:
        if size >= MIN_PT - TOL_PT:
            last = None
        elif last and last[0] == page and abs(last[1] - size) < 0.3:
            gap = math.dist(last[3], start) > size / 4  # cells and words are apart
            last[2] += (" " if gap else "") + ch
            last[3] = end
        else:
            last = [page, size, ch, end]
            runs.append(last)
    # One sample per size, smallest first: the longest text drawn in that size.
    by_size = {}
    for page, size, text, _ in runs:
        text = " ".join(text.split())
        best = by_size.get(round(size, 1))
        if text and (best is None or len(text) > len(best[1])):
            by_size[round(size, 1)] = (size, text, page)
    return [by_size[k] for k in sorted(by_size)]


# ---------------------------------------------------------------- cell text widths

_font_files = {}
_fonts = {}
_widths = {}


def font_file(name, bold, italic):
    """The file fontconfig substitutes for the font, as LibreOffice does (Calibri -> Carlito)."""
    key = (name, bold, italic)
    if key not in _font_files:
        pattern = name + (":bold" if bold else "") + (":italic" if italic else "")
        _font_files[key] = subprocess.run(["fc-match", "-f", "%{file}", pattern],
                                          capture_output=True, text=True, check=True).stdout
    return _font_files[key]


def text_px(text, name, size, bold, italic):
    key = (text, name, size, bold, italic)
    if key not in _widths:
        path = font_file(name, bold, italic)
        if path not in _fonts:
            _fonts[path] = ImageFont.truetype(path, 2048)  # measure at em size, scale after
        _widths[key] = _fonts[path].getlength(text) / 2048 * size * PX_PER_PT
    return _widths[key]


def width_px(w):
    """Pixels at 96 dpi of a column w characters wide, as LibreOffice lays it out.

    LibreOffice multiplies the file's width by the widest digit of the default font (7.43 px
    for Carlito 11, unhinted, as PIL measures text too). Excel's 7 px per character is for its
    hinted Calibri, whose text is narrower in about the same ratio, so the verdicts agree; with
    7 px against unhinted widths, eight digits would wrongly fail the default 8.43 column.
    """
    digit = max(text_px(d, "Calibri", 11, False, False) for d in "0123456789")
    return w * digit


def format_number(v, fmt):
    """Roughly what Excel shows for the number, as a string to measure."""
    if not fmt or fmt == "General":
        # General drops decimals to fit the column, so only the integer part must fit.
        return str(v) if isinstance(v, int) else str(round(v))
    sections = re.findall(r'(?:"[^"]*"|[^;"])+', fmt)
    sec, sign = sections[0], "-" if v < 0 else ""
    if v < 0 and len(sections) > 1:
        sec, sign = sections[1], ""
    elif v == 0 and len(sections) > 2:
        sec = sections[2]
    v = abs(v)
    if re.search(r'%(?=(?:[^"]*"[^"]*")*[^"]*$)', sec):
        v *= 100
    done = []

    def repl(m):
        q, esc, pad, num = m.group(1), m.group(2), m.group(3), m.group(5)
        if q is not None:
            return q
        if esc is not None:
            return esc
        if pad is not None:
            return " "
        if num is None or done:
            return ""  # fill characters, [colour] tags, a second number
        done.append(1)
        dec = len(num.split(".", 1)[1]) if "." in num else 0
        return sign + (f"{v:,.{dec}f}" if "," in num.split(".")[0] else f"{v:.{dec}f}")

    return re.sub(r'"([^"]*)"|\\(.)|_(.)|(\*.|\[[^\]]*\])|([#0?][#0?,.]*)', repl, sec)


def display_text(value, fmt):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, fmt)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M" if "h" in (fmt or "").lower() else "%Y-%m-%d")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def wrap_lines(text, avail, measure):
    """Greedy word wrap like Excel's: (line count, [words wider than the cell])."""
    lines, broken = 0, []
    for para in text.split("\n"):
        lines += 1
        line = ""
        for word in para.split(" "):
            # A long word may still break after a hyphen without being cut mid-word.
            parts = re.findall(r"[^-]*-|[^-]+", word) if measure(word) > avail else [word]
            for k, part in enumerate(parts):
                if measure(part) > avail:
                    broken.append(part)
                joined = line + (part if k else (" " if line else "") + part)
                if line and measure(joined) > avail:
                    lines += 1
                    line = part
                else:
                    line = joined
    return lines, broken


def check_sheet(ws, page_breaks=()):
    """Cells whose text does not fit: [(cell, text, message)].

    page_breaks: the column page breaks LibreOffice printed with (0-based first column of a
    page, the same numbering as the workbook's manual breaks), automatic ones included."""
    cols, hidden_cols = {}, set()
    for dim in ws.column_dimensions.values():
        for c in range(dim.min or 0, (dim.max or 0) + 1):
            if dim.hidden or (dim.width is not None and dim.width == 0):
                hidden_cols.add(c)
            elif dim.width:
                cols[c] = width_px(dim.width)
    default_px = width_px(float(ws.sheet_format.defaultColWidth or DEFAULT_COL_WIDTH))
    default_h = ws.sheet_format.defaultRowHeight or 15

    def col_px(c):
        return 0 if c in hidden_cols else cols.get(c, default_px)

    def row_hidden(r):
        d = ws.row_dimensions.get(r)
        return bool(d and d.hidden)

    def row_pt(r):
        d = ws.row_dimensions.get(r)
        return 0 if row_hidden(r) else (d.height if d and d.height is not None else default_h)

    def custom_height(r):
        d = ws.row_dimensions.get(r)
        return bool(d and d.height is not None)

    area = ws.print_area or []  # a list in openpyxl 3.0, a string in later versions
    area = area.split(",") if isinstance(area, str) else area
    areas = [range_boundaries(a.split("!")[-1].replace("$", "")) for a in area]
    last_col = max((a[2] for a in areas), default=ws.max_column)
    # Text cannot run on across a manual column page break: the next page starts after it.
    col_breaks = {b.id for b in ws.col_breaks.brk} | set(page_breaks)

    filled = {(c.row, c.column) for row in ws.iter_rows() for c in row if c.value is not None}
    merged = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                filled.add((r, c))  # Excel never lets text run into a merged area
        merged[(rng.min_row, rng.min_col)] = rng

    # Columns repeated on every printed page (print titles) show, on a later page, only what
    # lies within them: a text running on from them, or merged beyond them, prints cut there.
    repeated = set()
    if col_breaks and ws.print_title_cols:
        first, last = ws.print_title_cols.replace("$", "").split(":")
        repeated = set(range(column_index_from_string(first), column_index_from_string(last) + 1))

    failures = []
    for row in ws.iter_rows():
        for cell in row:
            r, c, value = cell.row, cell.column, cell.value
            if value is None or c in hidden_cols or row_hidden(r):
                continue
            if areas and not any(a[0] <= c <= a[2] and a[1] <= r <= a[3] for a in areas):
                continue  # not printed
            al = cell.alignment
            if al.text_rotation or al.shrink_to_fit or al.horizontal == "fill":
                continue
            if c in repeated and (rng := merged.get((r, c))) and rng.max_col not in repeated:
                failures.append((cell.coordinate, str(value), f"sammanfogad cell {rng.coord} går "
                                 f"utanför de kolumner som upprepas på varje sida"))
                continue
            if (rng := merged.get((r, c))):
                # A break at id b ends a page after 1-based column b: a merged cell over it is
                # cut at the page edge and its text printed in pieces on two pages.
                cut = sorted(b for b in col_breaks if rng.min_col <= b < rng.max_col)
                if cut:
                    failures.append((cell.coordinate, str(value), f"sammanfogad cell {rng.coord} "
                                     f"delas av sidbrytningen efter kolumn {cut[0]}"))
                    continue
                span = range(rng.min_col, rng.max_col + 1)
                own_px = sum(col_px(k) for k in span)
                height = sum(row_pt(k) for k in range(rng.min_row, rng.max_row + 1))
                can_run_on = False
            else:
                own_px, height = col_px(c), row_pt(r)
                can_run_on = True
            f = cell.font
            name, size = f.name or "Calibri", float(f.sz or 11)
            text = display_text(value, cell.number_format)

            def measure(s):
                return text_px(s, name, size, bool(f.b), bool(f.i))

            wrap = al.wrap_text or al.horizontal in ("justify", "distributed")
            is_text = isinstance(value, str)
            if wrap and is_text:
                avail = own_px - PAD_PX
                lines, broken = wrap_lines(text, avail, measure)
                for word in broken:
                    failures.append((cell.coordinate, text, f"ordet «{word}» behöver "
                                     f"{measure(word):.0f} px, har {avail:.0f} px"))
                need = lines * LINE_FACTOR * size
                if need > height + LINE_TOL_PT:
                    failures.append((cell.coordinate, text, f"{lines} rader behöver "
                                     f"{sv(need)} pt, radhöjden är {sv(height)} pt"))
                continue
            need = max(measure(line) for line in text.split("\n")) + PAD_PX
            avail, reason = own_px, "cellen till höger är inte tom"
            if is_text and can_run_on and al.horizontal in (None, "general", "left"):
                k = c
                while need > avail:
                    if k >= last_col or k in col_breaks:
                        reason = "utskriftsområdets kant" if k >= last_col else "sidbrytning"
                        break
                    k += 1
                    if k in hidden_cols:
                        continue
                    if (r, k) in filled:
                        break
                    avail += col_px(k)
            else:
                reason = "egen cell" if is_text else "visas som ###"
            if need > avail:
                failures.append((cell.coordinate, text, f"behöver {need:.0f} px, har {avail:.0f} px "
                                 f"({reason})"))
            elif c in repeated and need > own_px:
                failures.append((cell.coordinate, text, f"behöver {need:.0f} px, har {own_px:.0f} px "
                                 f"i en kolumn som upprepas på varje sida, där texten skärs av"))
            elif custom_height(r) and LINE_FACTOR * size > height + LINE_TOL_PT:
                failures.append((cell.coordinate, text, f"{sv(size, 0)} pt text behöver "
                                 f"{sv(LINE_FACTOR * size)} pt, radhöjden är {sv(height)} pt"))
    return failures


# ---------------------------------------------------------------- the check

def read_pdf(pdf):
    """(pages, smallest size, samples of small text) of one PDF; runs in a worker process."""
    chars, pages = pdf_chars(pdf)
    return pages, min((c[2] for c in chars), default=None), small_text(chars)


def check(xlsx_dir, out, only):
    xlsx_dir = Path(xlsx_dir)
    files = sorted(xlsx_dir.rglob("*.xlsx"), key=lambda p: (len(p.relative_to(xlsx_dir).parts), p))
    if only:
        wanted = set()
        for f in only:
            p = Path(f) if Path(f).exists() else xlsx_dir / f
            if not p.exists():
                say(f"FEL: hittar inte {f}", file=sys.stderr)
                return 2
            wanted.add(p.resolve())
        files = [p for p in files if p.resolve() in wanted]
    if not files:
        say(f"FEL: inga arbetsböcker i {xlsx_dir}", file=sys.stderr)
        return 2

    t0 = time.time()
    totals = {"pages": 0, "small": 0, "long": 0, "broken": 0}
    main_pages = []

    def report(rel, sheets):
        say(f"\n== {rel}")
        for name, pdf, job, failures in sheets:
            pages, smallest, small = job.result()
            totals["pages"] += pages
            if rel.parts[0] != "halsocentraler":
                main_pages.append((name, pages))
            line = f"  {pdf.stem:<28} {pages_sv(pages):<9}"
            line += f" minst {sv(smallest)} pt" if smallest is not None else " ingen text"
            if small:
                totals["small"] += 1
                sample = ", ".join(f"«{t[:50]}» ({sv(s)} pt, s. {p})" for s, t, p in small[:3])
                line += f"  UNDER {sv(MIN_PT, 0)} PT, t.ex. {sample}"
            say(line)
            for ref, text, msg in failures:
                totals["long"] += 1
                short = " ".join(text.split())
                short = short[:60] + ("…" if len(short) > 60 else "")
                say(f"    FÖR LÅNG {rel} · {name}!{ref} «{short}» {msg}")

    # pdfminer is the slow part (pure Python, ~0.2 s a page), so it runs in other processes
    # while LibreOffice exports the next workbook. Spawned, not forked: the UNO bridge has
    # threads of its own.
    ctx = multiprocessing.get_context("spawn")
    pending, pngs = [], []
    with ProcessPoolExecutor(os.cpu_count() or 2, mp_context=ctx) as pool, Office() as office:
        for path in files:
            rel = path.relative_to(xlsx_dir)
            pdf_dir, png_dir = Path(out) / "pdf" / path.stem, Path(out) / "png" / path.stem
            for d in (pdf_dir, png_dir):
                shutil.rmtree(d, ignore_errors=True)
                d.mkdir(parents=True)
            try:
                exported = office.export_sheets(path, pdf_dir)
            except Exception as e:
                say(f"FEL: LibreOffice kunde inte göra PDF av {rel}: {e}", file=sys.stderr)
                totals["broken"] += 1
                continue
            wb = openpyxl.load_workbook(path, data_only=True)
            sheets = []
            for name, pdf, breaks in exported:
                pngs.append(subprocess.Popen(
                    ["pdftoppm", "-png", "-r", "60", str(pdf), str(png_dir / pdf.stem)]))
                failures = check_sheet(wb[name], breaks) if name in wb.sheetnames else []
                sheets.append((name, pdf, pool.submit(read_pdf, pdf), failures))
            pending.append((rel, sheets))
            while pending and all(job.done() for *_, job, _ in pending[0][1]):
                report(*pending.pop(0))
        for rel, sheets in pending:
            report(rel, sheets)
    for p in pngs:
        if p.wait() != 0:
            say(f"FEL: pdftoppm misslyckades med {p.args[-2]}", file=sys.stderr)
            totals["broken"] += 1

    if main_pages:
        main = next(p.relative_to(xlsx_dir) for p in files if p.parent == xlsx_dir)
        say(f"\nSidor per blad i {main}:")
        for name, pages in main_pages:
            say(f"  {name:<28} {pages:>3}")
        say(f"  {'Summa':<28} {sum(p for _, p in main_pages):>3}")
    summary = (f"{len(files)} arbetsböcker, {totals['pages']} sidor: {totals['small']} blad med "
               f"text under {sv(MIN_PT, 0)} pt, {totals['long']} celler med text längre än "
               f"kolumnen")
    if totals["broken"]:
        summary += f", {totals['broken']} fel vid konvertering"
    say(f"\n{summary} ({time.time() - t0:.0f} s; PDF och PNG i {out})")
    return 1 if totals["small"] or totals["long"] or totals["broken"] else 0


# ---------------------------------------------------------------- self-test

def ltchar_sizes(pdf):
    """pdfminer's own LTChar.size of every character, in drawing order."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    rsrc = PDFResourceManager()
    dev = PDFPageAggregator(rsrc, laparams=None)  # no layout analysis: keeps the order
    interp = PDFPageInterpreter(rsrc, dev)
    sizes = []

    def walk(item):
        if isinstance(item, LTChar):
            sizes.append(item.size)
        elif hasattr(item, "__iter__"):
            for x in item:
                walk(x)

    with open(pdf, "rb") as fp:
        for page in PDFPage.get_pages(fp):
            interp.process_page(page)
            walk(dev.get_result())
    return sizes


def calibrate(out):
    """Checks the measurements against LibreOffice itself; returns the exit code."""
    if out:
        work = Path(out) / "kalibrering"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        return calibrate_in(work)
    with tempfile.TemporaryDirectory(prefix="render-check-kal-") as work:
        return calibrate_in(Path(work))


def calibrate_in(work):
    from openpyxl.styles import Alignment, Font

    sizes = (6, 8, 10, 11)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for scale in (100, 50):
        ws = wb.create_sheet(f"skala {scale}")
        ws.page_setup.scale = scale
        for i, sz in enumerate(sizes, 1):
            ws.cell(i, 1, f"Text {sz} pt").font = Font(name="Calibri", sz=sz)
        c = ws.cell(6, 1, "Roterad 10 pt")
        c.font, c.alignment = Font(name="Calibri", sz=10), Alignment(text_rotation=90)
    ws = wb.create_sheet("rader")
    ws.column_dimensions["A"].width = 40
    line_sizes = (8, 11, 14)
    for i, sz in enumerate(line_sizes):
        for n in range(1, 6):
            c = ws.cell(i * 5 + n, 1, "\n".join(["rad"] * n))
            c.font, c.alignment = Font(name="Calibri", sz=sz), Alignment(wrap_text=True)
    widths = (3, 5, 8.43, 10, 12, 14)
    for w in widths:
        # One column per sheet, so each PDF holds just that column's numbers, in row order.
        ws = wb.create_sheet(f"bredd {w}")
        ws.column_dimensions["A"].width = w
        for n in range(1, 16):
            ws.cell(n, 1, int("8" * n)).number_format = "0"
    xlsx = work / "kalibrering.xlsx"
    wb.save(xlsx)

    heights = {}

    def measure_rows(doc):
        rows = doc.Sheets.getByName("rader").Rows
        for i, sz in enumerate(line_sizes):
            for n in range(1, 6):
                row = rows.getByIndex(i * 5 + n - 1)
                row.OptimalHeight = True
                heights[(sz, n)] = row.Height / 2540 * 72  # 1/100 mm to pt

    with Office() as office:
        pdfs = {name: pdf for name, pdf, _ in office.export_sheets(xlsx, work, inspect=measure_rows)}

    ok = True
    say("Teckenstorlek läst ur PDF (pdfminer), mot väntad:")
    for scale in (100, 50):
        pdf = pdfs[f"skala {scale}"]
        chars, _ = pdf_chars(pdf)
        lt_sizes = ltchar_sizes(pdf)  # same drawing order as pdf_chars
        text = "".join(c[1] for c in chars)
        for label in [f"Text {sz} pt" for sz in sizes] + ["Roterad 10 pt"]:
            i = text.find(label)
            want = float(label.split()[1]) * scale / 100
            got = chars[i][2] if i >= 0 else float("nan")
            good = abs(got - want) <= TOL_PT
            ok &= good
            say(f"  {label:<14} skala {scale:>3} %: väntat {sv(want, 2):>5} pt, läst "
                f"{sv(got, 3)} pt (LTChar.size {sv(lt_sizes[i], 3)}) {'OK' if good else 'FEL'}")

    say("Radhöjd som LibreOffice ger radbruten text (optimal höjd):")
    for sz in line_sizes:
        pitch = (heights[(sz, 5)] - heights[(sz, 2)]) / 3
        say(f"  {sz:>2} pt: " + ", ".join(f"{n} rad{'er' if n > 1 else ''} {sv(heights[(sz, n)])}"
                                         for n in range(1, 6))
            + f" pt; radavstånd {sv(pitch, 2)} pt = {sv(pitch / sz, 3)} × storleken")
    say(f"  Kontrollen räknar med {sv(LINE_FACTOR, 2)} × storleken per rad (Excel: Calibri "
        f"~1,22 ×), alltså strängare än LibreOffice.")

    say(f"Siffror som syns innan talet blir ### (kontrollen: kolumnbredd − {PAD_PX} px):")
    digit = text_px("8", "Calibri", 11, False, False)
    lo_pad, hi_pad = 0.0, math.inf
    for w in widths:
        layout = subprocess.run(["pdftotext", "-layout", str(pdfs[f"bredd {w}"]), "-"],
                                capture_output=True, text=True, check=True).stdout
        shown = max((len(t) for t in layout.split() if t.isdigit()), default=0)
        predicted = max(n for n in range(16) if n * digit + PAD_PX <= width_px(w) or n == 0)
        lo_pad = max(lo_pad, width_px(w) - (shown + 1) * digit)
        hi_pad = min(hi_pad, width_px(w) - shown * digit)
        ok &= shown == predicted
        say(f"  bredd {sv(w, 2):>5} ({sv(width_px(w))} px): LibreOffice {shown:>2}, kontrollen "
            f"{predicted:>2} {'OK' if shown == predicted else 'FEL'}")
    say(f"  LibreOffice stämmer med en marginal över {sv(lo_pad)} och högst {sv(hi_pad)} px")
    say(f"\nKalibrering {'OK' if ok else 'MISSLYCKADES'}")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description="Kontrollerar att rapporterna går att läsa utskrivna.")
    ap.add_argument("--xlsx", help="katalog med arbetsböckerna")
    ap.add_argument("--out", help="katalog för PDF och PNG")
    ap.add_argument("--only", nargs="+", metavar="FIL", help="bara dessa arbetsböcker")
    ap.add_argument("--kalibrera", action="store_true",
                    help="prova mätningarna mot LibreOffice på en egen arbetsbok")
    args = ap.parse_args()
    if args.kalibrera:
        return calibrate(args.out)
    if not args.xlsx or not args.out:
        ap.error("--xlsx och --out behövs")
    return check(args.xlsx, args.out, args.only)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:
        print(f"FEL: {e}", file=sys.stderr)
        sys.exit(2)
