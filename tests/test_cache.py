"""Output built with any cache state is byte-identical to a cold build without cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sleutelsite.render.markdown as render_markdown
import sleutelsite.render.pages as render_pages
from conftest import ROOT, TODAY, copy_project
from sleutelsite.build import build
from sleutelsite.cache import CACHE_FOLDER, BuildCache
from sleutelsite.speed import Plan

SHARED = Plan.sharing_everything()  # every map over two processes, every job in another one


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    stories = {
        f"content/verhalen/persoon-{n}.md": f"---\nname: Persoon {n}\ndate: 2026-11-0{1 + n % 9}\nsummary: S {n}.\n---\n## Kop\n\nTekst [tips](/tips/).\n"
        for n in range(12)
    }
    return copy_project(tmp_path / "p", stories)


def test_every_cache_state_gives_the_same_bytes(project: Path, tmp_path: Path):
    build(project, tmp_path / "cold", today=TODAY, use_cache=False)
    expected = tree(tmp_path / "cold")
    assert not (project / CACHE_FOLDER).exists()

    build(project, tmp_path / "first", today=TODAY)  # fills the cache
    assert (project / CACHE_FOLDER / "build.sqlite").is_file()
    build(project, tmp_path / "warm", today=TODAY)  # everything from the cache
    assert tree(tmp_path / "first") == expected
    assert tree(tmp_path / "warm") == expected

    story = project / "content" / "verhalen" / "persoon-3.md"
    original = story.read_text()
    story.write_text(original.replace("Tekst", "Andere tekst"))
    build(project, tmp_path / "edited", today=TODAY)
    assert tree(tmp_path / "edited") != expected
    story.write_text(original)
    build(project, tmp_path / "reverted", today=TODAY)
    assert tree(tmp_path / "reverted") == expected

    (project / CACHE_FOLDER / "build.sqlite").write_bytes(b"not a database at all")
    build(project, tmp_path / "damaged", today=TODAY)
    assert tree(tmp_path / "damaged") == expected

    build(project, tmp_path / "serial", today=TODAY, use_cache=False, plan=Plan.serial())
    assert tree(tmp_path / "serial") == expected

    build(project, tmp_path / "parallel", today=TODAY, use_cache=False, plan=SHARED)
    assert tree(tmp_path / "parallel") == expected

    import shutil

    shutil.rmtree(project / CACHE_FOLDER)
    build(project, tmp_path / "parallel-memo", today=TODAY, plan=SHARED)  # workers' entries kept here
    build(project, tmp_path / "warm-after", today=TODAY, plan=Plan.serial())
    assert tree(tmp_path / "parallel-memo") == tree(tmp_path / "warm-after") == expected


def test_a_template_change_reaches_every_page_through_the_cache(project: Path, tmp_path: Path):
    build(project, tmp_path / "a", today=TODAY)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace('<a class="skip-link"', '<a class="skip-link direct"'))
    build(project, tmp_path / "b", today=TODAY)
    pages = [p for p in (tmp_path / "b").rglob("*.html")]
    assert pages and all('class="skip-link direct"' in p.read_text() for p in pages)
    build(project, tmp_path / "c", today=TODAY, use_cache=False)
    assert tree(tmp_path / "b") == tree(tmp_path / "c")


@pytest.mark.parametrize("plan", [Plan.serial(), SHARED], ids=["serial", "shared"])
def test_pages_rendered_by_a_build_that_then_fails_never_reach_the_site(project: Path, tmp_path: Path, plan):
    """A problem found after every page is rendered (here a broken link) leaves the live
    site as it was, and the next build exact."""
    from sleutelsite.errors import BuildError

    build(project, tmp_path / "clean", today=TODAY, use_cache=False, plan=plan)
    expected = tree(tmp_path / "clean")
    out = tmp_path / "_site"
    build(project, out, today=TODAY)
    story = project / "content" / "verhalen" / "persoon-3.md"
    original = story.read_text()
    story.write_text(original.replace("Tekst", "Nieuwe tekst"))
    build(project, out, today=TODAY)  # now the site before last waits beside it
    second = tree(out)
    for n in range(12):  # every page changes, one link breaks
        page = project / "content" / "verhalen" / f"persoon-{n}.md"
        page.write_text(page.read_text().replace("## Kop", "## Kop veranderd"))
    story.write_text(story.read_text() + "\n[kapot](/bestaat-niet/)\n")
    with pytest.raises(BuildError):
        build(project, out, today=TODAY)
    assert tree(out) == second
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("._site")) == [
        "._site.lock",
        "._site.prev",
    ]
    for n in range(12):
        page = project / "content" / "verhalen" / f"persoon-{n}.md"
        page.write_text(page.read_text().replace("## Kop veranderd", "## Kop"))
    story.write_text(original)
    build(project, out, today=TODAY)
    assert tree(out) == expected


def test_problems_come_back_from_the_cache_exactly(project: Path, tmp_path: Path):
    """A warm build skips parsing a file it knows; it must still report that file's problems."""
    from sleutelsite.errors import BuildError

    story = project / "content" / "verhalen" / "persoon-4.md"
    story.write_text("---\nname: Persoon 4\ndate: 2026-11-04\nsummary: S.\nonbekend: x\n---\nTekst.\n")
    (project / "content" / "verhalen" / "kapot.md").write_text("---\nname: [niet gesloten\n---\nTekst.\n")
    reports = []
    for _ in range(2):  # cold, then from the cache
        with pytest.raises(BuildError) as info:
            build(project, tmp_path / "out", today=TODAY)
        reports.append([(p.path, p.line, p.code) for p in info.value.problems])
    assert reports[0] == reports[1]
    assert {path for path, _, _ in reports[0]} >= {
        "content/verhalen/persoon-4.md",
        "content/verhalen/kapot.md",
    }
    assert (project / CACHE_FOLDER / "build.sqlite").is_file()


