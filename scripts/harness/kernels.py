# SPDX-License-Identifier: GPL-2.0
"""The kernels the harness boots: where their source comes from, which
patch series they carry, which configs and architectures they are built
for, and which commands use them.

Adding a kernel is one entry of KERNELS: a new version's source is one
entry of SOURCES; a patch series is a directory patches/NAME named by the
kernels that carry it; a stock kernel (Debian's, unpacked from its
packages rather than built) is a Kernel with a Stock.  make check boots
the kernels whose `check` is set on the plan lines that name them
(selftests/check.plan); make bench uses vanilla, patched and
vanilla-6.12.
"""
import os
from dataclasses import dataclass, field
from typing import Optional, Tuple

from .arches import ARCHES


@dataclass(frozen=True)
class Source:
    """A kernel source: Debian's linux-source-VERSION package."""
    version: str
    package: str
    tarball: str
    # the objpool bench's pools on this kernel (bench/objpool_bench_main.c)
    objpool_pools: Tuple[str, ...]
    # config fragments (scripts/configs) every kernel built from it gets
    configs: Tuple[str, ...] = ()


SOURCES = {s.version: s for s in (
    Source('6.1', 'linux-source-6.1', '/usr/src/linux-source-6.1.tar.xz',
           ('ours', 'freelist', 'none')),
    # 6.12.config: the kernel's own objpool test, lib/test_objpool.ko
    Source('6.12', 'linux-source-6.12', '/usr/src/linux-source-6.12.tar.xz',
           ('ours', 'upstream', 'none'), configs=('6.12.config',)),
)}

# The config variants of a built kernel: the fragments of scripts/configs
# added to allnoconfig, common.config and ARCH.config.
VARIANTS = {
    'plain': (),                    # modules, KUnit, kprobes, uprobes, ftrace
    'debug': ('debug.config',),     # KASAN, lockdep, kmemleak, failslab, ...
    'kcsan': ('kcsan.config',),     # KCSAN (cannot be combined with KASAN)
}


@dataclass(frozen=True)
class Stock:
    """A distribution kernel, from its packages (scripts/stock-kernel.sh)."""
    abi: str            # the release without the flavour
    version: str        # the packages' version
    kbuild: str         # the linux-kbuild package
    flavour: str = 'amd64'

    @property
    def release(self):
        return f'{self.abi}-{self.flavour}'

    def packages(self):
        return (f'linux-image-{self.release}-unsigned',
                f'linux-headers-{self.release}',
                f'linux-headers-{self.abi}-common', self.kbuild)


@dataclass(frozen=True)
class Kernel:
    name: str
    source: str                     # a version of SOURCES
    series: Tuple[str, ...] = ()    # patches/NAME, applied in this order
    variants: Tuple[str, ...] = ('plain',)
    arches: Tuple[str, ...] = tuple(ARCHES)
    check: bool = False             # make check builds (or fetches) it
    stock: Optional[Stock] = None
    label: str = field(default='')  # how reports name it
    # make check on several arches (CI) runs this kernel's variants but
    # plain only when one arch is checked, as Arch.debug_alone_only
    debug_alone_only: bool = False

    def present_series(self, top):
        """(series that exist in TOP/patches, series that do not yet)."""
        have, missing = [], []
        for s in self.series:
            d = os.path.join(top, 'patches', s)
            ok = os.path.isdir(d) and any(
                f[:4].isdigit() and f[4] == '-' and f.endswith('.patch')
                and not f.startswith('0000-') for f in os.listdir(d))
            (have if ok else missing).append(s)
        return have, missing


KERNELS = {k.name: k for k in (
    # Debian's own kernels as users run them: no KUnit; make check loads
    # and unloads every module there.  When Debian's archive drops a
    # version, update it here.
    Kernel('stock-6.1', '6.1', arches=('x86_64',), check=True,
           stock=Stock('6.1.0-57', '6.1.192-3', 'linux-kbuild-6.1')),
    Kernel('stock-6.12', '6.12', arches=('x86_64',), check=True,
           stock=Stock('6.12.107+deb12', '6.12.107-1~deb12u1',
                       'linux-kbuild-6.12.107+deb12')),
    # The project's test kernels.
    # CI (make check on both arches) boots one debug kernel, the newest
    # patched one: it runs our modules' suites and the code of both
    # series under KASAN, and each debug kernel is a cold build of half
    # an hour on a fresh machine.  6.1's debug kernels run with make
    # check ARCH=x86_64.
    Kernel('vanilla', '6.1', variants=('plain', 'debug'), check=True,
           label='vanilla 6.1', debug_alone_only=True),
    Kernel('patched', '6.1', series=('objpool', 'uprobes-xol'),
           variants=('plain', 'debug'), check=True, label='patched 6.1',
           debug_alone_only=True),
    # Linux 6.12 LTS, with the 6.12 series; vanilla-6.12 is also make
    # bench's kernel of the upstream objpool.  The debug variant is built
    # for the patched kernel only: what it adds to vanilla is our code.
    Kernel('vanilla-6.12', '6.12', check=True, label='vanilla 6.12'),
    Kernel('patched-6.12', '6.12', series=('objpool-6.12', 'uprobes-xol-6.12'),
           variants=('plain', 'debug'), check=True, label='patched 6.12'),
)}


def kernel(name):
    try:
        return KERNELS[name]
    except KeyError:
        raise ValueError(f"unknown kernel '{name}': choose from: "
                         + ' '.join(KERNELS)) from None


def source(version):
    try:
        return SOURCES[version]
    except KeyError:
        raise ValueError(f"unknown kernel version '{version}': use "
                         + ' or '.join(SOURCES)) from None


def bench_pair(version):
    """make bench's two kernels for kernel VERSION (its KVER): the built
    kernel of that source without series and the one with them."""
    source(version)
    built = [k for k in KERNELS.values() if k.source == version and not k.stock]
    vanilla = [k.name for k in built if not k.series]
    patched = [k.name for k in built if k.series]
    if len(vanilla) != 1 or len(patched) != 1:
        raise ValueError(f'kernel version {version} has no vanilla/patched pair')
    return vanilla[0], patched[0]


def check_kernels(arch, n_arches, top):
    """make check's kernels for ARCH, in the order it runs them: the
    stock kernels first (their guests run while the others build), then
    each built kernel in each variant.  (name, variant) pairs; a kernel
    with series none of which exist yet is left out.  An arch or a kernel
    that is debug_alone_only gets its debug kernels only when ARCH is the
    one arch checked (N_ARCHES == 1)."""
    a = ARCHES[arch]
    out = []
    for k in sorted((k for k in KERNELS.values() if k.check and arch in k.arches),
                    key=lambda k: k.stock is None):
        if k.series and not k.present_series(top)[0]:
            continue
        for v in k.variants:
            if v != 'plain' and (a.debug_alone_only or k.debug_alone_only) \
                    and n_arches > 1:
                continue
            out.append((k.name, v))
    return out
