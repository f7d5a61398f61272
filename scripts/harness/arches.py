# SPDX-License-Identifier: GPL-2.0
"""The guest architectures: QEMU's parameters and the toolchain for each.

Adding an architecture is one entry of ARCHES (plus its kernel config
fragment, scripts/configs/ARCH.config, and its trigger targets).

Possible CPUs beyond the online ones (GuestSize N/M) are asked for in
one of two ways, the arch's `possible` method:

  'qemu-maxcpus'  -smp N,maxcpus=M: QEMU describes M CPUs to the guest,
                  N of them present (x86_64's q35).  q35 takes more than
                  255 vCPUs only with KVM's x2APIC, so above hotplug_max
                  the kernel's possible_cpus=M is used instead, with -smp N.
  'kernel-maxcpus'  -smp M with the kernel's maxcpus=N: QEMU creates all M
                  vCPUs and the kernel brings up N; the others stay
                  powered off (arm64's virt, which ignores maxcpus: its
                  guest saw 2 possible CPUs where 64 were asked for).

Either way the guest is told ps.possible=M and scripts/guest-init.sh
fails the run when the kernel has another count.
"""
import platform
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Arch:
    name: str           # ARCH= and kbuild's ARCH
    uname: str          # uname -m of a host of this architecture
    cross: str          # cross compiler prefix on other hosts
    config: str         # the .config symbol a kernel of this arch has
    qemu: str
    machine: str
    console: str
    image: str          # boot image, relative to a kernel build
    possible: str       # 'qemu-maxcpus' or 'kernel-maxcpus' (above)
    hotplug_max: Optional[int] = None   # qemu-maxcpus: the most QEMU takes
    # make check on several arches runs this arch's debug kernels only
    # when it is the only one (its KASAN guests are the slowest of all)
    debug_alone_only: bool = False

    def cross_compile(self, host=None):
        """The compiler prefix on a host of architecture HOST (uname -m)."""
        return '' if (host or platform.machine()) == self.uname else self.cross

    def cpu_args(self, vcpus, possible=None):
        """QEMU's -smp value and the kernel parameters for a guest with
        VCPUS online of POSSIBLE possible CPUs."""
        if possible is None:
            return str(vcpus), []
        if possible < vcpus:
            raise ValueError(f'bad possible CPU count {possible} for '
                             f'{vcpus} vCPUs')
        kargs = [f'ps.possible={possible}']
        if self.possible == 'kernel-maxcpus':
            return str(possible), kargs + [f'maxcpus={vcpus}']
        if self.hotplug_max is not None and possible > self.hotplug_max:
            return str(vcpus), kargs + [f'possible_cpus={possible}']
        return f'{vcpus},maxcpus={possible}', kargs


ARCHES = {a.name: a for a in (
    Arch('x86_64', uname='x86_64', cross='x86_64-linux-gnu-',
         config='CONFIG_X86_64', qemu='qemu-system-x86_64', machine='q35',
         console='ttyS0', image='arch/x86/boot/bzImage',
         possible='qemu-maxcpus', hotplug_max=255),
    Arch('arm64', uname='aarch64', cross='aarch64-linux-gnu-',
         config='CONFIG_ARM64', qemu='qemu-system-aarch64',
         machine='virt,gic-version=3', console='ttyAMA0',
         image='arch/arm64/boot/Image', possible='kernel-maxcpus',
         debug_alone_only=True),
)}


def arch(name):
    """The Arch called NAME; ValueError naming the known ones."""
    try:
        return ARCHES[name]
    except KeyError:
        raise ValueError(f"unknown ARCH '{name}': use "
                         + ' or '.join(f'ARCH={a}' for a in ARCHES)) from None


def main(argv):
    """python3 -m harness.arches: what vm-run.sh and the toolchain
    scripts ask of the table (shell assignments, for eval):

      check ARCH             nothing; exit 1 with a message if unknown
      cross ARCH             the cross compiler prefix on this host
      config ARCH            the .config symbol of a kernel for ARCH
      qemu ARCH SMP [MAXCPUS]  qemu= kernel_image= machine= console=
                             smp= kargs= for a guest of SMP vCPUs online
                             of MAXCPUS possible
    """
    import shlex
    import sys
    try:
        cmd, a = argv[0], arch(argv[1])
        if cmd == 'check':
            return 0
        if cmd == 'cross':
            print(a.cross_compile())
            return 0
        if cmd == 'config':
            print(a.config)
            return 0
        if cmd == 'qemu':
            smp = int(argv[2])
            maxcpus = int(argv[3]) if len(argv) > 3 and argv[3] else None
            cpus, kargs = a.cpu_args(smp, maxcpus)
            for k, v in (('qemu', a.qemu), ('kernel_image', a.image),
                         ('machine', a.machine), ('console', a.console),
                         ('smp', cpus), ('cpu_kargs', ' '.join(kargs))):
                print(f'{k}={shlex.quote(v)}')
            return 0
    except (IndexError, ValueError) as e:
        print(f'probescale: error: {e}' if str(e) else main.__doc__, file=sys.stderr)
        return 1
    print(main.__doc__, file=sys.stderr)
    return 1


if __name__ == '__main__':
    import sys
    sys.exit(main(sys.argv[1:]))