def test_the_cache_keeps_only_what_the_last_build_used(project: Path, tmp_path: Path, monkeypatch):
    import shutil
    import sqlite3

    def rows() -> dict[str, int]:
        with sqlite3.connect(project / CACHE_FOLDER / "build.sqlite") as db:
            return dict(db.execute("SELECT ns, COUNT(*) FROM memo GROUP BY ns"))

    build(project, tmp_path / "out", today=TODAY)
    first = rows()
    assert first["page"] > 12
    build(project, tmp_path / "out", today=TODAY)  # all used: nothing dropped, nothing added
    assert rows() == first
    base = project / "templates" / "base.html"
    converted = []
    original_findings = render_markdown.unsafe_findings
    monkeypatch.setattr(
        render_markdown, "unsafe_findings", lambda *a: converted.append(1) or original_findings(*a)
    )
    base.write_text(base.read_text().replace("</body>", "<!-- nieuw -->\n</body>"))
    build(project, tmp_path / "out", today=TODAY)  # every page again, no Markdown again
    assert "<!-- nieuw -->" in (tmp_path / "out" / "index.html").read_text()
    assert converted == []
    first = rows()
    story = project / "content" / "verhalen" / "persoon-5.md"
    for n in range(3):  # three edits in a row: the older versions go
        story.write_text(story.read_text().replace("Tekst", f"Tekst {n}"))
        build(project, tmp_path / "out", today=TODAY)
    after_edits = rows()
    shutil.rmtree(project / CACHE_FOLDER)
    build(project, tmp_path / "out", today=TODAY)
    assert rows() == after_edits  # as if the cache had been made by this build alone


def test_a_build_that_fails_leaves_no_process_behind(project: Path, tmp_path: Path):
    import os

    from sleutelsite.errors import BuildError

    story = project / "content" / "verhalen" / "persoon-2.md"
    story.write_text(story.read_text() + "\n<script>alert(1)</script>\n")
    with pytest.raises(BuildError):
        build(project, tmp_path / "out", today=TODAY, plan=SHARED)  # exports and feeds made meanwhile
    with pytest.raises(ChildProcessError):  # every process this build started was waited for
        os.waitpid(-1, os.WNOHANG)
    assert not (tmp_path / "out").exists()


def test_render_processes_of_a_preview_rebuild_are_waited_for(project: Path, tmp_path: Path):
    import os

    from sleutelsite.serve import PreviewSite

    preview = PreviewSite(project, tmp_path / "preview", "http://127.0.0.1:8000/", 8000, TODAY, SHARED)
    preview.rebuild()
    assert not preview.problems
    with pytest.raises(ChildProcessError):  # no child left, not even a finished one
        os.waitpid(-1, os.WNOHANG)


