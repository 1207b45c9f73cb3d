# CMake toolchain file for bare-metal Cortex-M with Debian's arm-none-eabi-gcc
# and newlib-nano.
#
#   cmake -S firmware -B build-fw --toolchain $PWD/firmware/cmake/arm-none-eabi.cmake \
#         -DMOTE_CPU=cortex-m4
#
# MOTE_CPU picks the core; each core gets its hardware floating point (when it
# has one) with the hard-float ABI, which selects the matching newlib multilib.
# Code and data go into their own sections so that --gc-sections drops what is
# not referenced. C++ has no exceptions, no RTTI and no thread-safe statics
# guards (the firmware is single-threaded). There is no crt0: the board's
# startup code (firmware/common/startup.c) is the entry point.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(MOTE_CPU cortex-m4 CACHE STRING "Cortex-M core to build for")
set_property(CACHE MOTE_CPU PROPERTY STRINGS cortex-m0plus cortex-m4 cortex-m7 cortex-m33 cortex-m55)
# try_compile() projects re-read this file; they need the same core.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES MOTE_CPU)

if(MOTE_CPU STREQUAL "cortex-m0plus")
  set(MOTE_CPU_FLAGS "-mcpu=cortex-m0plus -mfloat-abi=soft")
elseif(MOTE_CPU STREQUAL "cortex-m4")
  set(MOTE_CPU_FLAGS "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
elseif(MOTE_CPU STREQUAL "cortex-m7")
  set(MOTE_CPU_FLAGS "-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard")
elseif(MOTE_CPU STREQUAL "cortex-m33")
  set(MOTE_CPU_FLAGS "-mcpu=cortex-m33 -mfpu=fpv5-sp-d16 -mfloat-abi=hard")
elseif(MOTE_CPU STREQUAL "cortex-m55")
  # -mfpu=auto: the FPU and MVE (Helium) that -mcpu implies.
  set(MOTE_CPU_FLAGS "-mcpu=cortex-m55 -mfpu=auto -mfloat-abi=hard")
else()
  message(FATAL_ERROR "MOTE_CPU=${MOTE_CPU}: expected one of cortex-m0plus, cortex-m4, cortex-m7, cortex-m33, cortex-m55")
endif()
set(MOTE_CPU_FLAGS "-mthumb ${MOTE_CPU_FLAGS}")

find_program(MOTE_ARM_GCC arm-none-eabi-gcc REQUIRED)
find_program(MOTE_ARM_GXX arm-none-eabi-g++ REQUIRED)
set(CMAKE_C_COMPILER ${MOTE_ARM_GCC})
set(CMAKE_CXX_COMPILER ${MOTE_ARM_GXX})
set(CMAKE_ASM_COMPILER ${MOTE_ARM_GCC})
# The compiler checks cannot link without a board's startup and linker script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_FLAGS_INIT "${MOTE_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_CXX_FLAGS_INIT
    "${MOTE_CPU_FLAGS} -ffunction-sections -fdata-sections -fno-exceptions -fno-rtti -fno-threadsafe-statics")
set(CMAKE_ASM_FLAGS_INIT "${MOTE_CPU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${MOTE_CPU_FLAGS} --specs=nano.specs -nostartfiles -Wl,--gc-sections")

# Look for libraries and headers only in the cross environment, programs on
# the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
