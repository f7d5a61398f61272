#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a make check guest log into per-test results.

The guest (scripts/guest-check.sh) prints each KUnit suite's KTAP and each
selftest's TAP between "probescale-begin KIND:NAME" and
"probescale-end KIND:NAME rc=N" lines.  Every block is parsed by the
kernel's own tools/testing/kunit/kunit.py parse (--json); this script only
cuts the log into blocks and counts what kunit.py reports.

Usage: verdict.py KUNIT_PY LOG RUN-NAME >> results.tsv
Prints one line per test case: STATUS<TAB>RUN-NAME/BLOCK/CASE, with
STATUS one of PASS, FAIL, SKIP.  A block whose program exited non-zero
without a failing case, a block with no test cases, and a guest that did
not finish its plan each add a FAIL line of their own.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PRINTK = re.compile(r'^\[\s*\d+\.\d+\] ')
BEGIN = re.compile(r'^probescale-begin (\S+)$')
END = re.compile(r'^probescale-end (\S+) rc=(\d+)$')


def blocks(lines):
    """Yield (name, rc, body lines) for every complete result block."""
    name, body = None, []
    for line in lines:
        m = BEGIN.match(line)
        if m:
            name, body = m.group(1), []
            continue
        m = END.match(line)
        if m and name == m.group(1):
            yield name, int(m.group(2)), body
            name = None
            continue
        if name is not None and not PRINTK.match(line):
            body.append(line)
    if name is not None:
        yield name, None, body


def cases(group, prefix=''):
    """Flatten kunit.py's JSON (groups of test cases) into (name, status)."""
    for case in group.get('test_cases', []):
        yield prefix + case['name'], case['status']
    for sub in group.get('sub_groups', []):
        yield from cases(sub, prefix + sub['name'] + '/')


def parse_block(kunit_py, body):
    """Run kunit.py parse on one block; return [(case, PASS|FAIL|SKIP)]."""
    with tempfile.TemporaryDirectory() as tmp:
        tap = os.path.join(tmp, 'block.tap')
        out = os.path.join(tmp, 'block.json')
        with open(tap, 'w') as f:
            f.write('\n'.join(body) + '\n')
        subprocess.run([sys.executable, kunit_py, 'parse', '--json=' + out,
                        tap], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        if not os.path.exists(out):
            return []
        with open(out) as f:
            result = json.load(f)
    status = {'PASS': 'PASS', 'SKIP': 'SKIP'}
    return [(n, status.get(s, 'FAIL')) for n, s in cases(result)]


def main():
    kunit_py, log, run = sys.argv[1:4]
    with open(log, errors='replace') as f:
        lines = f.read().splitlines()
    for name, rc, body in blocks(lines):
        results = parse_block(kunit_py, body)
        suite = name.split(':', 1)[-1]
        for case, status in results:
            # KTAP names the suite again: don't repeat it.
            if case.startswith(suite + '/'):
                case = case[len(suite) + 1:]
            print(f'{status}\t{run}/{name}/{case}')
        if rc is None:
            print(f'FAIL\t{run}/{name}/(block cut off: guest died)')
        elif not results:
            print(f'FAIL\t{run}/{name}/(no test results)')
        elif rc != 0 and all(s != 'FAIL' for _, s in results):
            print(f'FAIL\t{run}/{name}/(exit status {rc})')
    if 'probescale-plan-done' not in lines:
        print(f'FAIL\t{run}/(guest did not finish its plan)')


if __name__ == '__main__':
    main()
