#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn a make check guest log into per-test results.

The guest (scripts/guest-check.sh) prints each KUnit suite's KTAP and each
selftest's TAP between "probescale-begin KIND:NAME" and
"probescale-end KIND:NAME rc=N" lines.  Every block is parsed by the
kernel's own KTAP parser (tools/testing/kunit/kunit_parser.py, what
"kunit.py parse" runs); this script only cuts the log into blocks and
counts the parsed results.

Usage: verdict.py KUNIT_PY LOG RUN-NAME >> results.tsv
Prints one line per test case: STATUS<TAB>RUN-NAME/BLOCK/CASE, with
STATUS one of PASS, FAIL, SKIP.  A block whose program exited non-zero
without a failing case, a block with no test cases, and a guest that did
not finish its plan each add a FAIL line of their own.
"""
import contextlib
import io
import os
import re
import sys

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


def cases(test, prefix='', parent_skipped=False, number=0):
    """Flatten a parsed Test tree into (name, PASS|FAIL|SKIP) leaves.

    A test the plan line announced but the output never reached (the
    program died or hung) comes back from the parser without a name: it
    is reported as "(test N missing)".

    6.1's KUnit prints the parameters of a skipped parameterised case as
    plain "ok" lines: a leaf under a skipped case is a skip, not a pass.
    A failed or crashed case whose children all passed (a failure outside
    any parameter) is a failure of its own.
    """
    skipped = parent_skipped or test.status == TestStatus.SKIPPED
    name = test.name or f'(test {number} missing)'
    if not test.subtests:
        if test.status == TestStatus.SUCCESS:
            yield prefix + name, 'SKIP' if skipped else 'PASS'
        elif test.status == TestStatus.SKIPPED:
            yield prefix + name, 'SKIP'
        else:
            yield prefix + name, 'FAIL'
        return
    leaves = []
    for number, sub in enumerate(test.subtests, 1):
        leaves += cases(sub, prefix + name + '/', skipped, number)
    yield from leaves
    if test.status not in (TestStatus.SUCCESS, TestStatus.SKIPPED) and \
       all(status != 'FAIL' for _, status in leaves):
        yield prefix + name + '/(failed)', 'FAIL'


RUN = re.compile(r'^(\s*)#\s+RUN\s+(\S+) \.\.\.$')
NAMELESS_SKIP = re.compile(r'^(\s*ok [0-9]+) (# SKIP.*)$')


def harness_skip_names(body):
    """Name the skipped cases of 6.1's kselftest_harness.

    It prints a skipped case as "ok N # SKIP REASON", without the case's
    name, which the KTAP parser does not take for a result at all.  The
    name is in the case's "#  RUN           FIXTURE.TEST ..." line before.
    """
    name, out = None, []
    for line in body:
        m = RUN.match(line)
        if m:
            name = m.group(2)
        m = NAMELESS_SKIP.match(line)
        if m and name:
            line = f'{m.group(1)} {name} {m.group(2)}'
        if re.match(r'^\s*(not )?ok [0-9]+', line):
            name = None
        out.append(line)
    return out


RUNNER_START = re.compile(r'^# selftests: (\S+): (\S+)$')


def kselftest_unnest(body):
    """Make the output of the kselftest runner (run_kselftest.sh) KTAP.

    The runner prints one result per program and the program's own TAP
    prefixed by "# ", after a "# selftests: DIR: PROGRAM" line.  Turn
    that into a subtest DIR:PROGRAM, indented, whose cases the parser
    then sees; the program's "TAP version" line goes (the parser takes
    no indented one), the runner's result line closes the subtest.
    """
    out, name = [], None
    for line in body:
        m = RUNNER_START.match(line)
        if m:
            name = f'{m.group(1)}:{m.group(2)}'
            out.append(f'    # Subtest: {name}')
            continue
        if name is None:
            out.append(line)
            continue
        m = re.match(r'^((?:not )?ok [0-9]+) selftests: \S+: \S+( # .*)?$',
                     line)
        if m:
            out.append(f'{m.group(1)} {name}{m.group(2) or ""}')
            name = None
        elif re.match(r'^# (K?TAP version [0-9]+)$', line):
            continue
        elif line.startswith('# ') or line == '#':
            out.append('    ' + line[2:])
        else:
            out.append(line)
    return out


def parse_block(body):
    """Parse one block with the kernel's KTAP parser (kunit_parser.py)."""
    # guest-check.sh gives a module's suites the top-level KTAP header
    # 6.1 does not print; later kernels (6.12) print one of their own,
    # and two before the plan stop the parser: keep the kernel's.  Other
    # kernel messages may come between them.
    headers = [i for i, line in enumerate(body) if line.startswith('KTAP version')][:2]
    if len(headers) == 2 and not any(re.match(r'^1\.\.[0-9]+', line)
                                     for line in body[headers[0]:headers[1]]):
        body = body[:headers[0]] + body[headers[0] + 1:]
    body = harness_skip_names(kselftest_unnest(body))
    test = kunit_parser.parse_run_tests(body)
    # The root is a nameless container of the block's top-level tests.
    results = []
    for number, sub in enumerate(test.subtests, 1):
        results += cases(sub, number=number)
    if test.status == TestStatus.FAILURE_TO_PARSE_TESTS:
        results.append(('(unparsable output)', 'FAIL'))
    return results


def main():
    global kunit_parser, TestStatus
    kunit_py, log, run = sys.argv[1:4]
    sys.path.insert(0, os.path.dirname(os.path.abspath(kunit_py)))
    # kunit_parser prints its own report: keep it off our output, which
    # is the results.  (Its printer takes sys.stdout when imported.)
    with contextlib.redirect_stdout(io.StringIO()):
        import kunit_parser
        from kunit_parser import TestStatus
    try:
        with open(log, errors='replace') as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        # The guest never started (guest_run records why).
        lines = []
    for name, rc, body in blocks(lines):
        results = parse_block(body)
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
