# Cross-compile check for micro/dsp: every micro/dsp/*.cc is compiled with
# arm-none-eabi-g++ for a Cortex-M4F (hard float) and a Cortex-M0+ (no FPU,
# no DSP instructions) into object files, with the device flags and warnings
# as errors. Nothing is linked. The tests MicroDspCrossCompile.<cpu> build the
# targets micro_dsp_<cpu>, which then print the objects' sizes
# (arm-none-eabi-size), and fail if any file does not compile; they are
# skipped, with a message, when arm-none-eabi-g++ is not installed.
find_program(MOTE_ARM_CXX arm-none-eabi-g++)
find_program(MOTE_ARM_SIZE arm-none-eabi-size)

set(MOTE_ARM_CPUS cortex_m4f cortex_m0plus)
set(MOTE_ARM_FLAGS_cortex_m4f -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard)
set(MOTE_ARM_FLAGS_cortex_m0plus -mcpu=cortex-m0plus -mfloat-abi=soft)

if(NOT MOTE_ARM_CXX OR NOT MOTE_ARM_SIZE)
  foreach(cpu ${MOTE_ARM_CPUS})
    add_test(NAME MicroDspCrossCompile.${cpu}
             COMMAND ${CMAKE_COMMAND} -E echo "arm-none-eabi-g++ not found: skipping the ${cpu} compile check of micro/dsp")
    set_tests_properties(MicroDspCrossCompile.${cpu} PROPERTIES SKIP_REGULAR_EXPRESSION "skipping")
  endforeach()
  return()
endif()

file(GLOB MOTE_DSP_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/micro/dsp/*.cc)
set(MOTE_ARM_COMMON_FLAGS -std=c++17 -fno-exceptions -fno-rtti -Os -mthumb -ffunction-sections -fdata-sections
    -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wcast-align -Wdouble-promotion -Werror
    -I${PROJECT_SOURCE_DIR})

foreach(cpu ${MOTE_ARM_CPUS})
  set(objects)
  foreach(source ${MOTE_DSP_SOURCES})
    get_filename_component(name ${source} NAME_WE)
    set(object ${CMAKE_BINARY_DIR}/micro_arm/${cpu}/${name}.o)
    add_custom_command(
      OUTPUT ${object}
      COMMAND ${MOTE_ARM_CXX} ${MOTE_ARM_COMMON_FLAGS} ${MOTE_ARM_FLAGS_${cpu}} -MMD -MF ${object}.d
              -c ${source} -o ${object}
      DEPENDS ${source}
      DEPFILE ${object}.d
      COMMENT "arm-none-eabi-g++ (${cpu}) micro/dsp/${name}.cc"
      VERBATIM)
    list(APPEND objects ${object})
  endforeach()
  add_custom_target(micro_dsp_${cpu}
                    COMMAND ${MOTE_ARM_SIZE} ${objects}
                    DEPENDS ${objects}
                    WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/micro_arm/${cpu}
                    VERBATIM)
  add_test(NAME MicroDspCrossCompile.${cpu}
           COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target micro_dsp_${cpu})
  # Two builds in one tree at once would fight over the build tool's lock.
  set_tests_properties(MicroDspCrossCompile.${cpu} PROPERTIES RESOURCE_LOCK mote_build_tree TIMEOUT 300)
endforeach()
