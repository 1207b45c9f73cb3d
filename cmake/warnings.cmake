# mote_warnings(target): the warning set every mote target builds with.
function(mote_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
                         -Wformat=2)
  if(MOTE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
