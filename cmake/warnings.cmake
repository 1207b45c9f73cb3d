# mote_warnings(target): the warning set every mote target builds with. The
# C++-only warnings apply to C++ sources only, so C targets (firmware, the
# QEMU plugin) can use the same set.
function(mote_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast>
                         -Wcast-align -Wformat=2)
  if(MOTE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
