# Warnings for our own targets only (third-party headers are included as SYSTEM by their targets).
add_library(sushi_warnings INTERFACE)
target_compile_options(sushi_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor>
  $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic>)
