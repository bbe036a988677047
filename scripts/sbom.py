#!/usr/bin/env python3
"""Writes what a Tsudoi package ships besides our own code: the dependency list (SBOM) and the
third-party licence notice. Run by scripts/package.sh; the files go into every package.

    scripts/sbom.py --target x86_64-pc-windows-gnu --out dist/licences/windows

Writes, in --out:
- sbom.cargo.json: CycloneDX 1.5, every crate compiled into tsudoi-desktop or tsudoi (normal
  dependencies for that target only: build scripts, proc macros' own dependencies and test
  dependencies are not shipped), with its version, licence expression and source;
- sbom.npm.json: CycloneDX 1.5, the front end's packages bundled into the window (ui/'s
  package-lock.json without its development packages);
- THIRD-PARTY-NOTICES.txt: each of those with its licence, then every licence text the crates
  carry (LICENSE*, COPYING*, NOTICE*), one copy per distinct text with the crates that carry it,
  and the fonts' SIL Open Font License.

Everything is read from `cargo metadata` and the sources cargo already has: nothing is fetched
beyond what the build itself downloads.
"""

import argparse
import hashlib
import json
import pathlib
import subprocess
import sys
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHIPPED_BINARIES = ("tsudoi-desktop", "tsudoi-cli")
LICENCE_FILE_PREFIXES = ("license", "licence", "copying", "notice", "copyright")


def cargo_packages(target):
    """The crates compiled into the shipped binaries for `target`, ours left out."""
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", target],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
    )
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    workspace = set(metadata["workspace_members"])
    roots = [pid for pid in workspace if packages[pid]["name"] in SHIPPED_BINARIES]
    shipped, queue = set(), list(roots)
    while queue:
        pid = queue.pop()
        if pid in shipped:
            continue
        shipped.add(pid)
        for dep in nodes[pid]["deps"]:
            kinds = {kind["kind"] for kind in dep["dep_kinds"]}
            name = packages[dep["pkg"]]["name"]
            # Normal dependencies end up in the binary, a proc macro only runs at compile time;
            # a `-src` build dependency (SQLCipher, OpenSSL) is C source compiled into it.
            if None in kinds and "proc-macro" not in packages[dep["pkg"]]["targets"][0]["kind"]:
                queue.append(dep["pkg"])
            elif "build" in kinds and name.endswith("-src"):
                queue.append(dep["pkg"])
    return sorted(
        (packages[pid] for pid in shipped if pid not in workspace),
        key=lambda p: (p["name"], p["version"]),
    )


def npm_packages():
    """The front end's packages that are bundled into ui/dist (not its build tools)."""
    lock = json.loads((ROOT / "ui" / "package-lock.json").read_text(encoding="utf-8"))
    found = []
    for path, entry in lock.get("packages", {}).items():
        if not path or entry.get("dev") or entry.get("devOptional"):
            continue
        name = entry.get("name") or path.split("node_modules/")[-1]
        found.append(
            {
                "name": name,
                "version": entry.get("version", ""),
                "license": entry.get("license", "NOASSERTION"),
                "path": ROOT / "ui" / path,
            }
        )
    return sorted(found, key=lambda p: (p["name"], p["version"]))


def cyclonedx(components, version):
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "serialNumber": f"urn:uuid:{uuid.uuid4()}",
        "version": 1,
        "metadata": {
            "component": {"type": "application", "name": "tsudoi", "version": version},
        },
        "components": components,
    }


def cargo_component(p):
    component = {
        "type": "library",
        "name": p["name"],
        "version": p["version"],
        "purl": f"pkg:cargo/{p['name']}@{p['version']}",
    }
    if p.get("license"):
        component["licenses"] = [{"expression": p["license"]}]
    if p.get("repository"):
        component["externalReferences"] = [{"type": "vcs", "url": p["repository"]}]
    return component


