# mote_micro_flags(target): how micro/ is compiled everywhere, on the host
# (micro/CMakeLists.txt) and for every core (firmware/CMakeLists.txt), on top
# of mote_warnings:
#
# - no exceptions, no RTTI (micro/ runs without either on the device);
# - -ffp-contract=off: GCC fuses a * b + c into one fused multiply-add in C++
#   (even with -std=c++17) wherever the target has the instruction, as the
#   Cortex-M4F does and the host's x86-64 baseline does not; a fused result
#   is rounded once instead of twice, so the same source would compute
#   different floats on the host and on the device. Off, every float
#   operation is one IEEE operation rounded the same way on both, which the
#   host/device agreement of micro/dsp rests on (docs/dsp.md);
# - -Wdouble-promotion: a float silently promoted to double is emulated in
#   software on Cortex-M4F and M0+ (an error with MOTE_WERROR, as every
#   warning).
function(mote_micro_flags target)
  mote_warnings(${target})
  target_compile_options(${target} PRIVATE -Wdouble-promotion -ffp-contract=off
                         $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions -fno-rtti>)
endfunction()
