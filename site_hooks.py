"""mkdocs hook: generate the library's pages at build time (see sitegen.py).

mkdocs loads this file by path (`hooks:` in mkdocs.yml), so it imports the `spilock` package of
this very checkout, whether or not it is installed, and refuses to build from another copy's
library (that would publish pages that disagree with this checkout).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("mkdocs.hooks.spilock")  # under "mkdocs", so --strict counts its warnings
_state: dict = {}


def _sitegen():
    """spilock.sitegen from this checkout: the installed package if it is this checkout, else by path."""
    if "spilock" not in sys.modules:
        try:
            importlib.import_module("spilock")
        except ModuleNotFoundError:  # a checkout that was never installed
            spec = importlib.util.spec_from_file_location(
                "spilock", ROOT / "__init__.py", submodule_search_locations=[str(ROOT)])
            module = importlib.util.module_from_spec(spec)
            sys.modules["spilock"] = module
            spec.loader.exec_module(module)
    found = Path(sys.modules["spilock"].__file__).resolve().parent
    if found != ROOT:
        raise PluginError(f"spilock is imported from {found}, not from this checkout {ROOT}; "
                          f"run `pip install -e {ROOT}`")
    return importlib.import_module("spilock.sitegen")


def on_files(files: Files, config) -> Files:
    sitegen = _sitegen()
    from spilock.errors import SpilockError

    try:
        site = sitegen.Site.load()
    except SpilockError as exc:
        problems = "\n".join(str(p) for p in exc.problems)
        raise PluginError(f"the scenario library does not validate ({len(exc.problems)} problems):\n{problems}")
    pages = sitegen.generate(site)
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"{config.docs_dir}/{page.path} is generated from the library; "
                              "delete the hand-written copy")
        files.append(File.generated(config, page.path, content=page.markdown))
    config.nav = sitegen.expand_nav(config.nav, pages)
    _state.update(site=site, sitegen=sitegen)
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "<!-- spilock:" not in markdown:
        return markdown
    return _state["sitegen"].fill_placeholders(markdown, page.file.src_uri, _state["site"], log.warning)