def test_many_pages_are_read_in_batches_and_what_is_read_is_kept(tmp_path: Path):
    import sqlite3

    from sleutelsite.cache import BuildCache

    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    for n in range(450):  # more than one batch
        cache.put("page", f"k{n}", ("html", n))
    cache.save()
    cache.close()
    cache = BuildCache(folder)
    cache.put("page", "nieuw", ("html", "nieuw"))  # not on disk yet
    wanted = {f"k{n}" for n in range(0, 450, 2)} | {"nieuw", "bestaat-niet"}
    found = dict(cache.get_many("page", wanted))
    assert found == {**{f"k{n}": ("html", n) for n in range(0, 450, 2)}, "nieuw": ("html", "nieuw")}
    cache.save(prune=True)  # what was read counts as used: kept; the rest goes
    cache.close()
    with sqlite3.connect(folder / "build.sqlite") as db:
        kept = {key for (key,) in db.execute("SELECT key FROM memo WHERE ns = 'page'")}
    assert kept == wanted - {"bestaat-niet"}


def test_a_forked_worker_reads_the_entries_its_parent_has_not_saved_yet_and_sends_its_own_back(
    tmp_path: Path,
):
    import os
    import pickle
    import sqlite3

    from sleutelsite.cache import BuildCache

    folder = tmp_path / "cache"
    cache = BuildCache(folder)
    cache.put("md", "van-de-ouder", ("<p>a</p>", ()))  # not on disk yet
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        ok = False
        try:
            cache.after_fork()
            ok = cache.has("md", "van-de-ouder") and cache.get("md", "van-de-ouder") == ("<p>a</p>", ())
            ok = ok and dict(cache.get_many("md", {"van-de-ouder"})) == {"van-de-ouder": ("<p>a</p>", ())}
            cache.put("md", "van-de-werker", ("<p>b</p>", ()))
            cache.save()  # a worker never writes the database
            os.write(write_end, pickle.dumps(cache.changes()))
        finally:
            os._exit(0 if ok else 1)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as answer:
        changes = pickle.load(answer)
    assert os.waitpid(pid, 0)[1] == 0
    with sqlite3.connect(folder / "build.sqlite") as db:
        assert list(db.execute("SELECT key FROM memo WHERE ns = 'md'")) == []
    cache.merge(changes)
    assert cache.get("md", "van-de-werker") == ("<p>b</p>", ())
    cache.save()
    cache.close()
    with sqlite3.connect(folder / "build.sqlite") as db:
        stored = {key for (key,) in db.execute("SELECT key FROM memo WHERE ns = 'md'")}
    assert stored == {"van-de-werker", "van-de-ouder"}  # each written once, by the build process


def test_a_build_with_work_shared_over_processes_leaves_no_process_behind(project: Path, tmp_path: Path):
    import os

    from sleutelsite.errors import BuildError

    build(project, tmp_path / "out", today=TODAY, plan=SHARED)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
    build(project, tmp_path / "out", today=TODAY, plan=SHARED)  # warm: all pages from the cache
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
    story = project / "content" / "verhalen" / "persoon-2.md"
    story.write_text("geen voorwerk\n" + story.read_text())  # the load fails
    with pytest.raises(BuildError):
        build(project, tmp_path / "failed", today=TODAY, plan=SHARED)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def test_a_build_leaves_the_garbage_collector_as_it_found_it(project: Path, tmp_path: Path):
    import gc

    from sleutelsite.errors import BuildError

    before = (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled())
    build(project, tmp_path / "out", today=TODAY, plan=SHARED)
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
    story = project / "content" / "verhalen" / "persoon-2.md"
    story.write_text(story.read_text() + "\n<script>alert(1)</script>\n")  # fails while rendering
    with pytest.raises(BuildError):
        build(project, tmp_path / "failed", today=TODAY, plan=SHARED)
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