def npm_component(p):
    return {
        "type": "library",
        "name": p["name"],
        "version": p["version"],
        "purl": f"pkg:npm/{p['name'].replace('@', '%40')}@{p['version']}",
        "licenses": [{"expression": p["license"]}],
    }


def licence_texts(directory, bundles_c=False):
    """The licence files at the top of a package; for a -sys or -src crate also one folder down,
    where the C library it compiles in (SQLCipher, OpenSSL) keeps its own."""
    if not directory.is_dir():
        return []
    folders = [directory]
    if bundles_c:
        folders += sorted(d for d in directory.iterdir() if d.is_dir())
    return [
        f
        for folder in folders
        for f in sorted(folder.iterdir())
        if f.is_file() and f.name.lower().startswith(LICENCE_FILE_PREFIXES)
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, help="the Rust target triple built")
    parser.add_argument("--out", required=True, type=pathlib.Path)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    crates = cargo_packages(args.target)
    npm = npm_packages()
    version = json.loads((ROOT / "src-tauri" / "tauri.conf.json").read_text())["version"]

    (args.out / "sbom.cargo.json").write_text(
        json.dumps(cyclonedx([cargo_component(p) for p in crates], version), indent=1) + "\n",
        encoding="utf-8",
    )
    (args.out / "sbom.npm.json").write_text(
        json.dumps(cyclonedx([npm_component(p) for p in npm], version), indent=1) + "\n",
        encoding="utf-8",
    )

    # One copy of each distinct licence text, with every package that carries it.
    texts, carriers = {}, {}
    sources = [
        (f"{p['name']} {p['version']}", licence_texts(pathlib.Path(p["manifest_path"]).parent, p["name"].endswith(("-sys", "-src"))))
        for p in crates
    ]
    sources += [(f"{p['name']} {p['version']} (npm)", licence_texts(p["path"])) for p in npm]
    sources += [
        ("BIZ UDPGothic, BIZ UDPMincho, Tsudoi Fallback JP (fonts)", sorted((ROOT / "assets" / "fonts").glob("OFL-*.txt")))
    ]
    without_text = []
    for label, files in sources:
        if not files:
            without_text.append(label)
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace").strip()
            digest = hashlib.sha256(text.encode()).hexdigest()
            texts[digest] = text
            carriers.setdefault(digest, []).append(f"{label} ({f.parent.name}/{f.name})")

    lines = [
        "Tsudoi: third-party software notices",
        "=" * 38,
        "",
        "Tsudoi (MIT OR Apache-2.0) includes the following software. The full dependency lists,",
        "with versions and sources, are sbom.cargo.json and sbom.npm.json (CycloneDX 1.5).",
        "",
        f"Rust crates compiled into tsudoi-desktop and tsudoi for {args.target} ({len(crates)}):",
        "",
    ]
    lines += [f"  {p['name']} {p['version']}: {p.get('license') or 'see its licence text'}" for p in crates]
    lines += ["", f"Front-end packages bundled into the window ({len(npm)}):", ""]
    lines += [f"  {p['name']} {p['version']}: {p['license']}" for p in npm]
    lines += [
        "",
        "Fonts embedded in the documents: BIZ UDPGothic, BIZ UDPMincho (Morisawa) and Tsudoi",
        "Fallback JP (a subset of Noto Sans CJK JP), under the SIL Open Font License 1.1.",
        "",
    ]
    if without_text:
        lines += ["Packages whose source carries no separate licence file (their licence is named above):", ""]
        lines += [f"  {label}" for label in without_text]
        lines += [""]
    for digest, text in sorted(texts.items(), key=lambda item: carriers[item[0]][0]):
        lines += ["-" * 78, "", "Carried by:"]
        lines += [f"  {c}" for c in carriers[digest]]
        lines += ["", text, ""]
    (args.out / "THIRD-PARTY-NOTICES.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(crates)} crates, {len(npm)} npm packages, {len(texts)} distinct licence texts -> {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
