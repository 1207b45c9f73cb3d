# Runs a libFuzzer target for a while from CTest:
#   cmake -DFUZZER=<exe> -DCORPUS=<dir> -DSEEDS=<dir with *.tflite, may be absent>
#         -DREGRESSIONS=<dir> -DSECONDS=<n> -P run_fuzzer.cmake
# The corpus folder keeps what the fuzzer found between runs; the seeds and
# the inputs that once failed (fuzz/regressions/) are copied into it first,
# and libFuzzer runs every corpus input before it mutates any. A crash (or a
# leak, or any sanitizer report) fails.
if(NOT EXISTS ${FUZZER})
  # execute_process would report "No such file" as a fuzzer failure and point
  # at a crashing input that does not exist.
  message(FATAL_ERROR "fuzzer ${FUZZER} was not built: build the fuzz targets first (cmake/fuzz.cmake)")
endif()
file(MAKE_DIRECTORY ${CORPUS})
if(DEFINED ENV{MOTE_SHARED_MODELS})
  set(SEEDS $ENV{MOTE_SHARED_MODELS})
endif()
if(EXISTS ${SEEDS})
  file(GLOB seeds ${SEEDS}/*.tflite)
  file(COPY ${seeds} DESTINATION ${CORPUS})
else()
  message(STATUS "no seed folder ${SEEDS}: fuzzing from an empty corpus")
endif()
file(GLOB regressions ${REGRESSIONS}/*)
if(regressions)
  file(COPY ${regressions} DESTINATION ${CORPUS})
endif()
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -max_len=400000 -rss_limit_mb=2048 -timeout=25
          -print_final_stats=1 -artifact_prefix=${CORPUS}/../ ${CORPUS}
  RESULT_VARIABLE rc)
if(NOT rc MATCHES "^[0-9]+$")
  message(FATAL_ERROR "${FUZZER} could not run: ${rc}")
elseif(NOT rc EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (exit ${rc}); the crashing input is beside ${CORPUS}")
endif()
