# Compiles src/model/tflite_schema.fbs with flatc into
# <out_dir>/tflite_schema_generated.h and sets <var> to that header's path.
# Used by the main build and by the fuzzer's own project (fuzz/).
find_package(FlatBuffers REQUIRED)

function(mote_tflite_schema var out_dir)
  set(schema ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/../src/model/tflite_schema.fbs)
  set(header ${out_dir}/tflite_schema_generated.h)
  add_custom_command(
    OUTPUT ${header}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${out_dir}
    COMMAND flatbuffers::flatc --cpp --gen-mutable -o ${out_dir} ${schema}
    DEPENDS ${schema} flatbuffers::flatc
    COMMENT "flatc: the .tflite schema"
    VERBATIM)
  set(${var} ${header} PARENT_SCOPE)
endfunction()
