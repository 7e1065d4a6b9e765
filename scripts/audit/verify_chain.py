#!/usr/bin/env python3
"""Checks an Assay platform audit export (platform audit export) without any Assay code.

Usage: python3 verify_chain.py EXPORT.jsonl
Prints "intact: N chains, M revisions" and exits 0, or names the first broken link of each broken chain
and exits 1. The algorithm is docs/audit.md's: within each chain (task id, expert), lines come in revision
order 1, 2, 3...; each line's previousHash is the previous line's hash (64 zeros for revision 1), and its hash
is SHA-256 over previousHash followed by the canonical JSON of its content (keys sorted, no whitespace, UTF-8).
"""
import hashlib
import json
import sys

GENESIS = "0" * 64


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def main(path):
    chains = {}
    broken = []
    revisions = 0
    with open(path, encoding="utf-8") as f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            line = json.loads(text)
            content = line["content"]
            key = (content["taskId"], line["expert"])
            previous, expected_revision = chains.get(key, (GENESIS, 1))
            revisions += 1
            if key in dict(broken):
                continue
            problem = None
            if content["revision"] != expected_revision:
                problem = f"revision {content['revision']} found where revision {expected_revision} was due"
            elif line["previousHash"] != previous:
                problem = f"revision {content['revision']} does not follow revision {expected_revision - 1}"
            elif hashlib.sha256((previous + canonical(content)).encode("utf-8")).hexdigest() != line["hash"]:
                problem = f"revision {content['revision']} does not match its hash"
            if problem:
                broken.append((key, f"line {number}: task {key[0]}, expert {key[1]}: {problem} ({line.get('source')} {line.get('sourceId')})"))
            chains[key] = (line["hash"], expected_revision + 1)
    for _, message in broken:
        print(f"BROKEN {message}")
    if broken:
        return 1
    print(f"intact: {len(chains)} chains, {revisions} revisions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
