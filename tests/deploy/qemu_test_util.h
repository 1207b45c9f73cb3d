// What the emulated-board tests share: whether QEMU is there to run them.
#pragma once

namespace mote::testing {

// True if qemu-system-arm is an executable file on $PATH.
bool QemuOnPath();

}  // namespace mote::testing
