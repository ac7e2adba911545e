"""Templates: what each one refers to (for the page keys), compiling them once, and a
template's mistake as a problem for the editor (file and line)."""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import cast

import jinja2
from jinja2 import meta, nodes

from sleutelsite.cache import BuildCache
from sleutelsite.cache.templates import template_cache
from sleutelsite.errors import Problem, problem


def make_environment(
    templates: Path, cache_folder: Path | None = None, reload: bool = False
) -> jinja2.Environment:
    """Jinja with autoescaping and strict undefined names; compiled templates kept in cache.
    With `reload` (the preview) a changed template file is read again; a build reads each once."""
    bytecode = template_cache(cache_folder) if cache_folder is not None else None  # signed: runs ours only
    return _Environment(
        loader=jinja2.FileSystemLoader(templates),
        bytecode_cache=bytecode,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=reload,
    )


class _Environment(jinja2.Environment):
    """Parses each template once: the page keys read a template's names from its syntax
    tree (`parse`), and compiling it needs the same tree (11 of the real site's 120 ms
    cold render). A tree is handed to the compiler once, then let go."""

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._trees: dict[tuple[str, str | None, str | None], object] = {}

    def parse(self, source, name=None, filename=None):
        tree = super().parse(source, name, filename)
        self._trees[(source, name, filename)] = tree
        return tree

    def _parse(self, source, name, filename):
        tree = self._trees.pop((source, name, filename), None)
        return tree if tree is not None else super()._parse(source, name, filename)


def prepare_templates(env: jinja2.Environment, cache: BuildCache, templates_key: str) -> None:
    """Read the names of, and compile, every template once, before any page needs it (and
    so before pages are shared out over processes: they all use the result). A template
    with a mistake is left for rendering to report, with its page."""
    parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None] = {}
    for name in env.list_templates(extensions=["html"]):
        template_names(env, cache, templates_key, name, parsed)
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            pass


def template_names(
    env: jinja2.Environment,
    cache: BuildCache,
    templates_key: str,
    name: str,
    parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None],
) -> frozenset[str] | None:
    """The names a template chain refers to, memoised with the templates' fingerprint."""
    key = cache.key("template-variables", templates_key, name)
    found = cache.get("tvars", key)
    if found is None:
        found = ("known", _variables(env, name, set(), parsed))
        cache.put("tvars", key, found)
    return cast("tuple[str, frozenset[str] | None]", found)[1]


def _variables(
    env: jinja2.Environment,
    name: str,
    seen: set[str],
    parsed: dict[str, tuple[frozenset[str], tuple[str | None, ...]] | None],
) -> frozenset[str] | None:
    if name in seen:
        return frozenset()
    seen.add(name)
    if name not in parsed:  # each template is parsed once, however many chains it is in
        loader = env.loader
        assert loader is not None  # (every environment here is made with a loader)
        try:
            source, filename, _ = loader.get_source(env, name)
            ast = env.parse(source, name, filename)  # kept by the environment for its compile
        except jinja2.TemplateError:
            parsed[name] = None  # rendering will report it
        else:
            parsed[name] = (
                # Every name read, local ones too: a superset of what the template takes
                # from outside, which is safe for a key and 10x cheaper than
                # meta.find_undeclared_variables (a pass of Jinja's code generator).
                frozenset(node.name for node in ast.find_all(nodes.Name) if node.ctx == "load"),
                tuple(meta.find_referenced_templates(ast)),
            )
    found = parsed[name]
    if found is None:
        return None
    names = set(found[0])
    for ref in found[1]:
        if ref is None:  # a template name computed at run time: depend on everything
            return None
        sub = _variables(env, ref, seen, parsed)
        if sub is None:
            return None
        names |= sub
    return frozenset(names)


def templates_fingerprint(folder: Path, cache: BuildCache) -> str:
    """One key for all templates: any template change re-renders every page."""
    return cache.key(_templates_text(folder))


def _templates_text(folder: Path) -> str:
    parts = []
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            parts.append(
                file.relative_to(folder).as_posix()
                + "\0"
                + file.read_text(encoding="utf-8", errors="replace")
            )
    return "\0".join(parts)


def template_problem(err: Exception, page_source: str, project: Path) -> Problem:
    if isinstance(err, jinja2.TemplateSyntaxError):
        path = _template_path(err.filename or err.name or "", project)
        return problem(
            path,
            err.lineno,
            "template_syntax",
            source=(err.source or "").split("\n")[err.lineno - 1] if err.source else "",
            detail=err.message or str(err),
        )
    if isinstance(err, jinja2.TemplateNotFound):
        return problem(page_source, 1, "missing_template", layout=err.name)
    path, line = _template_frame(err, project)
    code = "template_undefined" if isinstance(err, jinja2.UndefinedError) else "template_error"
    return problem(path, line, code, detail=str(err), page=page_source)


def _template_frame(err: BaseException, project: Path) -> tuple[str, int]:
    """The innermost template file and line in the traceback (Jinja rewrites it so)."""
    templates = str(project / "templates")
    found = ("templates", 0)
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.startswith(templates):
            found = (_template_path(frame.filename, project), frame.lineno or 0)
    return found


def _template_path(filename: str, project: Path) -> str:
    path = Path(filename)
    if path.is_absolute() and path.is_relative_to(project):
        return path.relative_to(project).as_posix()
    return "templates/" + re.sub(r"^templates/", "", filename)
