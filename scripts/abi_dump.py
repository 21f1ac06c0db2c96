#!/usr/bin/env python3
"""Writes the public ABI of a built libairops as sorted lines, one fact each, for
tests/dist/abi_compare.py to compare with the committed baseline (abi/libairops.abi).

The facts: the SONAME; every exported function with its C prototype; every typedef with the
type it stands for (callbacks included); every enumerator with its value; every complete
struct's size, alignment, and each field's offset and type, nested unions included. Types and
prototypes come from clang's AST of the header, sizes, offsets and values from a program that
the C compiler builds from the header. The exported symbols come from the library itself.

abidw (libabigail) reads types from DWARF, and this library's DWARF is Swift's: abidw sees the
exported names but none of their C types, so it cannot tell a changed signature from none.

Usage: abi_dump.py LIBRARY HEADER  (CLANG and CC from the environment, default clang and cc)
"""

import json
import os
import re
import subprocess
import sys
import tempfile

UNNAMED = re.compile(r"(struct|union) \((unnamed|anonymous) (struct|union) at [^)]*\)")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def exported_functions(library: str) -> list[str]:
    symbols = run("nm", "-D", "--defined-only", library).split()
    return sorted({s for s in symbols if s.startswith("airops_")})


def soname(library: str) -> str:
    match = re.search(r"\(SONAME\).*\[(.*)\]", run("readelf", "-d", library))
    return match.group(1) if match else "none"


def header_ast(header: str) -> list[dict]:
    clang = os.environ.get("CLANG", "clang")
    ast = json.loads(run(clang, "-Xclang", "-ast-dump=json", "-fsyntax-only", "-x", "c", header))
    return [node for node in ast["inner"] if node.get("name", "").lower().startswith("airops_")]


def type_text(node: dict) -> str:
    """The type as written, with clang's source positions of unnamed records taken out."""
    return UNNAMED.sub(r"\1 {...}", node["type"]["qualType"])


def record_fields(record: dict, path: str, facts: list[str], probes: list[tuple[str, str]], top: str) -> None:
    """Fields of a record, recursing into records defined inside it (the event's data union)."""
    nested = None
    for child in record.get("inner", []):
        if child["kind"] == "RecordDecl":
            nested = child
        elif child["kind"] == "FieldDecl":
            member = f"{path}.{child['name']}" if path else child["name"]
            facts.append(f"field {top}.{member} type {type_text(child)}")
            probes.append((f"field {top}.{member} offset", f"offsetof({top}, {member})"))
            if nested is not None and UNNAMED.search(child["type"]["qualType"]):
                record_fields(nested, member, facts, probes, top)
            nested = None


def declarations(nodes: list[dict], exported: set[str]) -> tuple[list[str], list[tuple[str, str]]]:
    facts: list[str] = []
    probes: list[tuple[str, str]] = []  # (fact, C expression whose value completes it)
    declared = set()
    for node in nodes:
        kind, name = node["kind"], node["name"]
        if kind == "FunctionDecl":
            declared.add(name)
            if name in exported:
                facts.append(f"function {name} {type_text(node)}")
        elif kind == "TypedefDecl":
            facts.append(f"typedef {name} = {node['type'].get('desugaredQualType', type_text(node))}")
        elif kind == "EnumDecl":
            probes.append((f"enum {name} size", f"sizeof(enum {name})"))
            for constant in node.get("inner", []):
                if constant["kind"] == "EnumConstantDecl":
                    probes.append((f"enumerator {name}.{constant['name']} =", constant["name"]))
        elif kind == "RecordDecl" and node.get("completeDefinition"):
            tag = f"{node['tagUsed']} {name}"
            probes.append((f"{tag} size", f"sizeof({tag})"))
            probes.append((f"{tag} align", f"_Alignof({tag})"))
            record_fields(node, "", facts, probes, tag)
    facts += [f"function {name} exported but not declared in the header" for name in exported - declared]
    return facts, probes


def measured(header: str, probes: list[tuple[str, str]]) -> list[str]:
    """Builds and runs a program that prints each probe's value."""
    lines = [f'#include "{os.path.abspath(header)}"', "#include <stddef.h>", "#include <stdio.h>",
             "int main(void) {"]
    lines += [f'    printf("%s %lld\\n", {json.dumps(fact)}, (long long)({expr}));' for fact, expr in probes]
    lines += ["    return 0;", "}"]
    with tempfile.TemporaryDirectory() as work:
        source, program = os.path.join(work, "probe.c"), os.path.join(work, "probe")
        with open(source, "w") as out:
            out.write("\n".join(lines) + "\n")
        subprocess.run([os.environ.get("CC", "cc"), "-std=c11", source, "-o", program], check=True)
        return run(program).splitlines()


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: abi_dump.py LIBRARY HEADER")
    library, header = sys.argv[1:]
    exported = set(exported_functions(library))
    facts, probes = declarations(header_ast(header), exported)
    facts += measured(header, probes)
    print(f"soname {soname(library)}")
    print("\n".join(sorted(facts)))


if __name__ == "__main__":
    main()