def test_a_preview_rebuild_makes_no_full_collection_and_its_idle_time_does(
    project: Path, tmp_path: Path, monkeypatch
):
    import gc

    import sleutelsite.serve as serve
    from sleutelsite.serve import PreviewSite

    oldest: list[int] = []  # the full collections' threshold while the preview writes
    writing = serve.write_site
    monkeypatch.setattr(serve, "write_site", lambda *a: oldest.append(gc.get_threshold()[2]) or writing(*a))
    preview = PreviewSite(project, tmp_path / "served", "http://127.0.0.1:9999/", 9999, TODAY)
    before = gc.get_threshold()
    preview.rebuild()
    assert gc.get_threshold() == before  # restored
    assert oldest and oldest[0] > 100_000  # none while writing either
    full: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start" and info["generation"] == 2:
            full.append(1)

    gc.callbacks.append(seen)
    try:
        preview.idle()
    finally:
        gc.callbacks.remove(seen)
    assert full == [1]


TIP_FILES = ("content/tips/01-eerste.md", "content/tips/02-tweede.md")


def project_without_tips(tmp_path: Path, drafts: bool = False) -> Path:
    """Stories enough to share, and no tip (or, with `drafts`, only tips that are drafts)."""
    files = {
        f"content/verhalen/persoon-{n}.md": f"---\nname: Persoon {n}\ndate: 2026-11-01\nsummary: S.\n---\nTekst {n}.\n"
        for n in range(12)
    }
    files["content/index.md"] = "---\ntitle: Welkom\n---\nWelkom. Lees [het manifest](/manifest/).\n"
    return copy_project(tmp_path / "p", files, remove=() if drafts else TIP_FILES)


@pytest.mark.parametrize("tips", ["no tips", "every tip a draft"])
def test_unpickling_error_when_render_workers_fork_before_any_tip_was_converted(
    tmp_path: Path, monkeypatch, tips: str
):
    """The crash of issue 14: forked render workers inherited the early Markdown
    conversion and its pipe, and the first one to convert read the parent's answer; only
    a tip converted first had collected it. Pages are rendered by workers here, and no
    Markdown is converted before they fork."""
    import os

    if tips == "no tips":
        project = project_without_tips(tmp_path)
    else:
        project = project_without_tips(tmp_path, drafts=True)
        for rel in TIP_FILES:
            tip = project / rel
            tip.write_text(
                tip.read_text().replace("---\n", "---\ndraft: true\n", 1).replace("#tip-1", "/manifest/")
            )
    pids = tmp_path / "pids"
    render_one = render_pages._render_one

    def spied(work):
        with open(pids, "a") as record:  # a forked worker writes it too
            record.write(f"{os.getpid()}\n")
        return render_one(work)

    monkeypatch.setattr(render_pages, "_render_one", spied)
    result = build(project, tmp_path / "out", today=TODAY, use_cache=False, plan=SHARED)
    assert result.site.tips == ()
    assert set(pids.read_text().split()) - {str(os.getpid())}  # rendered by forked workers
    build(project, tmp_path / "serial", today=TODAY, use_cache=False, plan=Plan.serial())
    assert tree(tmp_path / "out") == tree(tmp_path / "serial")


def test_the_markdown_converter_is_made_and_checked_once_before_pages_are_shared_out(
    tmp_path: Path, monkeypatch, capfd
):
    """Without tips (which are converted before pages): else every worker made its own."""
    import warnings

    project = project_without_tips(tmp_path)
    renamed = (("inline", "inline_patterns"), *render_markdown.RELIES_ON[1:])
    monkeypatch.setattr(render_markdown, "RELIES_ON", renamed)  # so that the check warns
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        build(project, tmp_path / "out", today=TODAY, use_cache=False, plan=SHARED)
    assert [type(w.message) for w in warned] == [render_markdown.MarkdownFallbackWarning]
    assert "Warning" not in capfd.readouterr().err  # no worker warned on its own
    monkeypatch.undo()
    build(project, tmp_path / "plain", today=TODAY, use_cache=False)
    assert tree(tmp_path / "out") == tree(tmp_path / "plain")  # plain Markdown: the same pages


