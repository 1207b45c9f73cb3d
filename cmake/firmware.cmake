# Cross-builds firmware/ from the main (host) build when arm-none-eabi-gcc is
# installed: one ExternalProject per emulated board and build type (startup,
# drivers, the test firmware, the DSP bench, and micro/ compiled for the
# board's core), plus micro/ alone for cores without an emulated board here
# (the Cortex-M0+ build of micro/, with the same warnings as errors).
#
# mps2-an386 is built twice: -Os (MinSizeRel, what firmware ships with; the
# sizes in the docs) and -O2 (RelWithDebInfo; the instruction counts of the
# DSP kernels, which are meant to be built for speed).
#
# With MOTE_BUILD_BENCH, mps2-an386-portable-o2 is the -O2 nn runner built
# with MOTE_PORTABLE_KERNELS (no DSP forms), for bench/nn_device_bench.
#
# mps2-an500 (Cortex-M7), mps2-an505 (Cortex-M33) and mps3-an547 (Cortex-M55)
# are built at -O2 with only tests/hello and apps/nn_runner (MOTE_FIRMWARE_SET
# nn): the harness check and the instruction counts of models on each core.
# Every board's folder is <build>/firmware/<board>-o2 at -O2 (what
# src/deploy/nn_device_runner.h looks for).
#
# Sets, for the tests and benchmarks:
#   MOTE_FIRMWARE_TARGETS      the ExternalProject targets (empty without the compiler)
#   MOTE_HELLO_FIRMWARE        firmware/tests/hello built for mps2-an386, or ""
#   MOTE_IMAGE_BLOCK_FIRMWARE  firmware/tests/image_block built for mps2-an386, or ""
#   MOTE_DSP_BENCH_DIR_OS      folder of the -Os dsp_bench_<block>.elf images, or ""
#   MOTE_DSP_BENCH_DIR_O2      folder of the -O2 images, or ""
#   MOTE_NN_BOARDS             boards built with apps/nn_runner at -O2 (empty without the compiler)
include(ExternalProject)

find_program(MOTE_ARM_NONE_EABI_GCC arm-none-eabi-gcc)
set(MOTE_FIRMWARE_TARGETS)
set(MOTE_HELLO_FIRMWARE "")
set(MOTE_IMAGE_BLOCK_FIRMWARE "")
set(MOTE_DSP_BENCH_DIR_OS "")
set(MOTE_DSP_BENCH_DIR_O2 "")
set(MOTE_NN_BOARDS)

# mote_firmware_build(NAME BOARD CPU BUILD_TYPE [SET [PORTABLE]]): firmware/
# configured for BOARD (a folder under firmware/boards/, or "" for micro/
# alone) on CPU, built in <build>/firmware/NAME every time the main build
# runs (a no-op when nothing changed). SET is firmware/CMakeLists.txt's
# MOTE_FIRMWARE_SET (all when omitted); PORTABLE (ON/OFF, OFF when omitted)
# its MOTE_PORTABLE_KERNELS.
function(mote_firmware_build name board cpu build_type)
  set(binary_dir ${CMAKE_BINARY_DIR}/firmware/${name})
  set(firmware_set all)
  if(ARGC GREATER 4)
    set(firmware_set ${ARGV4})
  endif()
  set(portable OFF)
  if(ARGC GREATER 5)
    set(portable ${ARGV5})
  endif()
  set(byproducts)
  if(board)
    set(byproducts ${binary_dir}/tests/hello/hello.elf ${binary_dir}/apps/nn_runner/nn_runner.elf)
    if(firmware_set STREQUAL "all")
      list(APPEND byproducts ${binary_dir}/tests/image_block/image_block.elf)
    endif()
  endif()
  ExternalProject_Add(firmware_${name}
    SOURCE_DIR ${PROJECT_SOURCE_DIR}/firmware
    BINARY_DIR ${binary_dir}
    CMAKE_ARGS
      -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/firmware/cmake/arm-none-eabi.cmake
      -DMOTE_BOARD=${board} -DMOTE_CPU=${cpu} -DMOTE_WERROR=${MOTE_WERROR}
      -DCMAKE_BUILD_TYPE=${build_type} -DMOTE_FIRMWARE_SET=${firmware_set} -DMOTE_PORTABLE_KERNELS=${portable}
    BUILD_COMMAND ${CMAKE_COMMAND} --build ${binary_dir} --parallel 2
    BUILD_ALWAYS ON
    BUILD_BYPRODUCTS ${byproducts}
    INSTALL_COMMAND "")
  set(MOTE_FIRMWARE_TARGETS ${MOTE_FIRMWARE_TARGETS} firmware_${name} PARENT_SCOPE)
endfunction()

if(MOTE_ARM_NONE_EABI_GCC)
  mote_firmware_build(mps2-an386 mps2-an386 cortex-m4 MinSizeRel)
  mote_firmware_build(mps2-an386-o2 mps2-an386 cortex-m4 RelWithDebInfo)
  mote_firmware_build(mps2-an500-o2 mps2-an500 cortex-m7 RelWithDebInfo nn)
  mote_firmware_build(mps2-an505-o2 mps2-an505 cortex-m33 RelWithDebInfo nn)
  mote_firmware_build(mps3-an547-o2 mps3-an547 cortex-m55 RelWithDebInfo nn)
  mote_firmware_build(micro-cortex-m0plus "" cortex-m0plus MinSizeRel)
  if(MOTE_BUILD_BENCH)
    # The M4 runner with the portable kernels: nn_device_bench's figure for
    # mote's reference kernels beside TFLM's.
    mote_firmware_build(mps2-an386-portable-o2 mps2-an386 cortex-m4 RelWithDebInfo nn ON)
  endif()
  set(MOTE_NN_BOARDS mps2-an386 mps2-an500 mps2-an505 mps3-an547)
  set(MOTE_HELLO_FIRMWARE ${CMAKE_BINARY_DIR}/firmware/mps2-an386/tests/hello/hello.elf)
  set(MOTE_IMAGE_BLOCK_FIRMWARE ${CMAKE_BINARY_DIR}/firmware/mps2-an386/tests/image_block/image_block.elf)
  set(MOTE_DSP_BENCH_DIR_OS ${CMAKE_BINARY_DIR}/firmware/mps2-an386/apps/dsp_bench)
  set(MOTE_DSP_BENCH_DIR_O2 ${CMAKE_BINARY_DIR}/firmware/mps2-an386-o2/apps/dsp_bench)
else()
  message(STATUS "arm-none-eabi-gcc not found: no firmware; the emulated-board tests will skip")
endif()

# Where the host finds the firmware and the plugin at run time
# (src/deploy/nn_device_runner.cc; MOTE_FIRMWARE_DIR overrides it).
set_source_files_properties(${PROJECT_SOURCE_DIR}/src/deploy/nn_device_runner.cc DIRECTORY ${PROJECT_SOURCE_DIR}/src
  PROPERTIES COMPILE_DEFINITIONS MOTE_DEFAULT_FIRMWARE_DIR="${CMAKE_BINARY_DIR}/firmware")
# `mote bench` loads the plugin: build it with the binary (it is small).
add_dependencies(mote mote_insn_count)
