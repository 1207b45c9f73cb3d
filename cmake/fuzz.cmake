# The libFuzzer targets of fuzz/, configured with clang as their own project
# (the main build's compiler, g++, has no libFuzzer), and a CTest test per
# target that fuzzes for MOTE_FUZZ_SECONDS (60 by default).
include(ExternalProject)

find_program(MOTE_FUZZ_CXX NAMES clang++-14 clang++ DOC "clang with libFuzzer, for fuzz/")
set(MOTE_FUZZ_SECONDS 60 CACHE STRING "How long CTest runs each fuzzer")

if(MOTE_FUZZ_CXX)
  set(fuzz_dir ${CMAKE_BINARY_DIR}/fuzz)
  set(launcher ${CMAKE_CXX_COMPILER_LAUNCHER})
  if(NOT launcher)
    set(launcher $ENV{CMAKE_CXX_COMPILER_LAUNCHER})
  endif()
  ExternalProject_Add(mote_fuzz
    SOURCE_DIR ${PROJECT_SOURCE_DIR}/fuzz
    BINARY_DIR ${fuzz_dir}
    CMAKE_ARGS -DCMAKE_CXX_COMPILER=${MOTE_FUZZ_CXX} -DCMAKE_BUILD_TYPE=RelWithDebInfo
               -DCMAKE_CXX_COMPILER_LAUNCHER=${launcher}
    BUILD_COMMAND ${CMAKE_COMMAND} --build ${fuzz_dir} --parallel 2
    BUILD_ALWAYS ON
    BUILD_BYPRODUCTS ${fuzz_dir}/tflite_reader_fuzzer
    INSTALL_COMMAND "")
  if(MOTE_BUILD_TESTS)
    add_test(NAME fuzz_tflite_reader
             COMMAND ${CMAKE_COMMAND} -DFUZZER=${fuzz_dir}/tflite_reader_fuzzer
                     -DCORPUS=${fuzz_dir}/corpus/tflite_reader -DSEEDS=${PROJECT_SOURCE_DIR}/../shared/models
                     -DREGRESSIONS=${PROJECT_SOURCE_DIR}/fuzz/regressions -DSECONDS=${MOTE_FUZZ_SECONDS} -P ${PROJECT_SOURCE_DIR}/fuzz/run_fuzzer.cmake)
    set_tests_properties(fuzz_tflite_reader PROPERTIES TIMEOUT 300)
  endif()
else()
  message(STATUS "clang++ not found: no fuzzers (fuzz/)")
endif()