def test_a_forked_worker_reads_back_what_it_made_itself(tmp_path: Path):
    """A render worker that converted a text kept it encoded for its parent, and reading it
    back (the same text on a second page) fed the encoded pair to the decoder: every cold
    build of a site with a disk cache and pages shared over processes crashed."""
    memo = BuildCache(tmp_path / ".cache")
    memo.after_fork()  # as in a worker
    memo.put("md", "k", ("<p>x</p>", ()))  # a big kind: not kept in memory
    memo.put("page", "p", object())  # a value the file cannot hold
    assert memo.get("md", "k") == ("<p>x</p>", ())
    assert memo.get("page", "p") is not None
    made, _ = memo.changes()
    parent = BuildCache(tmp_path / ".cache")
    parent.merge((made, set()))
    assert parent.get("md", "k") == ("<p>x</p>", ())


@pytest.mark.parametrize("failing", ["start_share_cards", "start_site_assets"])
def test_a_render_that_fails_while_its_jobs_start_cancels_those_already_started(
    project: Path, monkeypatch, failing: str
):
    """Regression: the stage started its jobs before its `try`, so a failure while starting
    one (a font folder without its fonts) left those started before it running; in
    `serve`, whose runner lives as long as the preview, as processes left behind."""
    import os

    import sleutelsite.render as render
    from sleutelsite.load import load_site
    from sleutelsite.load.content import Options
    from sleutelsite.speed import make_runner

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(render, failing, broken)
    site = load_site(project, Options(today=TODAY))
    runner = make_runner(SHARED)  # (not closed before the check below, as in `serve`)
    try:
        with pytest.raises(RuntimeError):
            render.render_site(site, project, runner=runner)
        with pytest.raises(ChildProcessError):  # no process of ours left, running or finished
            os.waitpid(-1, os.WNOHANG)
    finally:
        runner.close()


def test_a_value_keyed_memo_gives_what_was_made_for_an_equal_value_and_forgets_unused_ones():
    cache = BuildCache()
    cache.start_round()  # (a preview's: a build makes everything directly)
    made: list[str] = []

    def make(text: str):
        return lambda: made.append(text) or text.upper()

    first = ("persoon-1", "Persoon 1")
    assert cache.by_value("card", first, make("a")) == "A"
    assert cache.by_value("card", ("persoon-1", "Persoon 1"), make("b")) == "A"  # equal: kept
    assert cache.by_value("card", ("persoon-1", "Persoon één"), make("c")) == "C"  # changed: made
    assert cache.by_value("other", first, make("d")) == "D"  # another kind of value
    assert made == ["a", "c", "d"]
    cache.start_round()
    cache.by_value("card", first, make("e"))  # used in this round: kept
    cache.forget_unused()
    cache.start_round()
    assert cache.by_value("card", first, make("f")) == "A"
    assert cache.by_value("card", ("persoon-1", "Persoon één"), make("g")) == "G"  # forgotten
    assert made == ["a", "c", "d", "g"]


def test_an_identity_memo_gives_what_was_made_for_the_very_same_objects_only_in_a_preview():
    cache = BuildCache()
    made: list[str] = []

    def make(text: str):
        return lambda: made.append(text) or text.upper()

    words, entries = {"a": "b"}, [1, 2]
    assert cache.by_identity("x", (words, entries), make("a")) == "A"
    assert cache.by_identity("x", (words, entries), make("b")) == "B"  # a build: no memory
    cache.start_round()
    assert cache.by_identity("x", (words, entries), make("c")) == "C"
    assert cache.by_identity("x", (words, entries), make("d")) == "C"  # the same objects
    assert cache.by_identity("x", (dict(words), entries), make("e")) == "E"  # equal, not the same
    assert cache.by_identity("x", (words,), make("f")) == "F"  # fewer inputs
    assert cache.by_identity("y", (words,), make("g")) == "G"  # another slot
    cache.start_round()
    assert cache.by_identity("y", (words,), make("h")) == "G"
    cache.forget_unused()  # "x" was not used in this round
    cache.start_round()
    assert cache.by_identity("x", (words,), make("i")) == "I"
    assert made == ["a", "b", "c", "e", "f", "g", "i"]


