"""The one file's importer (`kiosk --make-pyz`): modules served from the bytecode carried for the running
Python, out of one table read once, before zipimport's usual way (source compiled at every start).

The file carries a table per Python (kiosk-bytecode/<cache tag>.marshal, stored uncompressed): a
marshalled {source name in the zip: zlib-compressed marshalled code}. Its __main__.py reads the table
for the running Python, runs this module's code from it and calls install(). Only what is imported
is decompressed and unmarshalled, once (zipimport's own lookup unmarshalled each module twice, and
the whole table was decompressed at each start). A module the table lacks (Pygments, never imported;
a file that Python could not compile), or a Python with no table, is left to zipimport: the source.

Resources (importlib.resources.files(), how the kiosk reads its content, config and stylesheets):
one zip directory read for the whole run, shared, instead of one per files() call.
Standard library only, and nothing written anywhere: the file runs read-only, offline, from any folder.
"""

from __future__ import annotations

import _imp
import sys
import zipimport
from importlib.machinery import ModuleSpec
from marshal import loads
from types import ModuleType
from typing import Any, Dict, Optional, Sequence, Tuple
from zlib import decompress
from zlib import error as zlib_error

# The code's file name becomes the path inside the file (tracebacks, inspect), as importlib does.
_fix_co_filename = getattr(_imp, "_fix_co_filename", lambda code, path: None)

FOLDER = "kiosk-bytecode"


def table_name(tag: str) -> str:
    return f"{FOLDER}/{tag}.marshal"


class CarriedBytecode:
    """A meta path finder and loader for the modules in `table` (see the module's docstring)."""

    def __init__(self, archive: str, table: Dict[str, bytes], zip_loader: Any = None) -> None:
        self.archive = archive  # as zipimporter's: kiosk.data.baked.running_archive() reads it
        self.table = table
        self._zip = zip_loader if zip_loader is not None else zipimport.zipimporter(archive)
        self._names: Dict[str, str] = {}  # module -> its source's name in the zip
        self._root: Any = None  # the zip's directory, read once, for every importlib.resources.files()

    # finder ---------------------------------------------------------------------------------
    def find_spec(self, fullname: str, path: Optional[Sequence[str]] = None,
                  target: Optional[ModuleType] = None) -> Optional[ModuleSpec]:
        found = self._find(fullname, path)
        if found is None:
            return None
        name, package = found
        self._names[fullname] = name
        loader: Any = self  # a loader by its methods (importlib.abc.Loader is not imported for it)
        spec = ModuleSpec(fullname, loader, origin=f"{self.archive}/{name}", is_package=package)
        spec.has_location = True  # __file__ is set, as zipimport sets it
        if package:
            spec.submodule_search_locations = [f"{self.archive}/{name.rpartition('/')[0]}"]
        return spec

    def _find(self, fullname: str, path: Optional[Sequence[str]]) -> Optional[Tuple[str, bool]]:
        inside = self.archive + "/"
        if path is None:
            folders = [""]  # a top-level module: the zip is first on sys.path
        else:
            folders = [entry[len(inside):] + "/" for entry in path if isinstance(entry, str) and entry.startswith(inside)]
        last = fullname.rpartition(".")[2]
        for folder in folders:
            for name, package in ((f"{folder}{last}/__init__.py", True), (f"{folder}{last}.py", False)):
                if name in self.table:
                    return name, package
        return None

    def invalidate_caches(self) -> None:
        pass

    # loader ---------------------------------------------------------------------------------
    def create_module(self, spec: Any) -> None:
        return None  # the usual module object

    def exec_module(self, module: Any) -> None:
        exec(self.get_code(module.__spec__.name), module.__dict__)

    def get_code(self, fullname: str) -> Any:
        name = self._name(fullname)
        path = f"{self.archive}/{name}"
        try:
            code = loads(decompress(self.table[name]))
        except (zlib_error, ValueError, EOFError, TypeError):  # a damaged entry: its source, as zipimport would
            return compile(self.get_data(path), path, "exec", dont_inherit=True)
        _fix_co_filename(code, path)
        return code

    def get_source(self, fullname: str) -> Optional[str]:
        from importlib.util import decode_source

        return decode_source(self.get_data(f"{self.archive}/{self._name(fullname)}"))

    def get_filename(self, fullname: str) -> str:
        return f"{self.archive}/{self._name(fullname)}"

    def is_package(self, fullname: str) -> bool:
        return self._name(fullname).endswith("/__init__.py")

    def get_data(self, path: str) -> bytes:
        return self._zip.get_data(path)

    def _name(self, fullname: str) -> str:
        name = self._names.get(fullname)  # every module this loader loads was found by find_spec first
        if name is None:
            raise ImportError(f"{fullname} was not found in {self.archive}'s bytecode", name=fullname)
        return name

    # resources ------------------------------------------------------------------------------
    def files(self, folder: str) -> Any:
        """zipfile.Path of `folder` ('kiosk/ui/') in the zip, on one ZipFile read once (zipfile.Path
        of the archive's name reads the whole directory again at each files() call)."""
        import zipfile

        if self._root is None:
            self._root = zipfile.Path(self.archive).root
        return zipfile.Path(self._root, folder)

    def get_resource_reader(self, fullname: str) -> Any:
        """zipimport's reader for the package (3.10+: importlib.readers.ZipReader), its files() on the
        shared directory."""
        name = self._names.get(fullname)
        if name is None or not name.endswith("/__init__.py"):
            return None
        folder = name[: -len("__init__.py")]
        parent = folder[:-1].rpartition("/")[0]
        reader = zipimport.zipimporter(f"{self.archive}/{parent}" if parent else self.archive).get_resource_reader(fullname)
        if reader is not None and hasattr(reader, "files"):
            reader.files = lambda: self.files(folder)  # type: ignore[method-assign]
        return reader

    def _resources_39(self) -> None:
        """Python 3.9's files() ignores the loader's reader: it makes zipfile.Path(loader.archive, ...)
        itself (importlib._common.fallback_resources). Serve this finder's packages from the shared
        directory there too; anything else as before."""
        try:
            from importlib import _common  # type: ignore[attr-defined]
        except ImportError:  # pragma: no cover
            return
        fallback = getattr(_common, "fallback_resources", None)
        if fallback is None:  # pragma: no cover
            return

        def fallback_resources(spec: Any) -> Any:
            name = self._names.get(spec.name) if spec.loader is self else None
            if name is not None and name.endswith("/__init__.py"):
                return self.files(name[: -len("__init__.py")])
            return fallback(spec)

        _common.fallback_resources = fallback_resources


def install(archive: str, table: Dict[str, bytes], zip_loader: Any = None) -> CarriedBytecode:
    """Put a CarriedBytecode for `table` on sys.meta_path, just before the path finder, where the zip
    sits first on sys.path: built-in and frozen modules still come first, the zip's modules next."""
    finder = CarriedBytecode(archive, table, zip_loader)
    names = [getattr(f, "__name__", "") for f in sys.meta_path]
    sys.meta_path.insert(names.index("PathFinder") if "PathFinder" in names else len(sys.meta_path), finder)
    if sys.version_info < (3, 10):
        finder._resources_39()
    return finder

