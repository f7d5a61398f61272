# SPDX-License-Identifier: GPL-2.0
"""Progress of long steps: a kernel build, an unpacked tarball, a guest.

The step runs in the background writing a log; `python3 -m harness
progress watch` follows the log while the step's process lives and prints
a line every so often: how many units (objects kbuild built, files tar
unpacked, test results a guest printed) are done out of the count of the last complete run of the same
step, the time it has taken and an estimate of what is left.  `progress
record` stores that count and time after a step succeeded, under
PS_CACHE/progress/KEY.
"""
import os
import re
import sys
import time

# kbuild's quiet lines: "  CC      kernel/fork.o", "  LD [M]  ...", ...
KBUILD_LINE = re.compile(r'^  [A-Z][A-Z0-9_]*( \[M\])? +\S')
# TAP and KTAP result lines, at any nesting depth
TAP_RESULT = re.compile(r'^\s*(not )?ok [0-9]+')
PATTERNS = {'objects': KBUILD_LINE, 'files': re.compile(r'.'), 'results': TAP_RESULT}


def count(lines, unit):
    pat = PATTERNS[unit]
    return sum(1 for line in lines if pat.match(line))


def fmt_secs(s):
    s = max(0, int(s))
    return f'{s // 60}m{s % 60:02d}s'


def load(stats_dir, key):
    """(units, seconds) of the last complete run of KEY, or None."""
    try:
        with open(os.path.join(stats_dir, key), encoding='utf-8') as f:
            units, secs = f.read().split()
            return int(units), float(secs)
    except (OSError, ValueError):
        return None


def save(stats_dir, key, units, secs):
    """Remember a complete run of KEY; a run that did much less work than
    the last one (a resumed build) does not replace it."""
    last = load(stats_dir, key)
    if units <= 0 or (last and units < last[0] // 2):
        return
    os.makedirs(stats_dir, exist_ok=True)
    tmp = os.path.join(stats_dir, key + '.tmp')
    with open(tmp, 'w', encoding='utf-8') as f:
        f.write(f'{units} {secs:.0f}\n')
    os.replace(tmp, os.path.join(stats_dir, key))


def line(label, done, elapsed, last, unit):
    """One progress line."""
    if not last:
        return f'{label}: {done} {unit}, {fmt_secs(elapsed)} (no earlier run to estimate from)'
    total, secs = last
    shown = min(done, total)
    if done >= total:
        left = 'about done'
    elif done > total * 0.05 and elapsed > 0:
        left = '~' + fmt_secs((total - done) * elapsed / done) + ' left'
    else:
        left = '~' + fmt_secs(secs - elapsed) + ' left'
    return (f'{label}: {shown} of ~{total} {unit}, {fmt_secs(elapsed)}, {left} '
            f'(last time {fmt_secs(secs)})')


def alive(pid):
    try:
        with open(f'/proc/{pid}/stat', encoding='utf-8') as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except (OSError, IndexError):
        return False


def watch(pid, log, label, unit, last, every, start=None, out=sys.stderr, poll=1.0):
    """Print a progress line every EVERY seconds while PID lives (looked
    at every POLL seconds)."""
    start = start or time.time()
    done, pos, next_print = 0, 0, start + every
    pat = PATTERNS[unit]
    while alive(pid):
        time.sleep(poll)
        try:
            with open(log, encoding='utf-8', errors='replace') as f:
                f.seek(pos)
                chunk = f.read()
        except OSError:
            continue
        # whole lines only
        cut = chunk.rfind('\n') + 1
        pos += len(chunk[:cut].encode('utf-8', errors='replace'))
        done += sum(1 for ln in chunk[:cut].splitlines() if pat.match(ln))
        now = time.time()
        if now >= next_print:
            print(time.strftime('[%H:%M:%S] ') + '  '
                  + line(label, done, now - start, last, unit), file=out, flush=True)
            next_print = now + every
    return done


def stats_dir():
    cache = os.environ.get('PS_CACHE') or os.path.join(
        os.environ.get('XDG_CACHE_HOME') or os.path.expanduser('~/.cache'), 'probescale')
    return os.path.join(cache, 'progress')


def cmd_watch(a):
    """Follow LOG while PID lives; a progress line every EVERY seconds."""
    last = None
    for key in a.key:
        last = load(stats_dir(), key)
        if last:
            break
    watch(a.pid, a.log, a.label, a.unit, last, a.every)


def cmd_record(a):
    """After a step succeeded: store its count of units and its seconds."""
    with open(a.log, encoding='utf-8', errors='replace') as f:
        units = count(f, a.unit)
    for key in a.key:
        save(stats_dir(), key, units, a.seconds)


def add_commands(add):
    unit = (('--unit',), dict(choices=list(PATTERNS), default='objects'))
    keys = (('--key',), dict(action='append', required=True,
                             help='the step, e.g. linux-6.1-x86_64-plain; the first one known is used'))
    add('progress-watch', cmd_watch, (('--pid',), dict(type=int, required=True)),
        (('--log',), dict(required=True)), (('--label',), dict(required=True)),
        (('--every',), dict(type=float, default=float(os.environ.get('PS_PROGRESS_SECS', 30)))),
        unit, keys)
    add('progress-record', cmd_record, (('--log',), dict(required=True)),
        (('--seconds',), dict(type=float, required=True)), unit, keys)