def test_a_story_title_edit_in_the_preview_reaches_the_list_of_stories(tmp_path: Path):
    from sleutelsite.serve import PreviewSite

    project = copy_project(tmp_path / "p")
    preview = PreviewSite(project, tmp_path / "served", "http://127.0.0.1:9999/", 9999, TODAY)
    preview.rebuild()
    story = project / "content" / "verhalen" / "testpersoon.md"
    listing = tmp_path / "served" / "verhalen" / "index.html"
    before = listing.read_bytes()
    story.write_text(story.read_text(encoding="utf-8") + "\nMeer tekst.\n", encoding="utf-8")
    preview.rebuild()
    assert listing.read_bytes() == before  # the text is not on the list
    text = story.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    story.write_text(text.replace(name, "name: Andere Naam"), encoding="utf-8")
    preview.rebuild()
    assert preview.problems == ()
    assert "Andere Naam" in listing.read_text(encoding="utf-8")


def test_every_edit_in_the_preview_gives_the_site_a_clean_build_gives(tmp_path: Path):
    """The preview keeps what follows from the very same objects (the entries, the words,
    the municipalities' entries, each page's job, key and link check) from save to save:
    after each kind of edit it must still hold exactly what a new preview would make."""
    from sleutelsite.serve import PreviewSite

    status = "municipality: Utrecht\nstatus: besluit\ndate: 2026-11-02\nsources:\n  - title: Motie\n"
    project = copy_project(tmp_path / "p", {"gemeenten/utrecht.yaml": status})
    shutil.copytree(ROOT / "data" / "nl", project / "data" / "nl")
    served = tmp_path / "served"
    preview = PreviewSite(project, served, "http://127.0.0.1:9999/", 9999, TODAY)
    preview.rebuild()

    def edit(rel: str, old: str, new: str) -> None:
        file = project / rel
        text = file.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    example = "---\ntitle: Een voorbeeld\n---\nZo werkt het.\n"
    tips = (project / "content" / "tips" / "index.md").read_text(encoding="utf-8")
    over = (project / "content" / "over.md").read_text(encoding="utf-8")
    edits = [
        lambda: edit("gemeenten/utrecht.yaml", "besluit", "betaald"),
        lambda: (project / "gemeenten" / "zwolle.yaml").write_text(status.replace("Utrecht", "Zwolle")),
        lambda: (project / "gemeenten" / "utrecht.yaml").unlink(),
        lambda: edit(
            "signatories.yaml",
            "municipality: Utrecht\n  province: Utrecht",
            "municipality: Zwolle\n  province: Overijssel",
        ),
        lambda: edit("i18n/nl.yaml", "status_title: Waar de gemeente staat", "status_title: Stand van zaken"),
        lambda: edit("i18n/nl.yaml", "Ligging van {name}", "Waar {name} ligt"),
        lambda: (project / "content" / "voorbeelden").mkdir(),
        lambda: (project / "content" / "voorbeelden" / "index.md").write_text(
            "---\ntitle: Voorbeelden\n---\n"
        ),
        lambda: (project / "content" / "voorbeelden" / "een.md").write_text(example),
        lambda: edit("content/voorbeelden/een.md", "Een voorbeeld", "Ander voorbeeld"),
        lambda: edit("content/verhalen/testpersoon.md", "name: ", "name: Nieuwe "),
        lambda: edit("content/tips/01-eerste.md", "title: ", "title: Andere "),
        lambda: (project / "content" / "tips" / "index.md").unlink(),  # linked from every page
        lambda: (project / "content" / "tips" / "index.md").write_text(tips, encoding="utf-8"),
        lambda: (project / "content" / "over.md").write_text(over + "\n[Kapot](/bestaat-niet/)\n"),
        lambda: (project / "content" / "over.md").write_text(over),
        lambda: (project / "content" / "bel.md").write_text("---\ntitle: Bel\n---\n[Bel](/over/#contact)\n"),
        # the anchor that bel.md links to: gone
        lambda: edit("content/over.md", "Contact {#contact}", "Bereik ons"),
        lambda: (project / "content" / "over.md").write_text(over),
    ]
    broken = 0
    for number, change in enumerate(edits):
        change()
        preview.rebuild()
        if preview.problems:  # (the tips gone, a broken link, the anchor): the last good site stays
            broken += 1
            continue
        clean = PreviewSite(project, tmp_path / f"clean-{number}", "http://127.0.0.1:9999/", 9999, TODAY)
        clean.rebuild()
        assert clean.problems == ()
        assert tree(served) == tree(tmp_path / f"clean-{number}"), f"after edit {number}"
    assert broken == 3
